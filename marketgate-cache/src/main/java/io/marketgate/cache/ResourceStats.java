package io.marketgate.cache;

/**
 * Counters of one {@link CachedResource} since it was built.
 *
 * @param hits reads answered from a cached value without waiting for the loader
 * @param misses reads that had to wait for the loader, found no value, or were refused because a
 *     recent failure is remembered
 * @param loads loader calls of every kind, refreshes included
 * @param loadFailures loader calls that threw or returned {@code null}
 * @param staleServes answers whose value was older than the policy's ttl ({@code stale} or an old
 *     {@code warm} value)
 * @param refreshes loader calls that reloaded a key which already had a value
 */
public record ResourceStats(
    long hits, long misses, long loads, long loadFailures, long staleServes, long refreshes) {

  /** Validates that no counter is negative. */
  public ResourceStats {
    if (hits < 0
        || misses < 0
        || loads < 0
        || loadFailures < 0
        || staleServes < 0
        || refreshes < 0) {
      throw new IllegalArgumentException(
          "resource counters must not be negative: hits="
              + hits
              + " misses="
              + misses
              + " loads="
              + loads
              + " loadFailures="
              + loadFailures
              + " staleServes="
              + staleServes
              + " refreshes="
              + refreshes);
    }
  }
}
