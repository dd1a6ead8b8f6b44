package io.marketgate.server.slate;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The date part of Kalshi NBA event tickers, {@code 26NOV21}. */
final class TickerDates {

  /** Formats a date as it appears in tickers (upper-case it before comparing). */
  static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyMMMdd", Locale.ROOT);

  private TickerDates() {}
}
