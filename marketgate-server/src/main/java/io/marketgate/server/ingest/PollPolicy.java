package io.marketgate.server.ingest;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often a source polls: a base interval and a jitter fraction, so that sources started together
 * do not call their upstreams in lock-step.
 *
 * @param interval the mean time between the end of one poll and the start of the next
 * @param jitter the fraction the interval varies by, uniformly, in {@code [0, 0.5]}; {@code 0.1}
 *     makes a 30 s interval fall in {@code [27 s, 33 s]}
 */
public record PollPolicy(Duration interval, double jitter) {

  /** Validates {@code interval > 0} and {@code 0 <= jitter <= 0.5}. */
  public PollPolicy {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive, was " + interval);
    }
    if (!(jitter >= 0 && jitter <= 0.5)) {
      throw new IllegalArgumentException("poll jitter must be in [0, 0.5], was " + jitter);
    }
  }

  /** Every {@code interval}, plus or minus 10 %. */
  public static PollPolicy every(Duration interval) {
    return new PollPolicy(interval, 0.1);
  }

  /** This policy with another jitter fraction. */
  public PollPolicy withJitter(double jitter) {
    return new PollPolicy(interval, jitter);
  }

  /** One delay drawn from {@code random}: the interval scaled by a factor in [1 - j, 1 + j]. */
  public Duration nextDelay(RandomGenerator random) {
    double factor = 1 + jitter * (2 * random.nextDouble() - 1);
    return Duration.ofNanos(Math.max(1L, (long) (interval.toNanos() * factor)));
  }
}
