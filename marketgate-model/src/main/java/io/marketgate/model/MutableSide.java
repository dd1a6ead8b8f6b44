package io.marketgate.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;

/**
 * One mutable book side for {@link MutableOrderBook} and {@link MutableBinaryBook}. Not
 * thread-safe: only the owning book's writer thread may call it.
 */
final class MutableSide {

  /*
   * Levels are kept in one array sorted WORST first, so the best level is the last element.
   * Updates cluster near the top of the book, so inserting or removing there shifts only the few
   * elements behind it; a best-first array would shift the whole side on every top-of-book
   * change. Lookups are binary searches on BigDecimal prices. Levels are immutable PriceLevel
   * records, so a snapshot is a reversed copy of references and never shares the mutable array.
   */
  private final Side side;
  private PriceLevel[] levels = new PriceLevel[16];
  private int count;

  MutableSide(Side side) {
    this.side = side;
  }

  /** Replaces the level at {@code price} by {@code size}; zero removes it. Returns the size. */
  BigDecimal set(BigDecimal price, BigDecimal size) {
    PriceLevel level = new PriceLevel(price, size);
    int i = find(level.price());
    if (level.isEmpty()) {
      if (i >= 0) {
        remove(i);
      }
    } else if (i >= 0) {
      levels[i] = level;
    } else {
      insert(-(i + 1), level);
    }
    return level.size();
  }

  /**
   * Adds {@code delta} (exact) to the size at {@code price}; the level is removed when the result
   * is zero or negative. Returns the resulting size, which may be negative.
   */
  BigDecimal add(BigDecimal price, BigDecimal delta) {
    int i = find(price);
    BigDecimal current = i >= 0 ? levels[i].size() : BigDecimal.ZERO;
    BigDecimal result = Decimals.canonical(current.add(delta));
    if (result.signum() > 0) {
      if (i >= 0) {
        levels[i] = new PriceLevel(levels[i].price(), result);
      } else {
        insert(-(i + 1), new PriceLevel(price, result));
      }
    } else if (i >= 0) {
      remove(i);
    }
    return result;
  }

  /** The size at exactly {@code price}; zero if absent. */
  BigDecimal sizeAt(BigDecimal price) {
    int i = find(price);
    return i >= 0 ? levels[i].size() : BigDecimal.ZERO;
  }

  /** The best level, if any. */
  Optional<PriceLevel> best() {
    return count == 0 ? Optional.empty() : Optional.of(levels[count - 1]);
  }

  /** The number of levels. */
  int count() {
    return count;
  }

  /** Removes every level. */
  void clear() {
    Arrays.fill(levels, 0, count, null);
    count = 0;
  }

  /** Replaces every level with the best-first, merged {@code bestFirst}. */
  void reset(PriceLevel[] bestFirst) {
    clear();
    if (levels.length < bestFirst.length) {
      levels = new PriceLevel[bestFirst.length];
    }
    for (int i = 0; i < bestFirst.length; i++) {
      levels[bestFirst.length - 1 - i] = bestFirst[i];
    }
    count = bestFirst.length;
  }

  /** A new array of the best {@code max} levels, best first. */
  PriceLevel[] bestFirst(int max) {
    int n = Math.min(max, count);
    if (n == 0) {
      return Levels.NONE;
    }
    PriceLevel[] out = new PriceLevel[n];
    for (int i = 0; i < n; i++) {
      out[i] = levels[count - 1 - i];
    }
    return out;
  }

  /** Binary search over the worst-first array: index, or {@code -(insertionPoint) - 1}. */
  private int find(BigDecimal price) {
    int lo = 0;
    int hi = count - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      // Worst first is the reverse of best first.
      int c = side.compareBestFirst(price, levels[mid].price());
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  private void insert(int at, PriceLevel level) {
    if (count == levels.length) {
      levels = Arrays.copyOf(levels, Math.max(16, count + (count >> 1)));
    }
    System.arraycopy(levels, at, levels, at + 1, count - at);
    levels[at] = level;
    count++;
  }

  private void remove(int at) {
    System.arraycopy(levels, at + 1, levels, at, count - at - 1);
    levels[--count] = null;
  }
}
