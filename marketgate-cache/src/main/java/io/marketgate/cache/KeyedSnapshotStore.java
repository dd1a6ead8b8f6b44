package io.marketgate.cache;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * A {@link SnapshotStore} per canonical key, with a global version that changes whenever any key is
 * published, added or removed.
 *
 * <p>Keys are ordered by their canonical string form (by default {@code toString()}, which must be
 * injective), so listing by prefix such as {@code "kalshi:KXNBAGAME-"} is a range scan. Threading:
 * each key has one writer (different keys may have different writers); readers never block. The
 * creator owns the store.
 *
 * @param <K> the key type, a value type with a canonical string form
 * @param <T> the type of the published values, which must be immutable
 */
public final class KeyedSnapshotStore<K, T> {

  private static final System.Logger LOG = System.getLogger(KeyedSnapshotStore.class.getName());

  private final String name;
  private final String source;
  private final Clock clock;
  private final int historySize;
  private final int scalarHistorySize;
  private final ToDoubleFunction<? super T> scalar;
  private final Function<? super K, String> canonical;
  private final ConcurrentSkipListMap<String, Entry<K, T>> entries = new ConcurrentSkipListMap<>();
  private final AtomicLong version = new AtomicLong();
  private final List<BiConsumer<? super K, ? super Snapshot<T>>> listeners =
      new CopyOnWriteArrayList<>();

  private record Entry<K, T>(K key, SnapshotStore<T> store) {}

  private KeyedSnapshotStore(Builder<K, T> builder) {
    this.name = builder.name;
    this.source = builder.source;
    this.clock = builder.clock;
    this.historySize = builder.historySize;
    this.scalarHistorySize = builder.scalarHistorySize;
    this.scalar = builder.scalar;
    this.canonical = builder.canonical;
  }

  /** A builder for a keyed store with the given name. */
  public static <K, T> Builder<K, T> builder(String name) {
    return new Builder<>(name);
  }

  /** The store's name. */
  public String name() {
    return name;
  }

  /** The store of {@code key}, created empty on first use. */
  public SnapshotStore<T> store(K key) {
    String id = canonicalOf(key);
    Entry<K, T> entry = entries.get(id);
    if (entry != null) {
      return entry.store();
    }
    boolean[] created = {false};
    Entry<K, T> winner =
        entries.computeIfAbsent(
            id,
            unused -> {
              created[0] = true;
              return newEntry(key);
            });
    if (created[0]) {
      version.incrementAndGet();
    }
    return winner.store();
  }

  private Entry<K, T> newEntry(K key) {
    SnapshotStore.Builder<T> b =
        SnapshotStore.<T>builder(name + "/" + canonicalOf(key))
            .source(source)
            .clock(clock)
            .historySize(historySize)
            .onPublish(snapshot -> afterPublish(key, snapshot));
    if (scalar != null) {
      b.scalarHistory(scalarHistorySize, scalar);
    }
    return new Entry<>(key, b.build());
  }

