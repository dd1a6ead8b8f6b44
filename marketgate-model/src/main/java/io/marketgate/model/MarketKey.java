package io.marketgate.model;

import java.util.Comparator;

/**
 * Canonical key of one market (one order book) on one venue, for example {@code
 * kalshi:KXNBAGAME-26JAN08MIACHI-MIA}.
 *
 * <p>The ticker is the venue's own identifier, kept verbatim (case-sensitive): non-blank, at most
 * 200 chars, no whitespace or control characters. {@link #toString()} is canonical and injective
 * ({@code venueId:ticker}; venue ids contain no colon, so the first colon separates the parts) and
 * {@link #parse(String)} reverses it. Keys order by venue id, then ticker.
 *
 * @param venue the venue that lists the market
 * @param ticker the venue's market identifier (Kalshi market ticker, Polymarket token id, Binance
 *     symbol)
 */
public record MarketKey(Venue venue, String ticker) implements Comparable<MarketKey> {

  private static final String RECORD = "MarketKey";

  private static final Comparator<MarketKey> ORDER =
      Comparator.comparing((MarketKey k) -> k.venue.id()).thenComparing(MarketKey::ticker);

  /** Validates both parts; a missing or malformed part throws {@link ModelException}. */
  public MarketKey {
    KeyText.present(RECORD, "venue", venue);
    KeyText.require(RECORD, "ticker", ticker, "");
  }

  /**
   * Parses the canonical form {@code venueId:ticker} written by {@link #toString()}.
   *
   * @throws ModelException if the text has no colon, names an unknown venue or has a bad ticker
   */
  public static MarketKey parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon < 0) {
      throw new ModelException(
          RECORD + ": expected \"venue:ticker\" but got " + KeyText.quote(text));
    }
    Venue venue;
    try {
      venue = Venue.parse(text.substring(0, colon));
    } catch (ModelException e) {
      throw new ModelException(
          RECORD + ": cannot parse " + KeyText.quote(text) + ": " + e.getMessage(), e);
    }
    return new MarketKey(venue, text.substring(colon + 1));
  }

  /** Orders by venue id, then ticker (ordinal string comparison). */
  @Override
  public int compareTo(MarketKey other) {
    return ORDER.compare(this, other);
  }

  /**
   * The canonical form {@code venueId:ticker}, for example {@code
   * kalshi:KXNBAGAME-26JAN08MIACHI-MIA}.
   */
  @Override
  public String toString() {
    return venue.id() + ':' + ticker;
  }
}
