package io.marketgate.model;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A mutable two-sided order book that applies venue updates in place and freezes into an immutable
 * {@link OrderBook} on demand. For a local book kept from a snapshot plus a diff stream (Binance
 * depth updates, Polymarket price changes).
 *
 * <p>Not thread-safe: one writer thread owns it and is the only caller of every method; share the
 * result of {@link #snapshot()} with other threads, never this object. Updates are absolute ({@link
 * #set}) or deltas ({@link #add}, exact {@link BigDecimal} arithmetic); a level whose size reaches
 * zero or less is removed. Each update is O(log n) to find the level plus a shift of the levels
 * behind it, which are few near the top of the book; a snapshot is O(n) and is reused until the
 * next change.
 */
public final class MutableOrderBook {

  private static final String WHERE = "MutableOrderBook";

  private final MutableSide bids = new MutableSide(Side.BID);
  private final MutableSide asks = new MutableSide(Side.ASK);
  private OrderBook snapshot = OrderBook.empty();

  /** An empty book. */
  public MutableOrderBook() {}

  /** A book holding the levels of {@code book}, for example a REST snapshot to apply diffs to. */
  public static MutableOrderBook of(OrderBook book) {
    return new MutableOrderBook().reset(book);
  }

  /** Replaces the whole content with {@code book}; returns this book. */
  public MutableOrderBook reset(OrderBook book) {
    KeyText.present(WHERE, "book", book);
    bids.reset(book.bids().toArray(Levels.NONE));
    asks.reset(book.asks().toArray(Levels.NONE));
    snapshot = book;
    return this;
  }

  /** Removes every level; returns this book. */
  public MutableOrderBook clear() {
    bids.clear();
    asks.clear();
    snapshot = OrderBook.empty();
    return this;
  }

  /**
   * Sets the size at {@code price} on {@code side} to {@code size} (absolute update); zero removes
   * the level. Returns this book.
   *
   * @throws ModelException if the price is not positive or the size is negative
   */
  public MutableOrderBook set(Side side, BigDecimal price, BigDecimal size) {
    side(side).set(price, size);
    snapshot = null;
    return this;
  }

  /**
   * Adds {@code delta} (may be negative) to the size at {@code price} on {@code side}; the level is
   * removed if the result is zero or less.
   *
   * @return the resulting size, exact; negative means more was removed than was there (usually a
   *     missed update)
   * @throws ModelException if the price is not positive
   */
  public BigDecimal add(Side side, BigDecimal price, BigDecimal delta) {
    MutableSide s = side(side);
    requirePositive(price);
    BigDecimal result = s.add(price, KeyText.present(WHERE, "delta", delta));
    snapshot = null;
    return result;
  }

  /** The best level of {@code side}, if any. */
  public Optional<PriceLevel> best(Side side) {
    return side(side).best();
  }

  /** The size at exactly {@code price} on {@code side}; zero if there is no level. */
  public BigDecimal sizeAt(Side side, BigDecimal price) {
    return side(side).sizeAt(KeyText.present(WHERE, "price", price));
  }

  /** The number of price levels on {@code side}. */
  public int levelCount(Side side) {
    return side(side).count();
  }

  /** An immutable copy of the current book; the same instance until the next change. */
  public OrderBook snapshot() {
    OrderBook book = snapshot;
    if (book == null) {
      book = new OrderBook(bids.bestFirst(Integer.MAX_VALUE), asks.bestFirst(Integer.MAX_VALUE));
      snapshot = book;
    }
    return book;
  }

  /** An immutable copy of the best {@code levels} levels per side, in O(levels). */
  public OrderBook snapshot(int levels) {
    Levels.requireCount(levels);
    OrderBook book = snapshot;
    if (book != null) {
      return book.depth(levels);
    }
    return new OrderBook(bids.bestFirst(levels), asks.bestFirst(levels));
  }

  private MutableSide side(Side side) {
    return KeyText.present(WHERE, "side", side) == Side.BID ? bids : asks;
  }

  private static void requirePositive(BigDecimal price) {
    if (KeyText.present(WHERE, "price", price).signum() <= 0) {
      throw new ModelException(WHERE + ": price must be positive but was " + price.toPlainString());
    }
  }

  /** The current book, rendered as {@link OrderBook#toString()}. */
  @Override
  public String toString() {
    return WHERE + snapshot().toString().substring("OrderBook".length());
  }
}
