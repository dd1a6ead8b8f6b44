package io.marketgate.bench;

import io.marketgate.cache.ManualClock;
import io.marketgate.model.OddsEvent;
import io.marketgate.server.ingest.MarketData;
import io.marketgate.server.ingest.OddsInterner;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Measures the heap held by the in-memory odds: {@code events} events × {@code books} bookmakers ×
 * {@code markets} markets published into {@link MarketData#oddsEvents()} (history ring {@code
 * historySize}, default 16 as {@code cache.eventHistorySize}), then {@code rounds} re-polls that
 * re-price 5 % of the lines, each publish built from fresh objects ({@code fresh}) or interned and
 * sharing unchanged lines with the previous snapshot as ingest does ({@code shared}, through {@link
 * OddsInterner}). Heap used after a full GC, minus the baseline.
 *
 * <pre>
 * java -Xmx2g -cp marketgate-bench/target/benchmarks.jar io.marketgate.bench.OddsHeapHarness [events] [books] [markets] [rounds] [shared|fresh] [historySize]
 * </pre>
 */
public final class OddsHeapHarness {

  private OddsHeapHarness() {}

  /**
   * Runs the measurement; arguments: events (2000), books (10), markets (20), rounds (10), mode.
   */
  public static void main(String[] args) {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int books = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int markets = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    boolean shared = args.length <= 4 || args[4].equals("shared");
    int history = args.length > 5 ? Integer.parseInt(args[5]) : MarketData.EVENT_HISTORY;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    ManualClock clock = new ManualClock();
    SyntheticOdds odds = new SyntheticOdds(books, markets, Instant.parse("2026-01-10T00:00:00Z"));
    SplittableRandom random = new SplittableRandom(7);
    long base = usedAfterGc(memory);

    MarketData data = MarketData.create(clock, MarketData.HISTORY, MarketData.MID_POINTS, history);
    OddsInterner interner = new OddsInterner();
    List<OddsEvent> latest = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      OddsEvent e = odds.event(i, random);
      if (shared) {
        e = interner.intern(e, Optional.empty());
      }
      data.oddsEvents().publish(e.key(), e);
      latest.add(e);
    }
    long loaded = usedAfterGc(memory) - base;
    int lines = latest.stream().mapToInt(e -> e.lines().size()).sum();
    System.out.printf(
        "%d events x %d bookmakers x %d markets = %,d lines (%s): %.1f MB (%d B/line), latest only%n",
        events,
        books,
        markets,
        lines,
        shared ? "interned as ingest does" : "as parsed",
        loaded / 1e6,
        loaded / lines);

    for (int r = 0; r < rounds; r++) {
      clock.advance(Duration.ofSeconds(60));
      for (int i = 0; i < events; i++) {
        OddsEvent next = odds.reprice(latest.get(i), 0.05, random);
        if (shared) {
          next = interner.intern(next, Optional.of(latest.get(i)));
        }
        data.oddsEvents().publish(next.key(), next);
        latest.set(i, next);
      }
    }
    long withHistory = usedAfterGc(memory) - base;
    System.out.printf(
        "after %d re-polls (5%% of lines re-priced each, %s): %.1f MB with %d snapshots"
            + " per event in the history ring%n",
        rounds,
        shared ? "interned as ingest does" : "every line a fresh object",
        withHistory / 1e6,
        data.oddsEvents().find(latest.get(0).key()).orElseThrow().history().size());
    if (data.oddsEvents().size() != events) {
      throw new IllegalStateException("lost events");
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
