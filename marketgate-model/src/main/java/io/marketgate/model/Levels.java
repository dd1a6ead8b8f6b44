package io.marketgate.model;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Operations on one book side held as an array of {@link PriceLevel}s sorted best first, with
 * distinct prices and no empty levels. Shared by {@link OrderBook} and {@link BinaryBook}.
 */
final class Levels {

  static final PriceLevel[] NONE = new PriceLevel[0];

  private static final Comparator<PriceLevel> HIGHEST_FIRST =
      (a, b) -> b.price().compareTo(a.price());
  private static final Comparator<PriceLevel> LOWEST_FIRST =
      (a, b) -> a.price().compareTo(b.price());

  private Levels() {}

  /**
   * The levels of {@code input}, in any order, sorted best first for {@code side}: levels at one
   * price are summed, empty levels are dropped. Sorting is a TimSort, linear for input that is
   * already sorted either way.
   */
  static PriceLevel[] bestFirst(String where, Collection<PriceLevel> input, Side side) {
    if (input == null) {
      throw new ModelException(where + ": " + side + " levels are missing");
    }
    PriceLevel[] levels = input.toArray(NONE);
    for (int i = 0; i < levels.length; i++) {
      if (levels[i] == null) {
        throw new ModelException(where + ": " + side + " level at index " + i + " is missing");
      }
    }
    Arrays.sort(levels, side == Side.BID ? HIGHEST_FIRST : LOWEST_FIRST);
    int n = 0;
    for (PriceLevel level : levels) {
      if (level.isEmpty()) {
        continue;
      }
      if (n > 0 && levels[n - 1].price().compareTo(level.price()) == 0) {
        levels[n - 1] = new PriceLevel(level.price(), levels[n - 1].size().add(level.size()));
      } else {
        levels[n++] = level;
      }
    }
    return n == levels.length ? levels : Arrays.copyOf(levels, n);
  }

  /**
   * Index of {@code price} in the best-first {@code levels}, or {@code -(insertionPoint) - 1} if
   * absent, as {@link Arrays#binarySearch(Object[], Object)}.
   */
  static int indexOf(PriceLevel[] levels, Side side, BigDecimal price) {
    int lo = 0;
    int hi = levels.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = side.compareBestFirst(levels[mid].price(), price);
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

  /** The size resting at exactly {@code price}, zero if there is no level there. */
  static BigDecimal sizeAt(PriceLevel[] levels, Side side, BigDecimal price) {
    int i = indexOf(levels, side, price);
    return i >= 0 ? levels[i].size() : BigDecimal.ZERO;
  }

  /** The total size of the best {@code count} levels (all levels if there are fewer). */
  static BigDecimal totalSize(PriceLevel[] levels, int count) {
    requireCount(count);
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0, n = Math.min(count, levels.length); i < n; i++) {
      total = total.add(levels[i].size());
    }
    return total;
  }

  /** The total size at prices equal to or better than {@code limit}. */
  static BigDecimal sizeAtOrBetter(PriceLevel[] levels, Side side, BigDecimal limit) {
    BigDecimal total = BigDecimal.ZERO;
    for (PriceLevel level : levels) {
      if (side.compareBestFirst(level.price(), limit) > 0) {
        break;
      }
      total = total.add(level.size());
    }
    return total;
  }

  /** The best {@code count} levels (the array itself when it is short enough). */
  static PriceLevel[] truncate(PriceLevel[] levels, int count) {
    requireCount(count);
    return count >= levels.length ? levels : Arrays.copyOf(levels, count);
  }

  /** An unmodifiable list view of {@code levels}, which the caller never changes again. */
  static List<PriceLevel> view(PriceLevel[] levels) {
    return Collections.unmodifiableList(Arrays.asList(levels));
  }

  /** Throws unless {@code count} is a valid level count. */
  static void requireCount(int count) {
    if (count < 0) {
      throw new ModelException("level count must be zero or positive but was " + count);
    }
  }
}
