package io.marketgate.upstream.binance;

import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import java.util.List;
import java.util.Objects;

/**
 * One {@code <symbol>@bookTicker} message: the real-time best bid and ask. The payload has no event
 * type and no event time.
 *
 * @param symbol the upper-case symbol ({@code s})
 * @param updateId the order-book update id ({@code u})
 * @param bid best bid price and quantity ({@code b}, {@code B}); quantity zero when there is none
 * @param ask best ask price and quantity ({@code a}, {@code A}); quantity zero when there is none
 */
public record BookTicker(String symbol, long updateId, PriceLevel bid, PriceLevel ask) {

  /** Validates the parts. */
  public BookTicker {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(bid, "bid");
    Objects.requireNonNull(ask, "ask");
  }

  /** The top of book as a one-level-a-side book (empty sides are left out). */
  public OrderBook toBook() {
    return OrderBook.of(
        bid.isEmpty() ? List.of() : List.of(bid), ask.isEmpty() ? List.of() : List.of(ask));
  }
}
