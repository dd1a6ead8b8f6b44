package io.marketgate.model;

import java.util.OptionalDouble;

/**
 * One priced outcome of a bookmaker's market line: the side it backs, its points (spread handicap
 * of that side, or the total; empty for a moneyline) and its price.
 *
 * @param side the side the outcome backs
 * @param points the handicap or total of this outcome; empty for a moneyline
 * @param price the price of the outcome
 */
public record OddsOutcome(BetSide side, OptionalDouble points, OddsPrice price) {

  private static final String RECORD = "OddsOutcome";

  /** Validates the parts: all present and the points, if any, finite. */
  public OddsOutcome {
    KeyText.present(RECORD, "side", side);
    KeyText.present(RECORD, "points", points);
    KeyText.present(RECORD, "price", price);
    if (points.isPresent() && !Double.isFinite(points.getAsDouble())) {
      throw new ModelException(
          RECORD + ": points of " + side + " must be finite but was " + points.getAsDouble());
    }
  }

  /** An outcome without points (a moneyline side). */
  public static OddsOutcome of(BetSide side, OddsPrice price) {
    return new OddsOutcome(side, OptionalDouble.empty(), price);
  }

  /** An outcome with points (a spread or total side). */
  public static OddsOutcome of(BetSide side, double points, OddsPrice price) {
    return new OddsOutcome(side, OptionalDouble.of(points), price);
  }
}
