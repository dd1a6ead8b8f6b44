package io.marketgate.server.metrics;

import io.marketgate.cache.CachedResource;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.ResourceStats;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The {@code marketgate_cache_*} and {@code marketgate_store_*} series. */
final class CacheMeters {

  private CacheMeters() {}

  /** One set per {@link CachedResource}, tag {@code resource}. */
  static final class Resources extends LiveMeters<ResourceStats> {

    private final Supplier<? extends Collection<? extends CachedResource<?, ?>>> resources;

    Resources(
        MeterRegistry registry,
        Supplier<? extends Collection<? extends CachedResource<?, ?>>> resources) {
      super(registry);
      this.resources = resources;
    }

    @Override
    Map<String, ResourceStats> snapshot() {
      Map<String, ResourceStats> out = new LinkedHashMap<>();
      for (CachedResource<?, ?> r : resources.get()) {
        out.putIfAbsent(r.name(), r.stats());
      }
      return out;
    }

    @Override
    void register(String name, ResourceStats stats) {
      Tags r = Tags.of("resource", name);
      counter(
          name,
          "marketgate.cache.gets",
          "Reads of a cached resource: hit (answered from a cached value) or miss.",
          r.and("result", "hit"),
          ResourceStats::hits);
      counter(
          name,
          "marketgate.cache.gets",
          "Reads of a cached resource: hit (answered from a cached value) or miss.",
          r.and("result", "miss"),
          ResourceStats::misses);
      counter(
          name,
          "marketgate.cache.loads",
          "Loader calls, refreshes included.",
          r,
          ResourceStats::loads);
      counter(
          name,
          "marketgate.cache.load.failures",
          "Loader calls that failed.",
          r,
          ResourceStats::loadFailures);
      counter(
          name,
          "marketgate.cache.stale.serves",
          "Answers older than the resource's ttl (stale, or old warm values).",
          r,
          ResourceStats::staleServes);
      counter(
          name,
          "marketgate.cache.refreshes",
          "Loader calls that reloaded a key which already had a value.",
          r,
          ResourceStats::refreshes);
    }
  }

  /** One set per {@link KeyedSnapshotStore}, tag {@code store}. */
  static final class Stores extends LiveMeters<Stores.View> {

    private final Supplier<? extends Collection<? extends KeyedSnapshotStore<?, ?>>> stores;

    Stores(
        MeterRegistry registry,
        Supplier<? extends Collection<? extends KeyedSnapshotStore<?, ?>>> stores) {
      super(registry);
      this.stores = stores;
    }

    /** A store's size and version at one moment. */
    record View(int keys, long version) {}

    @Override
    Map<String, View> snapshot() {
      Map<String, View> out = new LinkedHashMap<>();
      for (KeyedSnapshotStore<?, ?> s : stores.get()) {
        out.putIfAbsent(s.name(), new View(s.size(), s.version()));
      }
      return out;
    }

    @Override
    void register(String name, View view) {
      Tags s = Tags.of("store", name);
      gauge(name, "marketgate.store.keys", "Keys held by the snapshot store.", "", s, View::keys);
      counter(
          name,
          "marketgate.store.changes",
          "Publishes, additions and removals in the snapshot store (its global version).",
          s,
          View::version);
    }
  }
}
