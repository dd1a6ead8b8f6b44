package io.marketgate.server.metrics;

import io.marketgate.cache.CachedResource;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.server.ingest.Source;
import io.marketgate.upstream.Budget;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The gateway's Prometheus metrics: one registry with the JVM's meters and the {@code marketgate_*}
 * series of every bound budget, source, cached resource and store, each read from the live object
 * at scrape time. Bind once at start from the wiring thread; {@link #scrape()} and {@link
 * #registry()} may be called from any thread. Owned by the gateway, closed at shutdown.
 */
public final class Metrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final List<LiveMeters<?>> live = new CopyOnWriteArrayList<>();

  private Metrics() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc = new JvmGcMetrics();
    gc.bindTo(registry);
  }

  /** A registry with the JVM's memory, GC, thread, class-loading, CPU and uptime meters. */
  public static Metrics create() {
    return new Metrics();
  }

  /** The registry, for components that add their own meters (the HTTP server). */
  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Every series in the Prometheus text format, the answer of {@code GET /metrics}; reads each
   * bound object's status once.
   */
  public String scrape() {
    synchronized (live) {
      live.forEach(LiveMeters::refresh);
    }
    return registry.scrape();
  }

  /**
   * Adds {@code marketgate_upstream_calls_total{upstream,endpoint,outcome}}, {@code
   * _requests_total}, {@code _retries_total}, {@code _available_tokens}, {@code _capacity_tokens},
   * {@code _remaining_credits} and {@code _circuit_state} for the budgets {@code budgets} supplies.
   */
  public Metrics bindBudgets(Supplier<? extends Collection<? extends Budget>> budgets) {
    return bind(new BudgetMeters(registry, Objects.requireNonNull(budgets, "budgets")));
  }

  /**
   * Adds {@code marketgate_source_state{source}}, {@code _age_seconds}, {@code
   * _last_data_timestamp_seconds}, {@code _silent_after_seconds}, {@code _keys}, {@code
   * _epoch_bumps_total} and {@code _events_total{event}} for the sources {@code sources} supplies.
   */
  public Metrics bindSources(Supplier<? extends Collection<? extends Source>> sources) {
    return bind(new SourceMeters(registry, Objects.requireNonNull(sources, "sources")));
  }

  /**
   * Adds {@code marketgate_cache_gets_total{resource,result}}, {@code _loads_total}, {@code
   * _load_failures_total}, {@code _stale_serves_total} and {@code _refreshes_total} for the cached
   * resources {@code resources} supplies.
   */
  public Metrics bindResources(
      Supplier<? extends Collection<? extends CachedResource<?, ?>>> resources) {
    return bind(
        new CacheMeters.Resources(registry, Objects.requireNonNull(resources, "resources")));
  }

  /**
   * Adds {@code marketgate_store_keys{store}} and {@code marketgate_store_changes_total{store}} for
   * the snapshot stores {@code stores} supplies.
   */
  public Metrics bindStores(
      Supplier<? extends Collection<? extends KeyedSnapshotStore<?, ?>>> stores) {
    return bind(new CacheMeters.Stores(registry, Objects.requireNonNull(stores, "stores")));
  }

  /**
   * Adds {@code marketgate_stream_clients}: the server-sent-event clients connected now, as {@code
   * clients} reports them (the HTTP server's own count).
   */
  public Metrics bindStreamClients(IntSupplier clients) {
    Objects.requireNonNull(clients, "clients");
    Gauge.builder("marketgate.stream.clients", clients, IntSupplier::getAsInt)
        .description("Server-sent-event clients connected now.")
        .strongReference(true)
        .register(registry);
    return this;
  }

  /** Stops the GC listener and closes the registry. */
  @Override
  public void close() {
    gc.close();
    registry.close();
  }

  private Metrics bind(LiveMeters<?> meters) {
    synchronized (live) {
      live.add(meters);
    }
    return this;
  }
}
