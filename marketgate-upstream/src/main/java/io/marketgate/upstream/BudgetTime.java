package io.marketgate.upstream;

import io.github.bucket4j.TimeMeter;
import io.marketgate.cache.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One {@link Clock} seen as both a Bucket4j {@link TimeMeter} and a {@link java.time.Clock} (for
 * Resilience4j), so that the buckets, the circuit breaker and the budget's own decisions all read
 * the same time. The time is the wall time when this was made plus the monotonic time since, so it
 * never jumps with the system clock but is close enough to wall time for minute-aligned windows.
 * Thread-safe.
 */
final class BudgetTime extends java.time.Clock implements TimeMeter {

  private final Clock clock;
  private final long originNanos;
  private final long wallOriginNanos;

  BudgetTime(Clock clock) {
    this.clock = clock;
    this.originNanos = clock.nanoTime();
    Instant wall = clock.wallTime();
    this.wallOriginNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
  }

  /** The clock underneath. */
  Clock clock() {
    return clock;
  }

  /** Nanoseconds since the epoch, advancing with the monotonic clock. */
  @Override
  public long currentTimeNanos() {
    return wallOriginNanos + (clock.nanoTime() - originNanos);
  }

  @Override
  public boolean isWallClockBased() {
    return true;
  }

  @Override
  public Instant instant() {
    long n = currentTimeNanos();
    return Instant.ofEpochSecond(
        Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
  }

  @Override
  public long millis() {
    return Math.floorDiv(currentTimeNanos(), 1_000_000L);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public java.time.Clock withZone(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return this;
    }
    throw new UnsupportedOperationException("budget time is UTC only, asked for " + zone);
  }
}