  private void afterPublish(K key, Snapshot<T> snapshot) {
    version.incrementAndGet();
    for (BiConsumer<? super K, ? super Snapshot<T>> listener : listeners) {
      try {
        listener.accept(key, snapshot);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "listener of store " + name + " failed on key " + key, e);
      }
    }
  }

  /** The store of {@code key} if it exists. */
  public Optional<SnapshotStore<T>> find(K key) {
    Entry<K, T> entry = entries.get(canonicalOf(key));
    return entry == null ? Optional.empty() : Optional.of(entry.store());
  }

  /** The latest snapshot of {@code key}, if any. */
  public Optional<Snapshot<T>> latest(K key) {
    Entry<K, T> entry = entries.get(canonicalOf(key));
    return entry == null ? Optional.empty() : entry.store().latest();
  }

  /** Publishes {@code value} for {@code key} as live data (the key's writer only). */
  public Snapshot<T> publish(K key, T value) {
    return store(key).publish(value);
  }

  /**
   * The global version: increases whenever any key is published, added or removed. Two reads that
   * return the same version saw the same set of snapshots.
   */
  public long version() {
    return version.get();
  }

  /** Number of keys. */
  public int size() {
    return entries.size();
  }

  /** All keys, in canonical order. */
  public List<K> keys() {
    return keysOf(entries);
  }

  /** The keys whose canonical form starts with {@code prefix}, in canonical order. */
  public List<K> keysWithPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isEmpty()) {
      return keys();
    }
    return keysOf(entries.subMap(prefix, true, prefix + Character.MAX_VALUE, false));
  }

  /** The keys accepted by {@code filter}, in canonical order. */
  public List<K> keys(Predicate<? super K> filter) {
    List<K> out = new ArrayList<>();
    for (Entry<K, T> e : entries.values()) {
      if (filter.test(e.key())) {
        out.add(e.key());
      }
    }
    return List.copyOf(out);
  }

  private static <K, T> List<K> keysOf(Map<String, Entry<K, T>> map) {
    List<K> out = new ArrayList<>(map.size());
    for (Entry<K, T> e : map.values()) {
      out.add(e.key());
    }
    return List.copyOf(out);
  }

  /** Removes {@code key} and its history; returns whether it was present. */
  public boolean remove(K key) {
    boolean removed = entries.remove(canonicalOf(key)) != null;
    if (removed) {
      version.incrementAndGet();
    }
    return removed;
  }

  /**
   * Removes every key whose latest snapshot (empty when nothing was published) matches {@code
   * evict}; returns how many were removed. Used to evict finished events and unwanted books.
   */
  public int removeIf(BiPredicate<? super K, Optional<Snapshot<T>>> evict) {
    int removed = 0;
    for (Map.Entry<String, Entry<K, T>> e : entries.entrySet()) {
      Entry<K, T> entry = e.getValue();
      if (evict.test(entry.key(), entry.store().latest()) && entries.remove(e.getKey(), entry)) {
        removed++;
      }
    }
    if (removed > 0) {
      version.incrementAndGet();
    }
    return removed;
  }

  /**
   * Registers a listener called on the publishing thread after every publish of any key. It must be
   * fast and must not block (hand work to a queue); an exception it throws is logged and ignored.
   */
  public void addListener(BiConsumer<? super K, ? super Snapshot<T>> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Removes a listener added by {@link #addListener}. */
  public void removeListener(BiConsumer<? super K, ? super Snapshot<T>> listener) {
    listeners.remove(listener);
  }

  private String canonicalOf(K key) {
    Objects.requireNonNull(key, "key");
    String id = canonical.apply(key);
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException(
          "key " + key + " of store " + name + " has an empty canonical form");
    }
    return id;
  }

  @Override
  public String toString() {
    return "KeyedSnapshotStore[" + name + ", keys=" + entries.size() + ", version=" + version + "]";
  }

  /** Configures and builds a {@link KeyedSnapshotStore}. Not thread-safe; use from one thread. */
  public static final class Builder<K, T> {
    private final String name;
    private String source = "unknown";
    private Clock clock = Clock.system();
    private int historySize = 16;
    private int scalarHistorySize;
    private ToDoubleFunction<? super T> scalar;
    private Function<? super K, String> canonical = Object::toString;

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a keyed store needs a non-blank name");
      }
      this.name = name;
    }

    /** Label of the producer stamped on every snapshot, for example {@code kalshi.ws}. */
    public Builder<K, T> source(String source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** The clock used for publish times and ages. */
    public Builder<K, T> clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How many snapshots each key's history ring keeps (default 16). */
    public Builder<K, T> historySize(int historySize) {
      this.historySize = historySize;
      return this;
    }

    /** Keeps a scalar series per key; see {@link SnapshotStore.Builder#scalarHistory}. */
    public Builder<K, T> scalarHistory(int size, ToDoubleFunction<? super T> extractor) {
      this.scalarHistorySize = size;
      this.scalar = Objects.requireNonNull(extractor, "extractor");
      return this;
    }

    /** The canonical string form of a key (default {@code toString()}); must be injective. */
    public Builder<K, T> canonicalForm(Function<? super K, String> canonical) {
      this.canonical = Objects.requireNonNull(canonical, "canonical");
      return this;
    }

    /** Builds the store; validates the per-key settings by building a probe store. */
    public KeyedSnapshotStore<K, T> build() {
      SnapshotStore.Builder<T> probe = SnapshotStore.<T>builder(name).historySize(historySize);
      if (scalar != null) {
        probe.scalarHistory(scalarHistorySize, scalar);
      }
      return new KeyedSnapshotStore<>(this);
    }
  }
}
