package io.marketgate.sim.kalshi;

import io.marketgate.model.BinaryBook;
import io.marketgate.model.BinarySide;
import io.marketgate.model.PriceLevel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The true state of every simulated Kalshi book: a random walk around each market's true
 * probability, advanced only by {@link #step()}. Thread-safe: every method holds this object's
 * monitor, and listeners are called under it, so a listener that registers inside {@link
 * #atomically(Runnable)} sees every delta after its snapshot, exactly once.
 */
final class KalshiExchange {

  /*
   * Each book has a centre c (cents, the YES mid): YES bids sit at c−1, c−2, … and NO bids at
   * (100−c)−1, …, so the best YES and NO bids add up to 98 cents and the book never crosses. A step
   * visits every book in catalog order and, from the one seeded random source, either moves the
   * centre a cent (mean-reverting to the true probability, levels that leave the band are removed
   * and new ones added) or changes the size of one level. Every change is reported as a delta
   * (the change in size, not the new size), exactly as Kalshi's orderbook_delta channel does. With
   * whole sizes (legacy payloads) sizes and deltas stay integers; otherwise they have 2 decimals.
   */

  /** One bid level: price in cents and size in contracts. */
  record Level(int cents, BigDecimal size) {}

  /** An immutable copy of one book, both sides best (highest) first, with its market figures. */
  record BookView(
      List<Level> yes,
      List<Level> no,
      int lastPriceCents,
      BigDecimal volume,
      BigDecimal openInterest) {}

  /** One change of one level. */
  record BookDelta(String ticker, BinarySide side, int cents, BigDecimal delta) {}

  /** Receives the deltas of each step, under the exchange's monitor. */
  interface Listener {
    /** Called with the deltas of one step, in order. */
    void onDeltas(List<BookDelta> deltas);
  }

  private static final class Book {
    final int target;
    final int levels;
    final TreeMap<Integer, BigDecimal> yes = new TreeMap<>();
    final TreeMap<Integer, BigDecimal> no = new TreeMap<>();
    int center;
    BigDecimal volume;
    BigDecimal openInterest;

    Book(int target, int levels) {
      this.target = target;
      this.levels = levels;
      this.center = target;
    }

    TreeMap<Integer, BigDecimal> side(BinarySide side) {
      return side == BinarySide.YES ? yes : no;
    }
  }

  private final KalshiCatalog catalog;
  private final boolean wholeSizes;
  private final SplittableRandom random;
  private final Map<String, Book> books = new LinkedHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private long steps;

  KalshiExchange(KalshiCatalog catalog, long seed, boolean wholeSizes) {
    this.catalog = catalog;
    this.wholeSizes = wholeSizes;
    this.random = new SplittableRandom(seed * 31 + 0x4B414C5348L);
    for (KalshiCatalog.Market m : catalog.markets()) {
      int target = clamp((int) Math.round(m.trueProbability() * 100), 2, 98);
      Book book = new Book(target, 5 + random.nextInt(4));
      book.volume = size(random, 100_000).add(BigDecimal.valueOf(1000));
      book.openInterest = book.volume.divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN);
      if (wholeSizes) {
        book.openInterest = book.openInterest.setScale(0, java.math.RoundingMode.DOWN);
      }
      for (BinarySide side : BinarySide.values()) {
        for (int price : band(book, side)) {
          book.side(side).put(price, size(random, 500));
        }
      }
      books.put(m.ticker(), book);
    }
  }

  KalshiCatalog catalog() {
    return catalog;
  }

  /** Advances every book one step; returns the deltas in order. */
  synchronized List<BookDelta> step() {
    steps++;
    List<BookDelta> deltas = new ArrayList<>();
    for (Map.Entry<String, Book> e : books.entrySet()) {
      String ticker = e.getKey();
      Book book = e.getValue();
      double u = random.nextDouble();
      if (u < 0.08) {
        moveCenter(ticker, book, deltas);
      } else if (u < 0.35) {
        changeSize(ticker, book, deltas);
      }
    }
    List<BookDelta> out = Collections.unmodifiableList(deltas);
    for (Listener l : listeners) {
      l.onDeltas(out);
    }
    return out;
  }

  /** The number of steps taken. */
  synchronized long steps() {
    return steps;
  }

  /** A copy of the book of {@code ticker}, if the market exists. */
  synchronized Optional<BookView> view(String ticker) {
    Book b = books.get(ticker);
    if (b == null) {
      return Optional.empty();
    }
    return Optional.of(
        new BookView(bestFirst(b.yes), bestFirst(b.no), b.center, b.volume, b.openInterest));
  }

  /** The book of {@code ticker} as a model book, if the market exists. */
  synchronized Optional<BinaryBook> book(String ticker) {
    return view(ticker)
        .map(
            v ->
                BinaryBook.of(
                    v.yes().stream().map(KalshiExchange::level).toList(),
                    v.no().stream().map(KalshiExchange::level).toList()));
  }

  /** Runs {@code action} holding the monitor, so no step interleaves with it. */
  synchronized void atomically(Runnable action) {
    action.run();
  }

  /** Adds a listener for the deltas of every later step. */
  void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** Removes a listener. */
  void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  private static PriceLevel level(Level l) {
    return new PriceLevel(BigDecimal.valueOf(l.cents(), 2), l.size());
  }

  private void moveCenter(String ticker, Book book, List<BookDelta> deltas) {
    int dir =
        book.center < book.target
            ? 1
            : book.center > book.target ? -1 : random.nextBoolean() ? 1 : -1;
    if (random.nextDouble() < 0.35) {
      dir = -dir;
    }
    book.center = clamp(book.center + dir, 2, 98);
    for (BinarySide side : BinarySide.values()) {
      List<Integer> band = band(book, side);
      TreeMap<Integer, BigDecimal> levels = book.side(side);
      for (Integer price : new ArrayList<>(levels.keySet())) {
        if (!band.contains(price)) {
          BigDecimal size = levels.remove(price);
          deltas.add(new BookDelta(ticker, side, price, size.negate()));
        }
      }
      for (int price : band) {
        if (!levels.containsKey(price)) {
          BigDecimal size = size(random, 500);
          levels.put(price, size);
          deltas.add(new BookDelta(ticker, side, price, size));
        }
      }
    }
  }

  private void changeSize(String ticker, Book book, List<BookDelta> deltas) {
    BinarySide side = random.nextBoolean() ? BinarySide.YES : BinarySide.NO;
    TreeMap<Integer, BigDecimal> levels = book.side(side);
    if (levels.isEmpty()) {
      return;
    }
    List<Integer> prices = new ArrayList<>(levels.keySet());
    int price = prices.get(random.nextInt(prices.size()));
    BigDecimal size = levels.get(price);
    BigDecimal delta = size(random, 120);
    if (random.nextBoolean()) {
      delta = delta.negate();
    }
    BigDecimal next = size.add(delta);
    if (next.signum() <= 0) {
      delta = size.negate();
      levels.remove(price);
    } else {
      levels.put(price, next);
    }
    book.volume = book.volume.add(delta.abs());
    deltas.add(new BookDelta(ticker, side, price, delta));
  }

  /** The prices a side of {@code book} should hold for its current centre, best first. */
  private static List<Integer> band(Book book, BinarySide side) {
    int best = side == BinarySide.YES ? book.center - 1 : 100 - book.center - 1;
    List<Integer> prices = new ArrayList<>();
    for (int i = 0; i < book.levels && best - i >= 1; i++) {
      prices.add(best - i);
    }
    return prices;
  }

  private BigDecimal size(SplittableRandom r, int maxWhole) {
    if (wholeSizes) {
      return BigDecimal.valueOf(1 + r.nextInt(maxWhole));
    }
    return BigDecimal.valueOf(100 + r.nextInt(maxWhole * 100), 2);
  }

  private static List<Level> bestFirst(TreeMap<Integer, BigDecimal> side) {
    List<Level> out = new ArrayList<>(side.size());
    side.descendingMap().forEach((p, s) -> out.add(new Level(p, s)));
    return List.copyOf(out);
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
