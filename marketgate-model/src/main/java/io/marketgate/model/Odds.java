package io.marketgate.model;

import java.math.BigDecimal;

/**
 * Conversions between American odds, decimal odds and implied probability, and the expected value
 * of a binary contract.
 *
 * <p>Probability math is statistical, so it uses {@code double}. Venue prices and fees stay {@link
 * BigDecimal} until they enter a formula here, where they are converted once with {@link
 * BigDecimal#doubleValue()}: that call is the boundary between exact venue amounts and estimates.
 *
 * <p>Valid inputs: American odds are finite with {@code |A| >= 100} (odds in (−100, 100) do not
 * exist); decimal odds are finite and {@code > 1}; probabilities are strictly between 0 and 1. Even
 * money is written {@code +100}. Anything else throws {@link ModelException}.
 */
public final class Odds {

  private Odds() {}

  /** Decimal odds of American odds: {@code 1 + A/100} for A > 0, {@code 1 + 100/|A|} for A < 0. */
  public static double americanToDecimal(double american) {
    requireAmerican(american);
    return american > 0 ? 1 + american / 100 : 1 + 100 / -american;
  }

  /** American odds of decimal odds: {@code 100(d − 1)} for d ≥ 2, {@code −100/(d − 1)} below. */
  public static double decimalToAmerican(double decimal) {
    requireDecimal(decimal);
    return decimal >= 2 ? 100 * (decimal - 1) : -100 / (decimal - 1);
  }

  /** Implied probability of decimal odds: {@code 1/d}. */
  public static double decimalToProbability(double decimal) {
    requireDecimal(decimal);
    return 1 / decimal;
  }

  /** Decimal odds of a probability: {@code 1/p}. */
  public static double probabilityToDecimal(double probability) {
    requireProbability("probability", probability);
    return 1 / probability;
  }

  /**
   * Implied probability of American odds: {@code |A|/(|A|+100)} for A < 0, {@code 100/(A+100)} for
   * A > 0.
   */
  public static double americanToProbability(double american) {
    requireAmerican(american);
    return american > 0 ? 100 / (american + 100) : -american / (-american + 100);
  }

  /**
   * American odds of a probability: {@code −100p/(1−p)} for p > 0.5, {@code 100(1−p)/p} otherwise
   * (so even money is {@code +100}, as {@link #decimalToAmerican} gives for 2.0).
   */
  public static double probabilityToAmerican(double probability) {
    requireProbability("probability", probability);
    return probability > 0.5
        ? -100 * probability / (1 - probability)
        : 100 * (1 - probability) / probability;
  }

  /**
   * Expected profit in dollars of buying one binary contract at {@code price} that pays 1 dollar if
   * it wins, when the outcome has probability {@code probability} and the venue charges {@code
   * feePerContract} (taken on wins, as nba_scanner models Kalshi): {@code p·((1 − P) − fee) − (1 −
   * p)·P}, which equals {@code p·(1 − fee) − P}. If the fee is charged on every fill, win or lose,
   * the expected value is lower by {@code (1 − p)·fee}: subtract that for such venues.
   *
   * @param probability the (fair) probability that the contract wins, in [0, 1]
   * @param price the price paid, dollars strictly between 0 and 1
   * @param feePerContract the fee per contract in dollars, zero or positive (see {@link
   *     KalshiFees})
   */
  public static double expectedValue(
      double probability, BigDecimal price, BigDecimal feePerContract) {
    if (!(probability >= 0 && probability <= 1)) {
      throw new ModelException(
          "Odds.expectedValue: probability must be in [0, 1] but was " + probability);
    }
    double p = requireContractPrice("Odds.expectedValue", price);
    double fee = requireFee("Odds.expectedValue", feePerContract);
    return probability * ((1 - p) - fee) - (1 - probability) * p;
  }

  /**
   * The probability at which buying at {@code price} with {@code feePerContract} breaks even:
   * {@code P / (1 − fee)}. A result of 1 or more means no probability makes the trade pay.
   */
  public static double breakEvenProbability(BigDecimal price, BigDecimal feePerContract) {
    double p = requireContractPrice("Odds.breakEvenProbability", price);
    double fee = requireFee("Odds.breakEvenProbability", feePerContract);
    return fee >= 1 ? Double.POSITIVE_INFINITY : p / (1 - fee);
  }

  static void requireAmerican(double american) {
    if (!Double.isFinite(american) || Math.abs(american) < 100) {
      throw new ModelException(
          "Odds: American odds must be finite with |odds| >= 100 (values in (-100, 100) do not"
              + " exist) but was "
              + american);
    }
  }

  static void requireDecimal(double decimal) {
    if (!(Double.isFinite(decimal) && decimal > 1)) {
      throw new ModelException(
          "Odds: decimal odds must be finite and greater than 1 but was " + decimal);
    }
  }

  static void requireProbability(String what, double probability) {
    if (!(probability > 0 && probability < 1)) {
      throw new ModelException(
          "Odds: " + what + " must be strictly between 0 and 1 but was " + probability);
    }
  }

  private static double requireContractPrice(String where, BigDecimal price) {
    KeyText.present(where, "price", price);
    if (price.signum() <= 0 || price.compareTo(BigDecimal.ONE) >= 0) {
      throw new ModelException(
          where
              + ": price must be strictly between 0 and 1 dollar but was "
              + price.toPlainString());
    }
    return price.doubleValue();
  }

  private static double requireFee(String where, BigDecimal fee) {
    KeyText.present(where, "feePerContract", fee);
    if (fee.signum() < 0) {
      throw new ModelException(
          where + ": feePerContract must be zero or positive but was " + fee.toPlainString());
    }
    return fee.doubleValue();
  }
}
