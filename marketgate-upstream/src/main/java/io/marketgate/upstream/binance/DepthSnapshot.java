package io.marketgate.upstream.binance;

import io.marketgate.model.OrderBook;
import java.util.Objects;

/**
 * A REST depth snapshot ({@code GET /api/v3/depth}): the book as of update id {@code lastUpdateId}.
 *
 * @param symbol the upper-case symbol, for example {@code BTCUSDT}
 * @param lastUpdateId the id of the last update the snapshot includes
 * @param book the levels, depth-limited by the request's {@code limit}
 */
public record DepthSnapshot(String symbol, long lastUpdateId, OrderBook book) {

  /** Validates the parts. */
  public DepthSnapshot {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(book, "book");
    if (lastUpdateId < 0) {
      throw new IllegalArgumentException("lastUpdateId must be >= 0, was " + lastUpdateId);
    }
  }
}
