package io.marketgate.model;

import java.math.BigDecimal;

/**
 * One price level of an order book: a price and the total size resting at it.
 *
 * <p>Both numbers are stored in canonical scale (trailing fractional zeros removed, so {@code
 * 0.4500} and {@code 0.45} give equal levels). The price must be positive; the size must not be
 * negative. A zero size means "no level here": books drop such levels.
 *
 * @param price the price, in the venue's quote unit (dollars for Kalshi and Polymarket)
 * @param size the resting size, in contracts, shares or base-asset units
 */
public record PriceLevel(BigDecimal price, BigDecimal size) {

  private static final String RECORD = "PriceLevel";

  /** Validates and canonicalizes both parts; a bad part throws {@link ModelException}. */
  public PriceLevel {
    KeyText.present(RECORD, "price", price);
    KeyText.present(RECORD, "size", size);
    if (price.signum() <= 0) {
      throw new ModelException(
          RECORD + ": price must be positive but was " + price.toPlainString());
    }
    if (size.signum() < 0) {
      throw new ModelException(
          RECORD
              + ": size must be zero or positive but was "
              + size.toPlainString()
              + " at price "
              + price.toPlainString());
    }
    price = Decimals.canonical(price);
    size = Decimals.canonical(size);
  }

  /**
   * A level parsed from decimal strings as venues send them, e.g. {@code of("0.4500", "13.00")}.
   *
   * @throws ModelException if either string is not a decimal number or the values are invalid
   */
  public static PriceLevel of(String price, String size) {
    return new PriceLevel(
        Decimals.parse(RECORD, "price", price), Decimals.parse(RECORD, "size", size));
  }

  /** Whether this level holds no size (and so stands for an absent level). */
  public boolean isEmpty() {
    return size.signum() == 0;
  }
}
