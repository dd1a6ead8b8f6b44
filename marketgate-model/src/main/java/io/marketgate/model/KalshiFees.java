package io.marketgate.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Kalshi's taker fee, computed exactly in {@link BigDecimal} dollars: {@code ceil(rate · C · P · (1
 * − P) · 100) / 100} for C contracts at price P, rounded up to the cent once per order. Makers pay
 * nothing.
 *
 * <p>UNCONFIRMED: the per-contract formula and the default rate 0.07 are empirical (third-party
 * notes and nba_scanner's {@code FEE_RATE}), not checked against Kalshi's official fee schedule;
 * rounding once per order rather than per contract is also unverified, and some series may use
 * other rates. Pass the rate explicitly when it is known.
 */
public final class KalshiFees {

  /** The default taker fee rate, 0.07 (unconfirmed; see the class comment). */
  public static final BigDecimal DEFAULT_TAKER_RATE = new BigDecimal("0.07");

  private static final String WHERE = "KalshiFees";
  private static final BigDecimal MAX_RATE = BigDecimal.ONE;

  private KalshiFees() {}

  /** The taker fee in dollars for one contract at {@code price}, at the default rate 0.07. */
  public static BigDecimal takerFeePerContract(BigDecimal price) {
    return takerFee(price, BigDecimal.ONE, DEFAULT_TAKER_RATE);
  }

  /**
   * The taker fee in dollars for one contract at {@code price}: {@code ceil(rate·P·(1−P)·100)/100}.
   */
  public static BigDecimal takerFeePerContract(BigDecimal price, BigDecimal rate) {
    return takerFee(price, BigDecimal.ONE, rate);
  }

  /**
   * The taker fee in dollars for an order of {@code contracts} contracts at {@code price}: {@code
   * ceil(rate·C·P·(1−P)·100)/100}, rounded up to the cent once for the whole order.
   *
   * @throws ModelException if the price is not strictly between 0 and 1, the count is not positive
   *     or the rate is not in [0, 1]
   */
  public static BigDecimal takerFee(BigDecimal price, BigDecimal contracts, BigDecimal rate) {
    KeyText.present(WHERE, "price", price);
    KeyText.present(WHERE, "contracts", contracts);
    KeyText.present(WHERE, "rate", rate);
    if (price.signum() <= 0 || price.compareTo(BigDecimal.ONE) >= 0) {
      throw new ModelException(
          WHERE
              + ": price must be strictly between 0 and 1 dollar but was "
              + price.toPlainString());
    }
    if (contracts.signum() <= 0) {
      throw new ModelException(
          WHERE + ": contracts must be positive but was " + contracts.toPlainString());
    }
    if (rate.signum() < 0 || rate.compareTo(MAX_RATE) > 0) {
      throw new ModelException(WHERE + ": rate must be in [0, 1] but was " + rate.toPlainString());
    }
    BigDecimal raw =
        rate.multiply(contracts).multiply(price).multiply(BigDecimal.ONE.subtract(price));
    return raw.setScale(2, RoundingMode.CEILING);
  }
}
