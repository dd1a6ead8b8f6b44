package io.marketgate.sim.calls;

import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of the simulator's call counters: per route, the calls received and the
 * calls answered per HTTP status.
 *
 * @param routes the counts per route name (for example {@code kalshi.orderbook}), sorted by name
 */
public record CallCounts(Map<String, RouteCalls> routes) {

  /** Copies the map, sorted by route name. */
  public CallCounts {
    routes = java.util.Collections.unmodifiableMap(new TreeMap<>(routes));
  }

  /**
   * The counts of one route.
   *
   * @param calls the calls received (including calls that are still unanswered)
   * @param byStatus the answered calls per HTTP status code, sorted by code
   */
  public record RouteCalls(long calls, Map<Integer, Long> byStatus) {

    /** Copies the map, sorted by status code. */
    public RouteCalls {
      byStatus = java.util.Collections.unmodifiableMap(new TreeMap<>(byStatus));
    }
  }

  /** The calls received on {@code route}; zero if none. */
  public long calls(String route) {
    RouteCalls r = routes.get(route);
    return r == null ? 0 : r.calls();
  }

  /** The calls on {@code route} answered with {@code status}; zero if none. */
  public long calls(String route, int status) {
    RouteCalls r = routes.get(route);
    return r == null ? 0 : r.byStatus().getOrDefault(status, 0L);
  }

  /** The calls received on every route together. */
  public long total() {
    return routes.values().stream().mapToLong(RouteCalls::calls).sum();
  }
}
