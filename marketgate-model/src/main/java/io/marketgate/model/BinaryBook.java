package io.marketgate.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * An immutable order book of a binary (YES/NO) market that lists bids only, as Kalshi does. Safe to
 * share between threads.
 *
 * <p>Prices are dollars strictly between 0 and 1. A YES bid at {@code p} is a NO ask at {@code 1 −
 * p} and a NO bid at {@code p} is a YES ask at {@code 1 − p}, so {@code yesAsk = 1 − bestNoBid} and
 * {@code noAsk = 1 − bestYesBid}, each with the size of the bid it comes from. Levels may be given
 * in any order; levels at one price are summed and zero-size levels dropped, as in {@link
 * OrderBook}.
 */
public final class BinaryBook {

  private static final String WHERE = "BinaryBook";
  private static final BinaryBook EMPTY = new BinaryBook(Levels.NONE, Levels.NONE);

  /*
   * Both sides are bid arrays sorted best (highest) first. The YES-side OrderBook view is built on
   * first use and cached in a plain field: racing threads may each build one, but OrderBook is
   * immutable with final fields, so every thread sees a complete, equal value.
   */
  private final PriceLevel[] yesBids;
  private final PriceLevel[] noBids;
  private OrderBook yesBook;

  /** Wraps sorted, merged, validated arrays that nobody else holds. */
  BinaryBook(PriceLevel[] yesBids, PriceLevel[] noBids) {
    this.yesBids = yesBids;
    this.noBids = noBids;
  }

  /**
   * A binary book of {@code yesBids} and {@code noBids}, each in any order.
   *
   * @throws ModelException if a side or level is missing or a price is not strictly between 0 and 1
   */
  public static BinaryBook of(Collection<PriceLevel> yesBids, Collection<PriceLevel> noBids) {
    return new BinaryBook(
        requireBinaryPrices(Levels.bestFirst(WHERE, yesBids, Side.BID), BinarySide.YES),
        requireBinaryPrices(Levels.bestFirst(WHERE, noBids, Side.BID), BinarySide.NO));
  }

  /** The book with no levels. */
  public static BinaryBook empty() {
    return EMPTY;
  }

  /** Throws unless {@code price} is strictly between 0 and 1 dollar. */
  static BigDecimal requireBinaryPrice(BinarySide side, BigDecimal price) {
    if (price.signum() <= 0 || price.compareTo(Decimals.ONE) >= 0) {
      throw new ModelException(
          WHERE
              + ": "
              + side
              + " bid price must be strictly between 0 and 1 dollar but was "
              + price.toPlainString());
    }
    return price;
  }

  private static PriceLevel[] requireBinaryPrices(PriceLevel[] levels, BinarySide side) {
    for (PriceLevel level : levels) {
      requireBinaryPrice(side, level.price());
    }
    return levels;
  }

  /** The YES bids, best (highest) first; an unmodifiable list. */
  public List<PriceLevel> yesBids() {
    return Levels.view(yesBids);
  }

  /** The NO bids, best (highest) first; an unmodifiable list. */
  public List<PriceLevel> noBids() {
    return Levels.view(noBids);
  }

  /** The bids of {@code side}, best first; an unmodifiable list. */
  public List<PriceLevel> bids(BinarySide side) {
    return Levels.view(array(side));
  }

  /** Whether both sides are empty. */
  public boolean isEmpty() {
    return yesBids.length == 0 && noBids.length == 0;
  }

  /** The highest YES bid, if any. */
  public Optional<PriceLevel> bestYesBid() {
    return yesBids.length == 0 ? Optional.empty() : Optional.of(yesBids[0]);
  }

  /** The highest NO bid, if any. */
  public Optional<PriceLevel> bestNoBid() {
    return noBids.length == 0 ? Optional.empty() : Optional.of(noBids[0]);
  }

  /** The implied YES ask: {@code 1 − best NO bid}, with that bid's size. */
  public Optional<PriceLevel> yesAsk() {
    return noBids.length == 0 ? Optional.empty() : Optional.of(complement(noBids[0]));
  }

  /** The implied NO ask: {@code 1 − best YES bid}, with that bid's size. */
  public Optional<PriceLevel> noAsk() {
    return yesBids.length == 0 ? Optional.empty() : Optional.of(complement(yesBids[0]));
  }

  /** The exact midpoint of best YES bid and implied YES ask, if both exist. */
  public Optional<BigDecimal> yesMid() {
    return yesBook().mid();
  }

  /** Implied YES ask minus best YES bid, if both exist; zero or negative when crossed. */
  public Optional<BigDecimal> yesSpread() {
    return yesBook().spread();
  }

  /** Whether the best YES and NO bids add up to 1 dollar or more (the book is crossed). */
  public boolean isCrossed() {
    return yesBook().isCrossed();
  }

  /** The size bid at exactly {@code price} on {@code side}; zero if there is no level. */
  public BigDecimal sizeAt(BinarySide side, BigDecimal price) {
    return Levels.sizeAt(array(side), Side.BID, KeyText.present(WHERE + ".sizeAt", "price", price));
  }

  /**
   * The YES side as a two-sided book: bids are the YES bids, asks are the NO bids at {@code 1 −
   * price}.
   */
  public OrderBook yesBook() {
    OrderBook book = yesBook;
    if (book == null) {
      book = new OrderBook(yesBids, complements(noBids));
      yesBook = book;
    }
    return book;
  }

  /**
   * The NO side as a two-sided book: bids are the NO bids, asks are the YES bids at {@code 1 −
   * price}.
   */
  public OrderBook noBook() {
    return new OrderBook(noBids, complements(yesBids));
  }

  /** This book cut to the best {@code levels} bids per side. */
  public BinaryBook depth(int levels) {
    PriceLevel[] y = Levels.truncate(yesBids, levels);
    PriceLevel[] n = Levels.truncate(noBids, levels);
    return y == yesBids && n == noBids ? this : new BinaryBook(y, n);
  }

  private PriceLevel[] array(BinarySide side) {
    return KeyText.present(WHERE, "side", side) == BinarySide.YES ? yesBids : noBids;
  }

  private static PriceLevel complement(PriceLevel bid) {
    return new PriceLevel(Decimals.ONE.subtract(bid.price()), bid.size());
  }

  /** Bids best (highest) first become asks at 1 − price, best (lowest) first. */
  private static PriceLevel[] complements(PriceLevel[] bids) {
    PriceLevel[] asks = new PriceLevel[bids.length];
    for (int i = 0; i < bids.length; i++) {
      asks[i] = complement(bids[i]);
    }
    return asks;
  }

  /** Equal when both sides hold numerically equal levels. */
  @Override
  public boolean equals(Object o) {
    return o instanceof BinaryBook other
        && Arrays.equals(yesBids, other.yesBids)
        && Arrays.equals(noBids, other.noBids);
  }

  /** A hash consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(yesBids) + Arrays.hashCode(noBids);
  }

  /** A compact rendering: {@code BinaryBook{yes=[price x size, ...], no=[...]}}. */
  @Override
  public String toString() {
    return "BinaryBook{yes=" + OrderBook.render(yesBids) + ", no=" + OrderBook.render(noBids) + '}';
  }
}
