package io.marketgate.server.ingest;

import io.marketgate.cache.Clock;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Publishes a poller's answers into a keyed store: only changed values, keys that left the
 * upstream's answer marked stale and removed after a grace period. Used by one writer thread (the
 * poller), which owns the keys it publishes.
 *
 * @param <K> the key type
 * @param <T> the value type, with value equality
 */
final class KeyedPublisher<K, T> {

  private final KeyedSnapshotStore<K, T> store;
  private final Clock clock;
  private final long graceNanos;
  private final Set<K> owned = new LinkedHashSet<>();
  private final Map<K, Long> leavingSince = new HashMap<>();

  /** What one {@link #sync} did. */
  record Synced(int published, int unchanged, int markedStale, int removed) {}

  KeyedPublisher(KeyedSnapshotStore<K, T> store, Clock clock, Duration grace) {
    this.store = store;
    this.clock = clock;
    this.graceNanos = SourceHealth.requirePositive("grace", grace).toNanos();
  }

  /**
   * Applies one answer: publishes each value of {@code seen} that differs from the key's latest
   * live value; a key owned here that is missing from {@code seen} although {@code covered} says
   * the answer covered it is marked stale once; a key that is missing, or whose value is {@code
   * ending} (closed, settled), is removed once it has been so for the grace period.
   */
  Synced sync(Map<K, T> seen, Predicate<? super K> covered, Predicate<? super T> ending) {
    long now = clock.nanoTime();
    int published = 0;
    int unchanged = 0;
    int markedStale = 0;
    for (Map.Entry<K, T> e : seen.entrySet()) {
      K key = e.getKey();
      if (publishIfChanged(store, key, e.getValue())) {
        published++;
      } else {
        unchanged++;
      }
      owned.add(key);
      if (ending.test(e.getValue())) {
        leavingSince.putIfAbsent(key, now);
      } else {
        leavingSince.remove(key);
      }
    }
    for (K key : owned) {
      if (!seen.containsKey(key) && covered.test(key) && !leavingSince.containsKey(key)) {
        leavingSince.put(key, now);
        if (markStale(key)) {
          markedStale++;
        }
      }
    }
    int removed = 0;
    for (Iterator<Map.Entry<K, Long>> it = leavingSince.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<K, Long> e = it.next();
      if (now - e.getValue() >= graceNanos) {
        it.remove();
        owned.remove(e.getKey());
        if (store.remove(e.getKey())) {
          removed++;
        }
      }
    }
    return new Synced(published, unchanged, markedStale, removed);
  }

  /** Removes every owned key whose latest value matches {@code evict}; returns how many. */
  int evict(Predicate<? super T> evict) {
    int removed = 0;
    for (Iterator<K> it = owned.iterator(); it.hasNext(); ) {
      K key = it.next();
      Optional<Snapshot<T>> latest = store.latest(key);
      if (latest.isPresent() && evict.test(latest.get().value())) {
        it.remove();
        leavingSince.remove(key);
        if (store.remove(key)) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** How many keys this publisher owns now. */
  int size() {
    return owned.size();
  }

  private boolean markStale(K key) {
    return store
        .find(key)
        .filter(s -> s.latest().map(l -> l.provenance() == Provenance.LIVE).orElse(false))
        .flatMap(s -> s.markStale())
        .isPresent();
  }

  /**
   * Publishes {@code value} unless the key's latest snapshot is live and equal to it; returns
   * whether it published. Unchanged values leave the store's version (and so ETags) as they were.
   */
  static <K, T> boolean publishIfChanged(KeyedSnapshotStore<K, T> store, K key, T value) {
    Optional<Snapshot<T>> latest = store.latest(key);
    if (latest.isPresent()
        && latest.get().provenance() == Provenance.LIVE
        && latest.get().value().equals(value)) {
      return false;
    }
    store.publish(key, value);
    return true;
  }
}
