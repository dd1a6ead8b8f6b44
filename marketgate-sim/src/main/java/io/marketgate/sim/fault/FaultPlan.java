package io.marketgate.sim.fault;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * The faults injected into the simulator, by route pattern. Thread-safe: tests inject and clear
 * from any thread while server threads draw faults.
 *
 * <p>A route pattern is a route name ({@code kalshi.orderbook}), a prefix ending in {@code .*}
 * ({@code kalshi.*}) or {@code *} for every route.
 */
public final class FaultPlan {

  /*
   * Entries are checked in injection order and the first one that matches the route, applies to
   * the kind of call (HTTP request or WebSocket data message) and fires wins; a NextCalls entry is
   * removed when used up. All state sits behind this object's monitor: draws are rare and cheap,
   * and one lock keeps "which fault fires" deterministic for a seeded random source.
   */
  private final List<Entry> entries = new ArrayList<>();
  private final SplittableRandom random;
  private long nextId = 1;

  /** An empty plan whose probability triggers draw from a source seeded with {@code seed}. */
  public FaultPlan(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * One injected fault.
   *
   * @param id the id to remove it by
   * @param routePattern the routes it applies to
   * @param fault what goes wrong
   * @param trigger when it goes wrong
   * @param remaining the calls left for a {@link FaultTrigger.NextCalls} trigger, else -1
   */
  public record Injected(
      long id, String routePattern, Fault fault, FaultTrigger trigger, int remaining) {}

  private static final class Entry {
    final long id;
    final String pattern;
    final Fault fault;
    final FaultTrigger trigger;
    int remaining;

    Entry(long id, String pattern, Fault fault, FaultTrigger trigger) {
      this.id = id;
      this.pattern = pattern;
      this.fault = fault;
      this.trigger = trigger;
      this.remaining = trigger instanceof FaultTrigger.NextCalls n ? n.calls() : -1;
    }
  }

  /** Adds {@code fault} on routes matching {@code routePattern}, fired by {@code trigger}. */
  public synchronized long inject(String routePattern, Fault fault, FaultTrigger trigger) {
    if (routePattern.isBlank()) {
      throw new IllegalArgumentException("FaultPlan.inject: routePattern must not be blank");
    }
    long id = nextId++;
    entries.add(new Entry(id, routePattern, fault, trigger));
    return id;
  }

  /** Removes the fault with {@code id}; whether it was present. */
  public synchronized boolean remove(long id) {
    return entries.removeIf(e -> e.id == id);
  }

  /** Removes every fault. */
  public synchronized void clear() {
    entries.clear();
  }

  /** The faults still injected, in injection order. */
  public synchronized List<Injected> injected() {
    return entries.stream()
        .map(e -> new Injected(e.id, e.pattern, e.fault, e.trigger, e.remaining))
        .toList();
  }

  /** The fault that fires for this HTTP call on {@code route}, if any. */
  public Optional<Fault> nextHttp(String route) {
    return next(route, Fault::isHttp);
  }

  /** The fault that fires for this WebSocket data message on {@code route}, if any. */
  public Optional<Fault> nextWebSocket(String route) {
    return next(route, f -> !f.isHttp());
  }

  private synchronized Optional<Fault> next(String route, Predicate<Fault> applies) {
    for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (!matches(e.pattern, route) || !applies.test(e.fault)) {
        continue;
      }
      if (e.trigger instanceof FaultTrigger.Probability p) {
        if (p.probability() >= 1 || random.nextDouble() < p.probability()) {
          return Optional.of(e.fault);
        }
        continue;
      }
      if (--e.remaining <= 0) {
        it.remove();
      }
      return Optional.of(e.fault);
    }
    return Optional.empty();
  }

  /**
   * Whether {@code pattern} ({@code name}, {@code prefix.*} or {@code *}) matches {@code route}.
   */
  static boolean matches(String pattern, String route) {
    if (pattern.equals("*") || pattern.equals(route)) {
      return true;
    }
    return pattern.endsWith(".*") && route.startsWith(pattern.substring(0, pattern.length() - 1));
  }
}
