package io.marketgate.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How much history the last-value cache keeps ({@code cache.*}).
 *
 * @param historySize snapshots kept per market, book or event (history routes, stream resumes)
 * @param midPoints mid prices kept per book (sparklines)
 * @param evictEventsAfterStart how long after its start an odds event is dropped from memory
 * @param eventHistorySize snapshots kept per odds event (event line history, stream resumes)
 */
public record CacheConfig(
    int historySize, int midPoints, Duration evictEventsAfterStart, int eventHistorySize) {

  /** Snapshots kept per odds event unless configured otherwise. */
  public static final int EVENT_HISTORY_SIZE = 16;

  /** Events are dropped from memory this long after their start unless configured otherwise. */
  public static final Duration EVICT_EVENTS_AFTER_START = Duration.ofHours(4);

  /** Validates that both sizes and the eviction age are positive. */
  public CacheConfig {
    if (historySize < 1 || midPoints < 1 || eventHistorySize < 1) {
      throw new IllegalArgumentException(
          "history sizes must be positive, were "
              + historySize
              + ", "
              + midPoints
              + " and "
              + eventHistorySize);
    }
    Objects.requireNonNull(evictEventsAfterStart, "evictEventsAfterStart");
    if (evictEventsAfterStart.isNegative() || evictEventsAfterStart.isZero()) {
      throw new IllegalArgumentException(
          "evictEventsAfterStart must be positive, was " + evictEventsAfterStart);
    }
  }

  /**
   * History sizes with the default eviction age of events (4 h after their start) and the default
   * event history (16).
   */
  public CacheConfig(int historySize, int midPoints) {
    this(historySize, midPoints, EVICT_EVENTS_AFTER_START, EVENT_HISTORY_SIZE);
  }

  /**
   * 64 snapshots and 512 mid points per key, 16 snapshots per odds event; events evicted 4 h after
   * their start.
   */
  public static CacheConfig defaults() {
    return new CacheConfig(64, 512);
  }
}
