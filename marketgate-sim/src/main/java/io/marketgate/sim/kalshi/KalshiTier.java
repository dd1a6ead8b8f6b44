package io.marketgate.sim.kalshi;

/** Kalshi's API usage tiers and their read-token refill rates per second. */
public enum KalshiTier {
  /** Basic: 200 read tokens per second. */
  BASIC(200),
  /** Advanced: 300 read tokens per second. */
  ADVANCED(300),
  /** Premier: 1,000 read tokens per second. */
  PREMIER(1_000),
  /** Paragon: 2,000 read tokens per second. */
  PARAGON(2_000),
  /** Prime: 4,000 read tokens per second. */
  PRIME(4_000);

  private final int readTokensPerSecond;

  KalshiTier(int readTokensPerSecond) {
    this.readTokensPerSecond = readTokensPerSecond;
  }

  /** The read bucket's refill rate, in tokens per second. */
  public int readTokensPerSecond() {
    return readTokensPerSecond;
  }
}
