package io.marketgate.sim.binance;

import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * The simulated Binance order books: one per symbol, prices on a 0.01 grid held as integer ticks,
 * quantities with 8 decimals. Each step moves every book by a few absolute level changes under a
 * new range of update ids and hands them to the listeners. Thread-safe: everything runs under the
 * exchange's monitor, so a snapshot is never taken in the middle of a step.
 */
final class BinanceExchange {

  /** One diff: the ids it covers and the absolute new quantities (zero removes). */
  record Diff(
      String symbol,
      long firstUpdateId,
      long finalUpdateId,
      Map<Long, BigDecimal> bids,
      Map<Long, BigDecimal> asks) {}

  /** Receives each step's diffs, under the exchange's monitor. */
  interface Listener {
    void onDiffs(List<Diff> diffs, Map<String, Top> tops);
  }

  /** The best levels of a book and the update id they are as of. */
  record Top(long updateId, long bidTicks, BigDecimal bidQty, long askTicks, BigDecimal askQty) {}

  /** Prices are ticks of 0.01. */
  static final int PRICE_SCALE = 2;

  private static final class Book {
    final TreeMap<Long, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
    final TreeMap<Long, BigDecimal> asks = new TreeMap<>();
    long center;
    long updateId;
  }

  private final int levels;
  private final SplittableRandom random;
  private final Map<String, Book> books = new LinkedHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  BinanceExchange(BinanceSettings settings, long seed) {
    this.levels = settings.levels();
    this.random = new SplittableRandom(seed * 131 + 0x42494E414E4345L);
    settings
        .symbols()
        .forEach(
            (symbol, mid) -> {
              Book b = new Book();
              b.center =
                  mid.movePointRight(PRICE_SCALE).setScale(0, RoundingMode.HALF_UP).longValue();
              b.updateId = 1_000_000L + random.nextInt(1_000_000);
              for (int d = 1; d <= levels; d++) {
                b.bids.put(b.center - d, quantity());
                b.asks.put(b.center + d, quantity());
              }
              books.put(symbol, b);
            });
  }

  /** The symbols, in settings order. */
  List<String> symbols() {
    return List.copyOf(books.keySet());
  }

  /** Whether {@code symbol} is listed. */
  boolean listed(String symbol) {
    return books.containsKey(symbol);
  }

  synchronized void addListener(Listener l) {
    listeners.add(l);
  }

  void removeListener(Listener l) {
    listeners.remove(l);
  }

  /** Runs {@code action} under the monitor: no step interleaves with it. */
  synchronized void atomically(Runnable action) {
    action.run();
  }

  /** Advances every book one step and notifies the listeners. */
  synchronized void step() {
    List<Diff> diffs = new ArrayList<>();
    Map<String, Top> tops = new LinkedHashMap<>();
    for (Map.Entry<String, Book> e : books.entrySet()) {
      diffs.add(stepBook(e.getKey(), e.getValue()));
      tops.put(e.getKey(), top(e.getValue()));
    }
    for (Listener l : listeners) {
      l.onDiffs(diffs, tops);
    }
  }

  private Diff stepBook(String symbol, Book b) {
    Map<Long, BigDecimal> bids = new TreeMap<>();
    Map<Long, BigDecimal> asks = new TreeMap<>();
    int roll = random.nextInt(10);
    if (roll < 2) {
      move(b, +1, bids, asks);
    } else if (roll < 4) {
      move(b, -1, bids, asks);
    }
    for (int i = 1 + random.nextInt(6); i > 0; i--) {
      boolean bid = random.nextBoolean();
      long distance = 1 + Math.min(levels - 1, (long) (-Math.log(1 - random.nextDouble()) * 6));
      long price = bid ? b.center - distance : b.center + distance;
      BigDecimal qty = random.nextInt(7) == 0 ? BigDecimal.ZERO : quantity();
      set(b, bid, price, qty, bid ? bids : asks);
    }
    long first = b.updateId + 1;
    b.updateId += 1 + random.nextInt(3);
    return new Diff(symbol, first, b.updateId, bids, asks);
  }

