package io.marketgate.server.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The meters of one kind of live object (budgets, sources, resources, stores), read from one status
 * snapshot per object per scrape. {@link #refresh()} is called by {@link Metrics#scrape()} under
 * its lock; meter functions may be called from any thread.
 *
 * @param <S> the status snapshot of one object
 */
abstract class LiveMeters<S> {

  /*
   * Why a snapshot per scrape instead of meters that call status() themselves: a budget has
   * endpoints x outcomes series, and each status() builds an immutable copy, so one call per meter
   * would cost dozens of copies per scrape and could mix two moments in one scrape. refresh() takes
   * one status per object, publishes the map in one volatile write, and registers meters for label
   * sets seen for the first time (a budget's endpoints appear as calls are made; an optional value
   * such as remaining credits appears when the upstream first reports it). Meters of an object that
   * is no longer supplied are removed. Nothing is counted here: every value is read from the live
   * object's own status.
   */

  private final MeterRegistry registry;
  private volatile Map<String, S> current = Map.of();
  private final Map<String, Map<String, Meter>> meters = new HashMap<>();

  LiveMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The current status of every supplied object, by object name. */
  abstract Map<String, S> snapshot();

  /** Registers (idempotently) the meters of object {@code name} with status {@code status}. */
  abstract void register(String name, S status);

  /** Takes new snapshots, registers new series and removes those of vanished objects. */
  final void refresh() {
    Map<String, S> next = new LinkedHashMap<>(snapshot());
    current = Map.copyOf(next);
    next.forEach(this::register);
    Set<String> gone = new HashSet<>(meters.keySet());
    gone.removeAll(next.keySet());
    for (String name : gone) {
      meters.remove(name).values().forEach(registry::remove);
    }
  }

  /** A monotonic count of object {@code owner}, read from its snapshot. */
  final void counter(
      String owner, String metric, String help, Tags tags, ToDoubleFunction<S> value) {
    String key = metric + tags;
    Map<String, Meter> own = meters.computeIfAbsent(owner, o -> new HashMap<>());
    if (!own.containsKey(key)) {
      own.put(
          key,
          FunctionCounter.builder(metric, this, m -> m.read(owner, value))
              .description(help)
              .tags(tags)
              .register(registry));
    }
  }

  /** A current value of object {@code owner}, read from its snapshot; {@code unit} may be empty. */
  final void gauge(
      String owner, String metric, String help, String unit, Tags tags, ToDoubleFunction<S> value) {
    String key = metric + tags;
    Map<String, Meter> own = meters.computeIfAbsent(owner, o -> new HashMap<>());
    if (!own.containsKey(key)) {
      Gauge.Builder<LiveMeters<S>> b =
          Gauge.builder(metric, this, m -> m.read(owner, value)).description(help).tags(tags);
      if (!unit.isEmpty()) {
        b.baseUnit(unit);
      }
      own.put(key, b.register(registry));
    }
  }

  private double read(String owner, ToDoubleFunction<S> value) {
    S s = current.get(owner);
    return s == null ? Double.NaN : value.applyAsDouble(s);
  }
}
