package io.marketgate.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CachedResource} ages its values. With {@code age} the time since a value was loaded:
 *
 * <ul>
 *   <li>{@code age < refreshAhead}: served as is;
 *   <li>{@code refreshAhead <= age < ttl}: served as is while one background reload runs;
 *   <li>{@code ttl <= age < maxStale}: the caller waits for a reload; if it fails the old value is
 *       served labelled stale;
 *   <li>{@code age >= maxStale}: the value is gone and the key loads like a miss.
 * </ul>
 *
 * @param ttl how long a value counts as fresh
 * @param refreshAhead age from which a read triggers a background reload; at most {@code ttl}
 *     ({@code refreshAhead == ttl} disables refresh-ahead)
 * @param maxStale age after which a value is never served; at least {@code ttl}
 * @param negativeTtl how long a load failure is remembered, during which the loader is not called
 *     again for that key by reads; zero remembers nothing
 * @param persist whether successful loads are written to the resource's {@link FileTier}
 */
public record ResourcePolicy(
    Duration ttl, Duration refreshAhead, Duration maxStale, Duration negativeTtl, boolean persist) {

  /** Validates {@code 0 < refreshAhead <= ttl <= maxStale} and {@code negativeTtl >= 0}. */
  public ResourcePolicy {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(refreshAhead, "refreshAhead");
    Objects.requireNonNull(maxStale, "maxStale");
    Objects.requireNonNull(negativeTtl, "negativeTtl");
    requirePositive("ttl", ttl);
    requirePositive("refreshAhead", refreshAhead);
    requirePositive("maxStale", maxStale);
    if (negativeTtl.isNegative()) {
      throw new IllegalArgumentException("negativeTtl must not be negative, was " + negativeTtl);
    }
    if (refreshAhead.compareTo(ttl) > 0) {
      throw new IllegalArgumentException(
          "refreshAhead must not exceed ttl, was " + refreshAhead + " with ttl " + ttl);
    }
    if (maxStale.compareTo(ttl) < 0) {
      throw new IllegalArgumentException(
          "maxStale must be at least ttl, was " + maxStale + " with ttl " + ttl);
    }
  }

  /**
   * A policy where values live exactly {@code ttl}: no refresh-ahead, no stale serving, failures
   * not remembered, not persisted.
   */
  public static ResourcePolicy of(Duration ttl) {
    return new ResourcePolicy(ttl, ttl, ttl, Duration.ZERO, false);
  }

  /** This policy with background reloads starting at age {@code refreshAhead}. */
  public ResourcePolicy withRefreshAhead(Duration refreshAhead) {
    return new ResourcePolicy(ttl, refreshAhead, maxStale, negativeTtl, persist);
  }

  /** This policy with stale values served up to age {@code maxStale}. */
  public ResourcePolicy withMaxStale(Duration maxStale) {
    return new ResourcePolicy(ttl, refreshAhead, maxStale, negativeTtl, persist);
  }

  /** This policy with load failures remembered for {@code negativeTtl}. */
  public ResourcePolicy withNegativeTtl(Duration negativeTtl) {
    return new ResourcePolicy(ttl, refreshAhead, maxStale, negativeTtl, persist);
  }

  /** This policy with persistence to the file tier switched on or off. */
  public ResourcePolicy withPersist(boolean persist) {
    return new ResourcePolicy(ttl, refreshAhead, maxStale, negativeTtl, persist);
  }

  private static void requirePositive(String field, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, was " + value);
    }
  }
}
