package io.marketgate.upstream.binance;

import io.marketgate.model.PriceLevel;
import java.util.List;
import java.util.Objects;

/**
 * One {@code depthUpdate} event of the {@code <symbol>@depth[@100ms]} diff stream. Sizes are
 * absolute: the new total at that price; a size of zero removes the level.
 *
 * @param symbol the upper-case symbol ({@code s})
 * @param eventTimeMillis the event time ({@code E}), epoch milliseconds
 * @param firstUpdateId the first update id in the event ({@code U})
 * @param finalUpdateId the final update id in the event ({@code u})
 * @param bids changed bid levels ({@code b}), size zero for removals
 * @param asks changed ask levels ({@code a}), size zero for removals
 */
public record DepthDiff(
    String symbol,
    long eventTimeMillis,
    long firstUpdateId,
    long finalUpdateId,
    List<PriceLevel> bids,
    List<PriceLevel> asks) {

  /** Validates the parts and copies the lists. */
  public DepthDiff {
    Objects.requireNonNull(symbol, "symbol");
    bids = List.copyOf(bids);
    asks = List.copyOf(asks);
    if (firstUpdateId < 0 || finalUpdateId < firstUpdateId) {
      throw new IllegalArgumentException(
          "update ids must satisfy 0 <= U <= u, were U=" + firstUpdateId + " u=" + finalUpdateId);
    }
  }
}
