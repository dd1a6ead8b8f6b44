package io.marketgate.model;

import java.util.List;

/** The kind of a full-game sports betting market that every odds feed is normalized to. */
public enum MarketType {
  /** Which team wins; no points. Sides {@link BetSide#HOME} and {@link BetSide#AWAY}. */
  MONEYLINE(List.of(BetSide.HOME, BetSide.AWAY), false),
  /** Which team covers a handicap; each side carries its own points (home −6.5, away +6.5). */
  SPREAD(List.of(BetSide.HOME, BetSide.AWAY), true),
  /** Whether the combined score goes over or under a number; both sides carry that number. */
  TOTAL(List.of(BetSide.OVER, BetSide.UNDER), true);

  private final List<BetSide> sides;
  private final boolean hasPoints;

  MarketType(List<BetSide> sides, boolean hasPoints) {
    this.sides = sides;
    this.hasPoints = hasPoints;
  }

  /**
   * The two sides of this market in the fixed order used by {@link OddsLine#decimalOdds()} and
   * {@link OddsLine#fairProbabilities(DeVigMethod)}: home then away, or over then under.
   */
  public List<BetSide> sides() {
    return sides;
  }

  /** Whether outcomes of this market carry points (spread and total do, moneyline does not). */
  public boolean hasPoints() {
    return hasPoints;
  }
}
