package io.marketgate.cache;

import java.time.Instant;

/**
 * A source of time: a monotonic nanosecond counter for ages and deadlines, and the wall clock for
 * timestamps shown to people and written to disk.
 *
 * <p>Everything in Marketgate that depends on time takes a {@code Clock}, so that tests drive time
 * with a {@link ManualClock} instead of sleeping. Implementations must be thread-safe.
 */
public interface Clock {

  /** Monotonic time in nanoseconds; only differences between two readings are meaningful. */
  long nanoTime();

  /** The current wall-clock time. */
  Instant wallTime();

  /** The system clock: {@link System#nanoTime()} and {@link Instant#now()}. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
