package io.marketgate.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One bookmaker's line on one market of an event: one or two priced outcomes and when the bookmaker
 * last changed it. Outcomes are kept in the market's fixed side order ({@link MarketType#sides()}).
 *
 * <p>A line is <em>two-way</em> when both sides are priced and their points agree (spread: home
 * points = −away points; total: the same number on both sides); only a two-way line can be
 * de-vigged. A one-sided line is valid (a feed may price one side only for a while).
 *
 * @param bookmaker who prices the line
 * @param market the market type
 * @param outcomes one or two outcomes, distinct sides of {@code market}, with points exactly when
 *     the market has points
 * @param updatedAt when the bookmaker last updated the line
 */
public record OddsLine(
    Bookmaker bookmaker, MarketType market, List<OddsOutcome> outcomes, Instant updatedAt) {

  private static final String RECORD = "OddsLine";

  /** Largest difference at which two points count as agreeing (points are multiples of 0.5). */
  private static final double POINTS_TOLERANCE = 1e-9;

  /** Validates the parts and sorts the outcomes into side order. */
  public OddsLine {
    KeyText.present(RECORD, "bookmaker", bookmaker);
    KeyText.present(RECORD, "market", market);
    KeyText.present(RECORD, "outcomes", outcomes);
    KeyText.present(RECORD, "updatedAt", updatedAt);
    String where = RECORD + " " + bookmaker.id() + " " + market;
    if (outcomes.isEmpty() || outcomes.size() > 2) {
      throw new ModelException(
          where + ": needs 1 or 2 outcomes but got " + outcomes.size() + " " + outcomes);
    }
    Set<BetSide> seen = EnumSet.noneOf(BetSide.class);
    for (OddsOutcome o : outcomes) {
      KeyText.present(where, "outcome", o);
      if (!market.sides().contains(o.side())) {
        throw new ModelException(
            where + ": outcome side " + o.side() + " is not one of " + market.sides());
      }
      if (!seen.add(o.side())) {
        throw new ModelException(where + ": side " + o.side() + " appears twice");
      }
      if (o.points().isPresent() != market.hasPoints()) {
        throw new ModelException(
            where
                + ": outcome "
                + o.side()
                + (market.hasPoints() ? " needs points" : " must not carry points")
                + " but has "
                + o.points());
      }
    }
    List<OddsOutcome> sorted = new ArrayList<>(outcomes);
    sorted.sort(Comparator.comparingInt(o -> market.sides().indexOf(o.side())));
    outcomes = List.copyOf(sorted);
  }

  /** The outcome backing {@code side}, if this line prices it. */
  public Optional<OddsOutcome> outcome(BetSide side) {
    return outcomes.stream().filter(o -> o.side() == side).findFirst();
  }

  /** Whether both sides are priced with agreeing points, so the line can be de-vigged. */
  public boolean isTwoWay() {
    if (outcomes.size() != 2) {
      return false;
    }
    if (!market.hasPoints()) {
      return true;
    }
    double first = outcomes.get(0).points().orElseThrow();
    double second = outcomes.get(1).points().orElseThrow();
    double gap = market == MarketType.SPREAD ? first + second : first - second;
    return Math.abs(gap) <= POINTS_TOLERANCE;
  }

  /**
   * The decimal odds of the two sides in {@link MarketType#sides()} order, ready for {@link DeVig}.
   *
   * @throws ModelException if the line is not two-way
   */
  public double[] decimalOdds() {
    if (!isTwoWay()) {
      throw new ModelException(
          RECORD
              + " "
              + bookmaker.id()
              + " "
              + market
              + ": not two-way (needs both of "
              + market.sides()
              + " with agreeing points) but has "
              + outcomes);
    }
    return new double[] {outcomes.get(0).price().decimal(), outcomes.get(1).price().decimal()};
  }

  /**
   * The vig-free probabilities of the two sides in {@link MarketType#sides()} order, by {@code
   * method}.
   *
   * @throws ModelException if the line is not two-way or the method rejects the prices
   */
  public double[] fairProbabilities(DeVigMethod method) {
    return DeVig.fairProbabilities(method, decimalOdds());
  }

  /**
   * The vig-free probability of {@code side}, by {@code method}.
   *
   * @throws ModelException if {@code side} is not a side of this market or the line is not two-way
   */
  public double fairProbability(BetSide side, DeVigMethod method) {
    int index = market.sides().indexOf(side);
    if (index < 0) {
      throw new ModelException(
          RECORD + " " + market + ": side " + side + " is not one of " + market.sides());
    }
    return fairProbabilities(method)[index];
  }
}
