package io.marketgate.sim.polymarket;

/** The order in which the simulated Polymarket lists book levels. */
public enum PolymarketLevelOrder {
  /** As seen on the live wire: bids ascending and asks descending, the best level last. */
  WIRE,
  /** As the docs describe: the best level first on both sides. */
  DOCUMENTED,
  /** A random order per message. */
  SHUFFLED
}
