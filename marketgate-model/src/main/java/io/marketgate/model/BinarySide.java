package io.marketgate.model;

/** One side of a binary (YES/NO) market whose book lists bids only, as Kalshi's does. */
public enum BinarySide {
  /** Bids to buy YES; a YES bid at p is a NO ask at 1 − p. */
  YES,
  /** Bids to buy NO; a NO bid at p is a YES ask at 1 − p. */
  NO
}
