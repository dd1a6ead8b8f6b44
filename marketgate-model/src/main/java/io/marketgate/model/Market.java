package io.marketgate.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One market (one order book) as every venue has it: identity, grouping, state and the venue's own
 * top-of-book summary. Venue-specific fields that have no common meaning go into {@code attributes}
 * verbatim.
 *
 * @param key venue and ticker
 * @param eventTicker the event (game, question) the market belongs to
 * @param seriesTicker the series or family of events, for example {@code KXNBAGAME}; empty when the
 *     venue has none
 * @param title what the market asks, as the venue words it
 * @param status the venue's status word, lower-case (for example {@code active}, {@code open},
 *     {@code closed}, {@code settled})
 * @param yesBid best bid of the YES side in dollars, as the venue reports it on the market
 * @param yesAsk best ask of the YES side in dollars
 * @param lastPrice last traded price in dollars
 * @param volume contracts traded
 * @param openInterest contracts open
 * @param closeTime when trading closes
 * @param attributes other venue fields, by the venue's name for them
 */
public record Market(
    MarketKey key,
    String eventTicker,
    Optional<String> seriesTicker,
    String title,
    String status,
    Optional<BigDecimal> yesBid,
    Optional<BigDecimal> yesAsk,
    Optional<BigDecimal> lastPrice,
    Optional<BigDecimal> volume,
    Optional<BigDecimal> openInterest,
    Optional<Instant> closeTime,
    Map<String, String> attributes) {

  private static final String RECORD = "Market";

  /** Validates the parts; a missing part throws {@link ModelException} naming it. */
  public Market {
    KeyText.present(RECORD, "key", key);
    String where = RECORD + " " + key;
    KeyText.present(where, "eventTicker", eventTicker);
    if (eventTicker.isBlank()) {
      throw new ModelException(where + ": eventTicker must not be blank");
    }
    KeyText.present(where, "seriesTicker", seriesTicker);
    KeyText.present(where, "title", title);
    KeyText.present(where, "status", status);
    KeyText.present(where, "yesBid", yesBid);
    KeyText.present(where, "yesAsk", yesAsk);
    KeyText.present(where, "lastPrice", lastPrice);
    KeyText.present(where, "volume", volume);
    KeyText.present(where, "openInterest", openInterest);
    KeyText.present(where, "closeTime", closeTime);
    attributes = Map.copyOf(Objects.requireNonNull(attributes, where + ": attributes"));
  }
}
