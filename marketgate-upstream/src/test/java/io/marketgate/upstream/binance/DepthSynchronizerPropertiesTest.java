package io.marketgate.upstream.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.cache.ManualClock;
import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random diff streams, delivered with random drops (gaps), swaps (reorders) and duplicates, through
 * a {@link DepthSynchronizer} whose snapshots arrive with random lag: whenever it claims a book,
 * that book equals the venue's book at the claimed update id, rebuilt from scratch.
 */
class DepthSynchronizerPropertiesTest {

  /** One true event of the venue. */
  private record Event(long first, long last, List<PriceLevel> bids, List<PriceLevel> asks) {}

  /** The venue: its events and its book after each one, by update id. */
  private static final class Venue {
    final List<Event> events = new ArrayList<>();
    final Map<Long, OrderBook> bookAt = new HashMap<>();
    final long initialId;

    Venue(Random random, int count) {
      TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>();
      TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
      for (int i = 0; i < 5; i++) {
        bids.put(price(random, 1), size(random, 1));
        asks.put(price(random, 21), size(random, 1));
      }
      initialId = 100 + random.nextInt(50);
      bookAt.put(initialId, book(bids, asks));
      long id = initialId;
      for (int e = 0; e < count; e++) {
        long first = id + 1;
        long last = id + 1 + random.nextInt(3);
        List<PriceLevel> b = changes(random);
        List<PriceLevel> a =
            changes(random).stream()
                .map(l -> new PriceLevel(l.price().add(BigDecimal.valueOf(20)), l.size()))
                .toList();
        for (PriceLevel l : b) {
          apply(bids, l);
        }
        for (PriceLevel l : a) {
          apply(asks, l);
        }
        events.add(new Event(first, last, b, a));
        bookAt.put(last, book(bids, asks));
        id = last;
      }
    }

    private static List<PriceLevel> changes(Random random) {
      List<PriceLevel> out = new ArrayList<>();
      for (int i = random.nextInt(4); i > 0; i--) {
        out.add(new PriceLevel(price(random, 1), size(random, 0)));
      }
      return out;
    }

    private static BigDecimal price(Random random, int from) {
      return BigDecimal.valueOf(from + random.nextInt(20));
    }

    private static BigDecimal size(Random random, int min) {
      return BigDecimal.valueOf(min + random.nextInt(4));
    }

    private static void apply(TreeMap<BigDecimal, BigDecimal> side, PriceLevel l) {
      if (l.isEmpty()) {
        side.remove(l.price());
      } else {
        side.put(l.price(), l.size());
      }
    }

    private static OrderBook book(
        TreeMap<BigDecimal, BigDecimal> bids, TreeMap<BigDecimal, BigDecimal> asks) {
      List<PriceLevel> b = new ArrayList<>();
      bids.forEach((p, s) -> b.add(new PriceLevel(p, s)));
      List<PriceLevel> a = new ArrayList<>();
      asks.forEach((p, s) -> a.add(new PriceLevel(p, s)));
      return OrderBook.of(b, a);
    }

    /** The snapshot as of the end of true event {@code index} (-1: the initial book). */
    DepthSnapshot snapshotAfter(int index) {
      long id = index < 0 ? initialId : events.get(index).last();
      return new DepthSnapshot("BTCUSDT", id, bookAt.get(id));
    }

    DepthDiff diff(int index) {
      Event e = events.get(index);
      return new DepthDiff("BTCUSDT", 0, e.first(), e.last(), e.bids(), e.asks());
    }
  }

  /** The delivered order: true event indices with drops, swaps and duplicates. */
  private static List<Integer> deliver(Random random, int count, int faultPercent) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int roll = random.nextInt(100);
      if (roll < faultPercent / 3) {
        continue; // dropped: a gap
      }
      out.add(i);
      if (roll >= 100 - faultPercent / 3) {
        out.add(i); // duplicated
      }
    }
    for (int i = 0; i + 1 < out.size(); i++) {
      if (random.nextInt(100) < faultPercent / 3) {
        Collections.swap(out, i, i + 1); // reordered
      }
    }
    return out;
  }

  @Property(tries = 400)
  void syncedBook_alwaysEqualsTheVenueBookAtItsUpdateId(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 45) int faultPercent) {
    Random random = new Random(seed);
    Venue venue = new Venue(random, 20 + random.nextInt(60));
    List<Integer> delivered = deliver(random, venue.events.size(), faultPercent);
    ManualClock clock = new ManualClock();
    DepthSynchronizer sync = new DepthSynchronizer("BTCUSDT", clock, 16, Duration.ofSeconds(1));
    if (random.nextBoolean()) {
      // The stream opened before any diff: a snapshot of the initial book comes first.
      sync.streamOpened();
      sync.snapshotRequested();
      sync.onSnapshot(venue.snapshotAfter(-1));
      check(sync, venue);
    }
    int newest = -1;
    for (int index : delivered) {
      newest = Math.max(newest, index);
      sync.onDiff(venue.diff(index));
      check(sync, venue);
      for (int fetches = 0; fetches < 3 && sync.snapshotDue(); fetches++) {
        sync.snapshotRequested();
        int lag = random.nextInt(4);
        sync.onSnapshot(venue.snapshotAfter(Math.max(-1, newest - lag)));
        check(sync, venue);
      }
      clock.advance(Duration.ofMillis(100));
    }
  }

  @Property(tries = 200)
  void cleanStream_endsSyncedAtTheVenueBook(@ForAll long seed) {
    Random random = new Random(seed);
    Venue venue = new Venue(random, 10 + random.nextInt(40));
    ManualClock clock = new ManualClock();
    DepthSynchronizer sync = new DepthSynchronizer("BTCUSDT", clock, 1000, Duration.ofSeconds(1));
    for (int i = 0; i < venue.events.size(); i++) {
      sync.onDiff(venue.diff(i));
      if (sync.snapshotDue()) {
        sync.snapshotRequested();
        sync.onSnapshot(venue.snapshotAfter(i - random.nextInt(3)));
      }
    }
    if (sync.snapshotDue()) {
      sync.snapshotRequested();
      sync.onSnapshot(venue.snapshotAfter(venue.events.size() - 1));
    }

    long lastId = venue.events.get(venue.events.size() - 1).last();
    assertThat(sync.isSynced()).isTrue();
    assertThat(sync.lastUpdateId()).isEqualTo(lastId);
    assertThat(sync.book()).contains(venue.bookAt.get(lastId));
  }

  private static void check(DepthSynchronizer sync, Venue venue) {
    if (sync.isSynced()) {
      OrderBook truth = venue.bookAt.get(sync.lastUpdateId());
      assertThat(truth).as("a venue book exists at id %d", sync.lastUpdateId()).isNotNull();
      assertThat(sync.book()).contains(truth);
    } else {
      assertThat(sync.book()).isEmpty();
    }
  }
}
