package io.marketgate.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told to, for tests and for replaying recorded data. Thread-safe: any
 * thread may advance it and any thread may read it.
 */
public final class ManualClock implements Clock {

  private final Instant wallOrigin;
  private final AtomicLong nanos;

  /** A clock at monotonic time zero whose wall time starts at {@code wallOrigin}. */
  public ManualClock(Instant wallOrigin) {
    this.wallOrigin = Objects.requireNonNull(wallOrigin, "wallOrigin");
    this.nanos = new AtomicLong();
  }

  /** A clock whose wall time starts at 2026-01-09T23:00:00Z, a typical NBA tip-off evening. */
  public ManualClock() {
    this(Instant.parse("2026-01-09T23:00:00Z"));
  }

  /** Moves both the monotonic and the wall time forward by {@code step}; returns this clock. */
  public ManualClock advance(Duration step) {
    if (step.isNegative()) {
      throw new IllegalArgumentException("a clock cannot go backwards, step was " + step);
    }
    nanos.addAndGet(step.toNanos());
    return this;
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public Instant wallTime() {
    return wallOrigin.plusNanos(nanos.get());
  }
}
