package io.marketgate.sim.kalshi;

/** Which generation of Kalshi's payloads the simulator writes. */
public enum PayloadGeneration {
  /**
   * Fixed-point payloads (2026): {@code orderbook_fp} with {@code yes_dollars}/{@code no_dollars}
   * string levels, markets with {@code *_dollars}/{@code *_fp} fields only, fractional sizes.
   */
  CURRENT,
  /**
   * Cent payloads (before 2026): {@code orderbook} with integer-cent {@code yes}/{@code no} and
   * dollar arrays, markets with the legacy cent fields too, whole-contract sizes.
   */
  LEGACY
}
