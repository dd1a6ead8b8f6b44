package io.marketgate.server.ingest;

import io.marketgate.cache.Clock;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.EventKey;
import io.marketgate.model.Market;
import io.marketgate.model.MarketKey;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OrderBook;
import java.util.Objects;

/**
 * Everything the gateway serves, in one place: the stores that ingest writes (one writer per key)
 * and that the API, views and journal read. Created once per gateway; holds no threads.
 */
public final class MarketData {

  /** Snapshots kept per market, book or event for history routes and stream resumes. */
  public static final int HISTORY = 64;

  /** Snapshots kept per odds event for line history and stream resumes. */
  public static final int EVENT_HISTORY = 16;

  /** Mid prices kept per book for sparklines. */
  public static final int MID_POINTS = 512;

  private final Clock clock;
  private final KeyedSnapshotStore<MarketKey, Market> markets;
  private final KeyedSnapshotStore<MarketKey, BinaryBook> books;
  private final KeyedSnapshotStore<EventKey, OddsEvent> oddsEvents;
  private final KeyedSnapshotStore<MarketKey, OrderBook> orderBooks;

  private MarketData(Clock clock, int history, int midPoints, int eventHistory) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.markets =
        KeyedSnapshotStore.<MarketKey, Market>builder("markets")
            .source("ingest")
            .clock(clock)
            .historySize(history)
            .build();
    this.books =
        KeyedSnapshotStore.<MarketKey, BinaryBook>builder("books")
            .source("ingest")
            .clock(clock)
            .historySize(history)
            .scalarHistory(
                midPoints,
                b -> b.yesMid().map(java.math.BigDecimal::doubleValue).orElse(Double.NaN))
            .build();
    this.orderBooks =
        KeyedSnapshotStore.<MarketKey, OrderBook>builder("order_books")
            .source("ingest")
            .clock(clock)
            .historySize(history)
            .scalarHistory(
                midPoints, b -> b.mid().map(java.math.BigDecimal::doubleValue).orElse(Double.NaN))
            .build();
    this.oddsEvents =
        KeyedSnapshotStore.<EventKey, OddsEvent>builder("odds_events")
            .source("ingest")
            .clock(clock)
            .historySize(eventHistory)
            .build();
  }

  /** Empty stores on {@code clock} with the default history sizes. */
  public static MarketData create(Clock clock) {
    return new MarketData(clock, HISTORY, MID_POINTS, EVENT_HISTORY);
  }

  /**
   * Empty stores on {@code clock} keeping {@code history} snapshots per key and {@code midPoints}
   * mid prices per book.
   */
  public static MarketData create(Clock clock, int history, int midPoints) {
    return new MarketData(clock, history, midPoints, Math.min(history, EVENT_HISTORY));
  }

  /**
   * Empty stores on {@code clock} keeping {@code history} snapshots per market and book, {@code
   * midPoints} mid prices per book and {@code eventHistory} snapshots per odds event (events are
   * wide: a snapshot of one holds every bookmaker's lines).
   */
  public static MarketData create(Clock clock, int history, int midPoints, int eventHistory) {
    return new MarketData(clock, history, midPoints, eventHistory);
  }

  /** The clock every store ages by. */
  public Clock clock() {
    return clock;
  }

  /** Markets by venue and ticker. */
  public KeyedSnapshotStore<MarketKey, Market> markets() {
    return markets;
  }

  /** Binary (Kalshi) order books by venue and ticker, with a mid-price series each. */
  public KeyedSnapshotStore<MarketKey, BinaryBook> books() {
    return books;
  }

  /**
   * Two-sided order books of the non-binary venues (Polymarket outcome tokens, Binance symbols) by
   * venue and ticker, with a mid-price series each.
   */
  public KeyedSnapshotStore<MarketKey, OrderBook> orderBooks() {
    return orderBooks;
  }

  /** Sports events with every bookmaker's lines, by feed and event id. */
  public KeyedSnapshotStore<EventKey, OddsEvent> oddsEvents() {
    return oddsEvents;
  }
}
