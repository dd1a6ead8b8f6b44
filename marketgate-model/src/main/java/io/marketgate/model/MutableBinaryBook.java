package io.marketgate.model;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A mutable YES/NO bid book that applies venue updates in place and freezes into an immutable
 * {@link BinaryBook} on demand. For a Kalshi book kept from an {@code orderbook_snapshot} plus
 * {@code orderbook_delta} messages.
 *
 * <p>Not thread-safe: one writer thread owns it and is the only caller of every method; share the
 * result of {@link #snapshot()} with other threads, never this object. Updates are absolute ({@link
 * #set}) or deltas ({@link #add}, exact {@link BigDecimal} arithmetic); a level whose size reaches
 * zero or less is removed. Prices must be strictly between 0 and 1 dollar.
 */
public final class MutableBinaryBook {

  private static final String WHERE = "MutableBinaryBook";

  private final MutableSide yes = new MutableSide(Side.BID);
  private final MutableSide no = new MutableSide(Side.BID);
  private BinaryBook snapshot = BinaryBook.empty();

  /** An empty book. */
  public MutableBinaryBook() {}

  /**
   * A book holding the levels of {@code book}, for example a snapshot message to apply deltas to.
   */
  public static MutableBinaryBook of(BinaryBook book) {
    return new MutableBinaryBook().reset(book);
  }

  /** Replaces the whole content with {@code book}; returns this book. */
  public MutableBinaryBook reset(BinaryBook book) {
    KeyText.present(WHERE, "book", book);
    yes.reset(book.yesBids().toArray(Levels.NONE));
    no.reset(book.noBids().toArray(Levels.NONE));
    snapshot = book;
    return this;
  }

  /** Removes every level; returns this book. */
  public MutableBinaryBook clear() {
    yes.clear();
    no.clear();
    snapshot = BinaryBook.empty();
    return this;
  }

  /**
   * Sets the bid size at {@code price} on {@code side} to {@code size} (absolute update); zero
   * removes the level. Returns this book.
   *
   * @throws ModelException if the price is not strictly between 0 and 1 or the size is negative
   */
  public MutableBinaryBook set(BinarySide side, BigDecimal price, BigDecimal size) {
    MutableSide s = side(side);
    s.set(requirePrice(side, price), size);
    snapshot = null;
    return this;
  }

  /**
   * Adds {@code delta} (may be negative) to the bid size at {@code price} on {@code side}; the
   * level is removed if the result is zero or less.
   *
   * @return the resulting size, exact; negative means more was removed than was there (usually a
   *     missed update)
   * @throws ModelException if the price is not strictly between 0 and 1
   */
  public BigDecimal add(BinarySide side, BigDecimal price, BigDecimal delta) {
    MutableSide s = side(side);
    BigDecimal result = s.add(requirePrice(side, price), KeyText.present(WHERE, "delta", delta));
    snapshot = null;
    return result;
  }

  /** The best bid of {@code side}, if any. */
  public Optional<PriceLevel> bestBid(BinarySide side) {
    return side(side).best();
  }

  /** The bid size at exactly {@code price} on {@code side}; zero if there is no level. */
  public BigDecimal sizeAt(BinarySide side, BigDecimal price) {
    return side(side).sizeAt(KeyText.present(WHERE, "price", price));
  }

  /** The number of bid levels on {@code side}. */
  public int levelCount(BinarySide side) {
    return side(side).count();
  }

  /** An immutable copy of the current book; the same instance until the next change. */
  public BinaryBook snapshot() {
    BinaryBook book = snapshot;
    if (book == null) {
      book = new BinaryBook(yes.bestFirst(Integer.MAX_VALUE), no.bestFirst(Integer.MAX_VALUE));
      snapshot = book;
    }
    return book;
  }

  /** An immutable copy of the best {@code levels} bids per side, in O(levels). */
  public BinaryBook snapshot(int levels) {
    Levels.requireCount(levels);
    BinaryBook book = snapshot;
    if (book != null) {
      return book.depth(levels);
    }
    return new BinaryBook(yes.bestFirst(levels), no.bestFirst(levels));
  }

  private MutableSide side(BinarySide side) {
    return KeyText.present(WHERE, "side", side) == BinarySide.YES ? yes : no;
  }

  private static BigDecimal requirePrice(BinarySide side, BigDecimal price) {
    return BinaryBook.requireBinaryPrice(side, KeyText.present(WHERE, "price", price));
  }

  /** The current book, rendered as {@link BinaryBook#toString()}. */
  @Override
  public String toString() {
    return WHERE + snapshot().toString().substring("BinaryBook".length());
  }
}