  /** Moves the center one tick; levels now on the wrong side are removed, the gap is filled. */
  private void move(Book b, int dir, Map<Long, BigDecimal> bids, Map<Long, BigDecimal> asks) {
    b.center += dir;
    if (dir > 0) {
      set(b, false, b.center, BigDecimal.ZERO, asks);
      set(b, true, b.center - 1, quantity(), bids);
      set(b, true, b.center - levels - 1, BigDecimal.ZERO, bids);
      set(b, false, b.center + levels, quantity(), asks);
    } else {
      set(b, true, b.center, BigDecimal.ZERO, bids);
      set(b, false, b.center + 1, quantity(), asks);
      set(b, false, b.center + levels + 1, BigDecimal.ZERO, asks);
      set(b, true, b.center - levels, quantity(), bids);
    }
  }

  private static void set(
      Book b, boolean bid, long price, BigDecimal qty, Map<Long, BigDecimal> changes) {
    TreeMap<Long, BigDecimal> side = bid ? b.bids : b.asks;
    if (qty.signum() == 0) {
      side.remove(price);
    } else {
      side.put(price, qty);
    }
    changes.put(price, qty);
  }

  private BigDecimal quantity() {
    return BigDecimal.valueOf(1 + random.nextLong(5_000_000_000L), 8);
  }

  private static Top top(Book b) {
    Map.Entry<Long, BigDecimal> bid = b.bids.firstEntry();
    Map.Entry<Long, BigDecimal> ask = b.asks.firstEntry();
    return new Top(
        b.updateId,
        bid == null ? 0 : bid.getKey(),
        bid == null ? BigDecimal.ZERO : bid.getValue(),
        ask == null ? 0 : ask.getKey(),
        ask == null ? BigDecimal.ZERO : ask.getValue());
  }

  /** A snapshot of the best {@code limit} levels a side, with its update id. */
  synchronized Optional<Snapshot> snapshot(String symbol, int limit) {
    Book b = books.get(symbol);
    if (b == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Snapshot(b.updateId, firstLevels(b.bids, limit), firstLevels(b.asks, limit)));
  }

  /** A depth snapshot: update id and best-first levels as (ticks, quantity). */
  record Snapshot(
      long lastUpdateId,
      List<Map.Entry<Long, BigDecimal>> bids,
      List<Map.Entry<Long, BigDecimal>> asks) {}

  private static List<Map.Entry<Long, BigDecimal>> firstLevels(
      TreeMap<Long, BigDecimal> side, int limit) {
    List<Map.Entry<Long, BigDecimal>> out = new ArrayList<>(Math.min(limit, side.size()));
    for (Map.Entry<Long, BigDecimal> e : side.entrySet()) {
      if (out.size() == limit) {
        break;
      }
      out.add(Map.entry(e.getKey(), e.getValue()));
    }
    return out;
  }

  /** The true current book of {@code symbol}, if listed. */
  synchronized Optional<OrderBook> book(String symbol) {
    Book b = books.get(symbol);
    if (b == null) {
      return Optional.empty();
    }
    List<PriceLevel> bids = new ArrayList<>();
    b.bids.forEach((p, q) -> bids.add(new PriceLevel(price(p), q)));
    List<PriceLevel> asks = new ArrayList<>();
    b.asks.forEach((p, q) -> asks.add(new PriceLevel(price(p), q)));
    return Optional.of(OrderBook.of(bids, asks));
  }

  /** The update id of {@code symbol}'s book. */
  synchronized long updateId(String symbol) {
    Book b = books.get(symbol);
    return b == null ? -1 : b.updateId;
  }

  /** Ticks as a price. */
  static BigDecimal price(long ticks) {
    return BigDecimal.valueOf(ticks, PRICE_SCALE);
  }

  /** Ticks as Binance's 8-decimal string. */
  static String priceText(long ticks) {
    return price(ticks).setScale(8).toPlainString();
  }

  /** A quantity as Binance's 8-decimal string. */
  static String qtyText(BigDecimal qty) {
    return qty.setScale(8, RoundingMode.UNNECESSARY).toPlainString();
  }
}
