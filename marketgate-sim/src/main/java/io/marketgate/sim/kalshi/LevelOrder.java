package io.marketgate.sim.kalshi;

/** The order in which the simulator lists the bid levels of each book side. */
public enum LevelOrder {
  /** Ascending price: the best (highest) bid is the last element, as Kalshi's guide says. */
  ASCENDING,
  /** Descending price: the best bid is the first element ("best to worst"). */
  DESCENDING
}
