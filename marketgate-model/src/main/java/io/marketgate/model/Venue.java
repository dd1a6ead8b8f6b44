package io.marketgate.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An upstream source of market data: a trading venue or an odds feed. Each venue has a stable
 * lower-case wire id (the enum name in lower case) used in canonical keys and in the HTTP API.
 */
public enum Venue {
  /** Kalshi, a US prediction-market exchange (binary YES/NO contracts). */
  KALSHI,
  /** Polymarket CLOB, a prediction-market exchange (binary outcome tokens). */
  POLYMARKET,
  /** Binance spot, a crypto exchange. */
  BINANCE,
  /** The Odds API, an aggregator of sportsbook odds. */
  ODDS_API,
  /** Unabated, a sports-odds feed with fair lines. */
  UNABATED;

  private static final String VALID_IDS =
      Arrays.stream(values()).map(Venue::id).collect(Collectors.joining(", "));

  private final String id = name().toLowerCase(Locale.ROOT);

  /** The lower-case wire id of this venue, for example {@code kalshi} or {@code odds_api}. */
  public String id() {
    return id;
  }

  /**
   * The venue whose wire id is exactly {@code id} (case-sensitive, as written by {@link #id()}).
   *
   * @throws ModelException if no venue has that id; the message lists the valid ids
   */
  public static Venue parse(String id) {
    if (id != null) {
      for (Venue venue : values()) {
        if (venue.id.equals(id)) {
          return venue;
        }
      }
    }
    throw new ModelException(
        "Venue: unknown venue id " + KeyText.quote(id) + "; expected one of [" + VALID_IDS + "]");
  }
}
