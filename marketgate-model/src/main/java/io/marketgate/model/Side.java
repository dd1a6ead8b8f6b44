package io.marketgate.model;

import java.math.BigDecimal;

/** One side of a two-sided order book: resting buy orders (bids) or resting sell orders (asks). */
public enum Side {
  /** Buy orders; the best bid is the highest price. */
  BID,
  /** Sell orders; the best ask is the lowest price. */
  ASK;

  /** Negative if price {@code a} is better than {@code b} on this side (sorts best first). */
  int compareBestFirst(BigDecimal a, BigDecimal b) {
    return this == BID ? b.compareTo(a) : a.compareTo(b);
  }

  /** The other side. */
  public Side opposite() {
    return this == BID ? ASK : BID;
  }
}
