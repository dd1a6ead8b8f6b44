package io.marketgate.sim.calls;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts served calls by route and by status. Thread-safe: any thread may count, snapshot or reset
 * at any time; a reset racing with a call may or may not include that call.
 */
public final class CallCounter {

  /*
   * A call is counted twice: once when it arrives (so a call that is never answered still counts)
   * and once per status when its exchange completes. Both maps grow only by route names the
   * simulator defines, so they stay small.
   */
  private final ConcurrentHashMap<String, LongAdder> received = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ConcurrentHashMap<Integer, LongAdder>> answered =
      new ConcurrentHashMap<>();

  /** A counter with no calls. */
  public CallCounter() {}

  /** Counts one call received on {@code route}. */
  public void received(String route) {
    received.computeIfAbsent(route, r -> new LongAdder()).increment();
  }

  /** Counts one call on {@code route} answered with {@code status}. */
  public void answered(String route, int status) {
    answered
        .computeIfAbsent(route, r -> new ConcurrentHashMap<>())
        .computeIfAbsent(status, s -> new LongAdder())
        .increment();
  }

  /** A snapshot of all counts. */
  public CallCounts snapshot() {
    Map<String, CallCounts.RouteCalls> routes = new HashMap<>();
    received.forEach(
        (route, calls) -> {
          Map<Integer, Long> byStatus = new HashMap<>();
          Map<Integer, LongAdder> statuses =
              answered.getOrDefault(route, new ConcurrentHashMap<>());
          statuses.forEach((status, n) -> byStatus.put(status, n.sum()));
          routes.put(route, new CallCounts.RouteCalls(calls.sum(), byStatus));
        });
    return new CallCounts(routes);
  }

  /** Sets every count back to zero. */
  public void reset() {
    received.clear();
    answered.clear();
  }
}
