package io.marketgate.sim.polymarket;

import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Side;
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
 * The true state of every simulated Polymarket book: a random walk per outcome token, advanced only
 * by {@link #step()}. Thread-safe: every method holds this object's monitor, and listeners are
 * called under it, so a listener registered inside {@link #atomically(Runnable)} sees every update
 * after its snapshot, exactly once.
 */
final class PolymarketExchange {

  /*
   * Prices are whole cents (tick 0.01) between 0.01 and 0.99. Each book has a centre c: bids sit
   * at c−1, c−2, … and asks at c+1, c+2, …, so the book never crosses. A step visits every book in
   * listing order and, from one seeded random source, either sets the size of one level (the new
   * absolute size, as price_change reports it), moves the centre a cent (mean-reverting to the
   * token's fair price; the level that crosses is removed and a new one appears at the far end),
   * or trades at the best level (size reduced, a last_trade_price and a fresh book follow).
   */

  /** One level change: the new absolute size at a price (zero removes it). */
  record Change(Side side, int cents, BigDecimal size) {}

  /** What one step did to one book. */
  record Update(
      String assetId,
      String market,
      List<Change> changes,
      Optional<Integer> bestBidCents,
      Optional<Integer> bestAskCents,
      Optional<Trade> trade) {}

  /** A trade at the best level. */
  record Trade(int cents, BigDecimal size, Side aggressor) {}

  /** Receives the updates of each step, under the exchange's monitor. */
  interface Listener {
    /** Called with the updates of one step, in listing order. */
    void onUpdates(List<Update> updates);
  }

  private static final class Book {
    final String market;
    final int fair;
    final TreeMap<Integer, BigDecimal> bids = new TreeMap<>();
    final TreeMap<Integer, BigDecimal> asks = new TreeMap<>();
    int center;

    Book(String market, int fair) {
      this.market = market;
      this.fair = fair;
      this.center = fair;
    }

    TreeMap<Integer, BigDecimal> side(Side side) {
      return side == Side.BID ? bids : asks;
    }
  }

  private final SplittableRandom random;
  private final Map<String, Book> books = new LinkedHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  PolymarketExchange(long seed, int assets) {
    this.random = new SplittableRandom(seed * 37 + 0x504F4C59L);
    for (int i = 0; i < assets; i++) {
      StringBuilder id = new StringBuilder();
      id.append(1 + random.nextInt(9));
      while (id.length() < 77) {
        id.append(random.nextInt(10));
      }
      String market = "0x" + Long.toHexString(random.nextLong()) + Long.toHexString(i + 1L);
      Book book = new Book(market, 15 + random.nextInt(71));
      int levels = 5 + random.nextInt(4);
      for (int k = 1; k <= levels; k++) {
        book.bids.put(book.center - k, size());
        book.asks.put(book.center + k, size());
      }
      books.put(id.toString(), book);
    }
  }

  /** Every asset id, in listing order. */
  synchronized List<String> assetIds() {
    return List.copyOf(books.keySet());
  }

  /** Whether {@code assetId} is listed. */
  synchronized boolean has(String assetId) {
    return books.containsKey(assetId);
  }

  /** The condition id of {@code assetId}'s market. */
  synchronized Optional<String> market(String assetId) {
    Book b = books.get(assetId);
    return b == null ? Optional.empty() : Optional.of(b.market);
  }

  /** The book of {@code assetId} as a model book, if listed. */
  synchronized Optional<OrderBook> book(String assetId) {
    Book b = books.get(assetId);
    if (b == null) {
      return Optional.empty();
    }
    return Optional.of(OrderBook.of(levels(b.bids), levels(b.asks)));
  }

  /** The levels of {@code assetId}'s {@code side} as (cents, size), best first. */
  synchronized List<Map.Entry<Integer, BigDecimal>> levels(String assetId, Side side) {
    Book b = books.get(assetId);
    if (b == null) {
      return List.of();
    }
    TreeMap<Integer, BigDecimal> m = b.side(side);
    return List.copyOf((side == Side.BID ? m.descendingMap() : m).entrySet());
  }

  /** Advances every book one step and tells the listeners. */
  synchronized List<Update> step() {
    List<Update> updates = new ArrayList<>();
    for (Map.Entry<String, Book> e : books.entrySet()) {
      Book b = e.getValue();
      double u = random.nextDouble();
      List<Change> changes = new ArrayList<>();
      Optional<Trade> trade = Optional.empty();
      if (u < 0.10) {
        move(b, changes);
      } else if (u < 0.15) {
        trade = Optional.of(trade(b, changes));
      } else if (u < 0.60) {
        Side side = random.nextBoolean() ? Side.BID : Side.ASK;
        TreeMap<Integer, BigDecimal> m = b.side(side);
        if (!m.isEmpty()) {
          List<Integer> prices = new ArrayList<>(m.keySet());
          int p = prices.get(random.nextInt(prices.size()));
          BigDecimal s = size();
          m.put(p, s);
          changes.add(new Change(side, p, s));
        }
      }
      if (!changes.isEmpty()) {
        updates.add(
            new Update(
                e.getKey(),
                b.market,
                List.copyOf(changes),
                best(b.bids, Side.BID),
                best(b.asks, Side.ASK),
                trade));
      }
    }
    List<Update> out = Collections.unmodifiableList(updates);
    for (Listener l : listeners) {
      l.onUpdates(out);
    }
    return out;
  }

  private void move(Book b, List<Change> changes) {
    boolean up =
        b.center < b.fair
            ? random.nextDouble() < 0.7
            : b.center > b.fair ? random.nextDouble() < 0.3 : random.nextBoolean();
    if (up && b.center >= 90 || !up && b.center <= 10) {
      return;
    }
    int depth = Math.max(b.bids.size(), b.asks.size());
    if (up) {
      b.center++;
      changes.add(new Change(Side.ASK, b.center, BigDecimal.ZERO));
      b.asks.remove(b.center);
      BigDecimal s = size();
      b.bids.put(b.center - 1, s);
      changes.add(new Change(Side.BID, b.center - 1, s));
      trimAndExtend(b, depth, changes);
    } else {
      b.center--;
      changes.add(new Change(Side.BID, b.center, BigDecimal.ZERO));
      b.bids.remove(b.center);
      BigDecimal s = size();
      b.asks.put(b.center + 1, s);
      changes.add(new Change(Side.ASK, b.center + 1, s));
      trimAndExtend(b, depth, changes);
    }
  }

  private void trimAndExtend(Book b, int depth, List<Change> changes) {
    while (b.bids.size() > depth) {
      int worst = b.bids.firstKey();
      b.bids.remove(worst);
      changes.add(new Change(Side.BID, worst, BigDecimal.ZERO));
    }
    while (b.asks.size() > depth) {
      int worst = b.asks.lastKey();
      b.asks.remove(worst);
      changes.add(new Change(Side.ASK, worst, BigDecimal.ZERO));
    }
    while (b.bids.size() < depth && b.bids.firstKey() > 1) {
      int p = b.bids.firstKey() - 1;
      BigDecimal s = size();
      b.bids.put(p, s);
      changes.add(new Change(Side.BID, p, s));
    }
    while (b.asks.size() < depth && b.asks.lastKey() < 99) {
      int p = b.asks.lastKey() + 1;
      BigDecimal s = size();
      b.asks.put(p, s);
      changes.add(new Change(Side.ASK, p, s));
    }
  }

  private Trade trade(Book b, List<Change> changes) {
    Side hit = random.nextBoolean() ? Side.BID : Side.ASK;
    TreeMap<Integer, BigDecimal> m = b.side(hit);
    int p = hit == Side.BID ? m.lastKey() : m.firstKey();
    BigDecimal resting = m.get(p);
    BigDecimal traded =
        resting
            .multiply(BigDecimal.valueOf(1 + random.nextInt(50)))
            .divide(BigDecimal.valueOf(100), 2, RoundingMode.DOWN)
            .max(new BigDecimal("0.01"))
            .min(resting);
    BigDecimal left = resting.subtract(traded);
    if (left.signum() <= 0) {
      left = size();
    }
    m.put(p, left);
    changes.add(new Change(hit, p, left));
    return new Trade(p, traded, hit.opposite());
  }

  private static Optional<Integer> best(TreeMap<Integer, BigDecimal> m, Side side) {
    if (m.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(side == Side.BID ? m.lastKey() : m.firstKey());
  }

  private BigDecimal size() {
    return BigDecimal.valueOf(100 + random.nextInt(50_000), 2);
  }

  private static List<PriceLevel> levels(TreeMap<Integer, BigDecimal> m) {
    List<PriceLevel> out = new ArrayList<>(m.size());
    m.forEach((c, s) -> out.add(new PriceLevel(BigDecimal.valueOf(c, 2), s)));
    return out;
  }

  /** Runs {@code action} holding the monitor, so no step interleaves with it. */
  synchronized void atomically(Runnable action) {
    action.run();
  }

  /** Adds a listener for the updates of every later step. */
  void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** Removes a listener. */
  void removeListener(Listener listener) {
    listeners.remove(listener);
  }
}
