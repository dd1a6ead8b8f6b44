package io.marketgate.upstream.polymarket;

import io.marketgate.model.OrderBook;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One Polymarket book summary, from REST {@code GET /book}, {@code POST /books} or a WebSocket
 * {@code book} event, normalized: levels sorted best first whatever order the wire used.
 *
 * @param assetId the outcome token id ({@code asset_id})
 * @param market the condition id ({@code market}), empty when not sent
 * @param timestamp the venue's timestamp of the book, empty when not sent
 * @param hash the venue's summary hash of the book content, empty when not sent
 * @param book bids and asks
 * @param tickSize the market's tick size, empty when not sent
 * @param minOrderSize the smallest order size, empty when not sent
 * @param lastTradePrice the last trade price, empty when not sent
 */
public record PolymarketBook(
    String assetId,
    Optional<String> market,
    Optional<Instant> timestamp,
    Optional<String> hash,
    OrderBook book,
    Optional<BigDecimal> tickSize,
    Optional<BigDecimal> minOrderSize,
    Optional<BigDecimal> lastTradePrice) {

  /** Validates the parts. */
  public PolymarketBook {
    Objects.requireNonNull(assetId, "assetId");
    if (assetId.isBlank()) {
      throw new IllegalArgumentException("PolymarketBook: asset id is blank");
    }
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(book, "book");
    Objects.requireNonNull(tickSize, "tickSize");
    Objects.requireNonNull(minOrderSize, "minOrderSize");
    Objects.requireNonNull(lastTradePrice, "lastTradePrice");
  }
}
