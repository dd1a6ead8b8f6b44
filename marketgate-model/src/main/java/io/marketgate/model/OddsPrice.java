package io.marketgate.model;

/**
 * The price of one betting outcome, in American and in decimal odds; both forms always describe the
 * same price. Build it from the form the feed sent with {@link #ofAmerican} or {@link #ofDecimal};
 * the other form is derived with {@link Odds}.
 *
 * @param american American odds: finite, {@code |A| >= 100}; even money is {@code +100}
 * @param decimal decimal odds: finite and above 1
 */
public record OddsPrice(double american, double decimal) {

  private static final String RECORD = "OddsPrice";

  /**
   * Relative difference allowed between {@code decimal} and the decimal odds of {@code american}.
   */
  private static final double CONSISTENCY = 1e-9;

  /** Validates both forms and that they agree; a bad part throws {@link ModelException}. */
  public OddsPrice {
    prefixed(() -> Odds.requireAmerican(american));
    prefixed(() -> Odds.requireDecimal(decimal));
    double expected = Odds.americanToDecimal(american);
    if (Math.abs(expected - decimal) > CONSISTENCY * expected) {
      throw new ModelException(
          RECORD
              + ": decimal "
              + decimal
              + " does not match american "
              + american
              + " (expected decimal "
              + expected
              + ")");
    }
  }

  /** The price of American odds {@code american}, for example {@code -110} or {@code +132}. */
  public static OddsPrice ofAmerican(double american) {
    prefixed(() -> Odds.requireAmerican(american));
    return new OddsPrice(american, Odds.americanToDecimal(american));
  }

  /** The price of decimal odds {@code decimal}, for example {@code 1.91} or {@code 2.32}. */
  public static OddsPrice ofDecimal(double decimal) {
    prefixed(() -> Odds.requireDecimal(decimal));
    return new OddsPrice(Odds.decimalToAmerican(decimal), decimal);
  }

  /** The probability the price implies, vig included: {@code 1/decimal}. */
  public double impliedProbability() {
    return 1 / decimal;
  }

  /** Runs a check of {@link Odds}, naming this record in its message. */
  private static void prefixed(Runnable check) {
    try {
      check.run();
    } catch (ModelException e) {
      String message = e.getMessage();
      String detail = message.startsWith("Odds: ") ? message.substring("Odds: ".length()) : message;
      throw new ModelException(RECORD + ": " + detail, e);
    }
  }
}
