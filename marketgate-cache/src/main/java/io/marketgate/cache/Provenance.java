package io.marketgate.cache;

/**
 * Where a cached value came from. Together with its age this is the freshness label every answer
 * carries ({@code X-Source}).
 */
public enum Provenance {
  /** Published or loaded from the upstream during this run. */
  LIVE,
  /** Served after its freshness window because the refresh failed; still within the stale bound. */
  STALE,
  /** Restored from the file tier or the journal at start-up, not yet refreshed from upstream. */
  WARM,
  /** Read from the SQL journal on a cache miss. */
  DB;

  /**
   * The lower-case label used on the wire ({@code live}, {@code stale}, {@code warm}, {@code db}).
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
