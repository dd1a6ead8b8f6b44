package io.marketgate.model;

import java.math.BigDecimal;

/** Canonical scale and validation of the {@link BigDecimal} prices and sizes of this module. */
final class Decimals {

  /** One dollar: the payout of a winning binary contract. */
  static final BigDecimal ONE = BigDecimal.ONE;

  /** One half, for exact midpoints. */
  static final BigDecimal HALF = new BigDecimal("0.5");

  private Decimals() {}

  /**
   * {@code value} without trailing fractional zeros and with a scale of at least zero, so that
   * numerically equal values are {@code equals} ({@code 0.4500 -> 0.45}, {@code 100.00 -> 100}).
   */
  static BigDecimal canonical(BigDecimal value) {
    if (value.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (value.scale() <= 0) {
      return value.scale() == 0 ? value : value.setScale(0);
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /** Parses a decimal string such as {@code "0.4500"}; a bad string throws naming the part. */
  static BigDecimal parse(String where, String part, String text) {
    if (text == null) {
      throw new ModelException(where + ": " + part + " is missing");
    }
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new ModelException(
          where + ": " + part + " " + KeyText.quote(text) + " is not a decimal number", e);
    }
  }
}
