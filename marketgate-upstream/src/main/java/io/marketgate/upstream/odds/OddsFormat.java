package io.marketgate.upstream.odds;

import java.util.Locale;

/** The price format The Odds API is asked for ({@code oddsFormat}) and answers in. */
public enum OddsFormat {
  /** American odds, for example {@code -110} or {@code 198}. */
  AMERICAN,
  /** Decimal odds, for example {@code 1.91} or {@code 2.98}. */
  DECIMAL;

  /** The query value, {@code american} or {@code decimal}. */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
