package io.marketgate.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One immutable published version of a value. Everything a reader needs to judge the value comes
 * with it in the same object, so value, sequence and epoch can never be seen from two different
 * publishes.
 *
 * @param value the published value; must itself be immutable
 * @param seq version within its store, strictly increasing from 1
 * @param epoch continuity counter of the store at publish time
 * @param publishNanos {@link Clock#nanoTime()} at publish, for ages
 * @param wallTime {@link Clock#wallTime()} at publish, for people and for disk
 * @param source label of the producer, for example {@code kalshi.ws}
 * @param provenance where the value came from
 * @param <T> type of the value
 */
public record Snapshot<T>(
    T value,
    long seq,
    long epoch,
    long publishNanos,
    Instant wallTime,
    String source,
    Provenance provenance) {

  /** Validates the parts. */
  public Snapshot {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(wallTime, "wallTime");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(provenance, "provenance");
    if (seq < 1) {
      throw new IllegalArgumentException("seq starts at 1, was " + seq);
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must not be negative, was " + epoch);
    }
  }

  /**
   * Time since publish as of {@code nowNanos} (a {@link Clock#nanoTime()} reading); never negative.
   */
  public Duration age(long nowNanos) {
    return Duration.ofNanos(Math.max(0L, nowNanos - publishNanos));
  }

  /** Time since publish according to {@code clock}. */
  public Duration age(Clock clock) {
    return age(clock.nanoTime());
  }

  /**
   * True when the value is older than {@code threshold} as of {@code nowNanos}, or when it was
   * republished as {@link Provenance#STALE} because its continuity broke.
   */
  public boolean isStale(long nowNanos, Duration threshold) {
    return provenance == Provenance.STALE || age(nowNanos).compareTo(threshold) > 0;
  }

  /** The freshness label of this snapshot as of {@code nowNanos}. */
  public Freshness freshness(long nowNanos) {
    return new Freshness(provenance, age(nowNanos), seq, epoch, wallTime);
  }
}
