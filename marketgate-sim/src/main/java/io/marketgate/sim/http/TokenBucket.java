package io.marketgate.sim.http;

import java.time.Instant;
import java.time.InstantSource;

/**
 * A token bucket: holds at most {@code capacity} tokens and refills at {@code tokensPerSecond}.
 * Thread-safe (all methods are synchronized); time comes from an injected {@link InstantSource}.
 */
public final class TokenBucket {

  private final double capacity;
  private final double tokensPerSecond;
  private final InstantSource clock;
  private double tokens;
  private long lastNanos;

  /** A full bucket of {@code capacity} tokens that refills at {@code tokensPerSecond}. */
  public TokenBucket(double capacity, double tokensPerSecond, InstantSource clock) {
    if (!(capacity > 0) || !(tokensPerSecond > 0)) {
      throw new IllegalArgumentException(
          "TokenBucket: capacity and tokensPerSecond must be positive but were "
              + capacity
              + " and "
              + tokensPerSecond);
    }
    this.capacity = capacity;
    this.tokensPerSecond = tokensPerSecond;
    this.clock = clock;
    this.tokens = capacity;
    this.lastNanos = nanos(clock.instant());
  }

  /** Takes {@code cost} tokens if the bucket holds that many; whether it did. */
  public synchronized boolean tryTake(double cost) {
    long now = nanos(clock.instant());
    if (now > lastNanos) {
      tokens = Math.min(capacity, tokens + (now - lastNanos) * tokensPerSecond / 1e9);
      lastNanos = now;
    }
    if (tokens + 1e-9 >= cost) {
      tokens -= cost;
      return true;
    }
    return false;
  }

  private static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
