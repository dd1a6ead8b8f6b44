package io.marketgate.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * An immutable two-sided order book: bids and asks as price levels with {@link BigDecimal} prices
 * and sizes. Safe to share between threads.
 *
 * <p>{@link #of(Collection, Collection)} accepts levels in any order (venues disagree about, and
 * sometimes misreport, their sort order): each side is sorted best first, levels at the same price
 * are <b>summed</b>, and zero-size levels are dropped (zero means absent). A crossed book (best bid
 * at or above best ask) is accepted, as venues briefly publish them; {@link #isCrossed()} tells,
 * and {@link #spread()} is then zero or negative.
 */
public final class OrderBook {

  private static final OrderBook EMPTY = new OrderBook(Levels.NONE, Levels.NONE);

  /*
   * Each side is one array sorted best first (bids by descending, asks by ascending price), with
   * distinct prices and no empty levels. Reads are array accesses or binary searches; nothing is
   * re-sorted or boxed per read. The arrays never escape except through unmodifiable views.
   */
  private final PriceLevel[] bids;
  private final PriceLevel[] asks;

  /** Wraps sorted, merged arrays that nobody else holds; callers guarantee the invariants. */
  OrderBook(PriceLevel[] bids, PriceLevel[] asks) {
    this.bids = bids;
    this.asks = asks;
  }

  /**
   * A book of {@code bids} and {@code asks}, each in any order; levels at one price are summed and
   * zero-size levels dropped.
   *
   * @throws ModelException if a side or a level is missing
   */
  public static OrderBook of(Collection<PriceLevel> bids, Collection<PriceLevel> asks) {
    return new OrderBook(
        Levels.bestFirst("OrderBook", bids, Side.BID),
        Levels.bestFirst("OrderBook", asks, Side.ASK));
  }

  /** The book with no levels. */
  public static OrderBook empty() {
    return EMPTY;
  }

  /** The bids, best (highest price) first; an unmodifiable list. */
  public List<PriceLevel> bids() {
    return Levels.view(bids);
  }

  /** The asks, best (lowest price) first; an unmodifiable list. */
  public List<PriceLevel> asks() {
    return Levels.view(asks);
  }

  /** The levels of {@code side}, best first; an unmodifiable list. */
  public List<PriceLevel> levels(Side side) {
    return Levels.view(array(side));
  }

  /** The number of price levels on {@code side}. */
  public int levelCount(Side side) {
    return array(side).length;
  }

  /** Whether both sides are empty. */
  public boolean isEmpty() {
    return bids.length == 0 && asks.length == 0;
  }

  /** The highest bid, if any. */
  public Optional<PriceLevel> bestBid() {
    return best(bids);
  }

  /** The lowest ask, if any. */
  public Optional<PriceLevel> bestAsk() {
    return best(asks);
  }

  /** The best level of {@code side}, if any. */
  public Optional<PriceLevel> best(Side side) {
    return best(array(side));
  }

  /** The exact midpoint of best bid and best ask, if both sides have a level. */
  public Optional<BigDecimal> mid() {
    if (bids.length == 0 || asks.length == 0) {
      return Optional.empty();
    }
    return Optional.of(
        Decimals.canonical(bids[0].price().add(asks[0].price()).multiply(Decimals.HALF)));
  }

  /** Best ask minus best bid, if both sides have a level; zero or negative when crossed. */
  public Optional<BigDecimal> spread() {
    if (bids.length == 0 || asks.length == 0) {
      return Optional.empty();
    }
    return Optional.of(Decimals.canonical(asks[0].price().subtract(bids[0].price())));
  }

  /** Whether the best bid is at or above the best ask. */
  public boolean isCrossed() {
    return bids.length > 0 && asks.length > 0 && bids[0].price().compareTo(asks[0].price()) >= 0;
  }

  /** The size resting at exactly {@code price} on {@code side}; zero if there is no level. */
  public BigDecimal sizeAt(Side side, BigDecimal price) {
    return Levels.sizeAt(array(side), side, KeyText.present("OrderBook.sizeAt", "price", price));
  }

  /** The total size of the best {@code levels} levels of {@code side}. */
  public BigDecimal totalSize(Side side, int levels) {
    return Levels.totalSize(array(side), levels);
  }

  /**
   * The total size on {@code side} at prices at or better than {@code limit}: the most a marketable
   * order limited at {@code limit} could take.
   */
  public BigDecimal sizeAtOrBetter(Side side, BigDecimal limit) {
    return Levels.sizeAtOrBetter(
        array(side), side, KeyText.present("OrderBook.sizeAtOrBetter", "limit", limit));
  }

  /** This book cut to the best {@code levels} levels per side. */
  public OrderBook depth(int levels) {
    PriceLevel[] b = Levels.truncate(bids, levels);
    PriceLevel[] a = Levels.truncate(asks, levels);
    return b == bids && a == asks ? this : new OrderBook(b, a);
  }

  private PriceLevel[] array(Side side) {
    return KeyText.present("OrderBook", "side", side) == Side.BID ? bids : asks;
  }

  private static Optional<PriceLevel> best(PriceLevel[] levels) {
    return levels.length == 0 ? Optional.empty() : Optional.of(levels[0]);
  }

  /** Equal when both sides hold numerically equal levels. */
  @Override
  public boolean equals(Object o) {
    return o instanceof OrderBook other
        && Arrays.equals(bids, other.bids)
        && Arrays.equals(asks, other.asks);
  }

  /** A hash consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bids) + Arrays.hashCode(asks);
  }

  /** A compact rendering: {@code OrderBook{bids=[price x size, ...], asks=[...]}}. */
  @Override
  public String toString() {
    return "OrderBook{bids=" + render(bids) + ", asks=" + render(asks) + '}';
  }

  static String render(PriceLevel[] levels) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < levels.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(levels[i].price().toPlainString())
          .append(" x ")
          .append(levels[i].size().toPlainString());
    }
    return sb.append(']').toString();
  }
}
