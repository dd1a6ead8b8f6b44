package io.marketgate.server.config;

/**
 * How much history the last-value cache keeps ({@code cache.*}).
 *
 * @param historySize snapshots kept per market, book or event (history routes, stream resumes)
 * @param midPoints mid prices kept per book (sparklines)
 */
public record CacheConfig(int historySize, int midPoints) {

  /** Validates that both sizes are positive. */
  public CacheConfig {
    if (historySize < 1 || midPoints < 1) {
      throw new IllegalArgumentException(
          "history sizes must be positive, were " + historySize + " and " + midPoints);
    }
  }

  /** 64 snapshots and 512 mid points per key. */
  public static CacheConfig defaults() {
    return new CacheConfig(64, 512);
  }
}
