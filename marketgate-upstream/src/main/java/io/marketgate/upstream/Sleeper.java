package io.marketgate.upstream;

import io.marketgate.cache.ManualClock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a duration: the only way a {@link TokenBucketBudget} lets time pass (backoff, {@code
 * Retry-After}, waiting for tokens), so that tests can move a {@link ManualClock} instead of
 * sleeping. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Returns after {@code duration} has passed on the budget's clock.
   *
   * @throws InterruptedException when the waiting thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;

  /** Really sleeps the calling thread. */
  static Sleeper system() {
    return duration -> {
      long nanos = duration.toNanos();
      if (nanos > 0) {
        TimeUnit.NANOSECONDS.sleep(nanos);
      }
    };
  }

  /** Does not sleep but moves {@code clock} forward by the duration: for tests and replay. */
  static Sleeper advancing(ManualClock clock) {
    Objects.requireNonNull(clock, "clock");
    return duration -> {
      if (!duration.isNegative()) {
        clock.advance(duration);
      }
    };
  }
}
