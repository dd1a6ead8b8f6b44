package io.marketgate.cache;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A cache of request/response upstream data (market lists, event lists, odds snapshots) that loads
 * each key through a {@link ResourceLoader} and ages it by a {@link ResourcePolicy}: one load per
 * key however many callers miss at once, refresh-ahead, stale serving while the upstream fails,
 * remembered failures, and optional persistence to a {@link FileTier}.
 *
 * <p>Thread-safe; any thread may call any method. Loads, reloads and file writes run on the
 * builder's executor, never on the caller's thread. Every answer carries its {@link Freshness}.
 *
 * @param <K> type of the keys; immutable, with value equality
 * @param <V> type of the values; immutable
 */
public final class CachedResource<K, V> {

  /*
   * Caffeine does the work: an AsyncLoadingCache<K, Entry> coalesces concurrent misses into one
   * load (the in-flight future is shared), LoadingCache.refresh(key) coalesces reloads (an
   * in-flight refresh is returned instead of starting another), a custom Expiry removes an entry
   * at loadedAt + maxStale (a remembered failure at failedAt + negativeTtl), the Ticker is the
   * injected Clock, and maximumSize bounds memory. This class only decides, per read, which band
   * the entry's age falls in.
   *
   * Entry is immutable: {value, loadedNanos, asOf, seq, epoch, warm, failure, failedNanos}. The
   * loader never fails from Caffeine's point of view: a failed first load yields a negative entry
   * (no value, failure), a failed reload yields the old entry with the failure attached, so the
   * good value is never replaced and every waiter of a coalesced load sees the same outcome. So
   * "failure != null" on an entry returned by a load means that very load failed. With
   * negativeTtl = 0 a negative entry expires at once and only the callers already waiting see it.
   *
   * Why not refreshAfterWrite: Caffeine measures it from its own write time, which is reset by
   * every replacement (also by a failed reload carrying its failure) and is "now" for entries
   * restored from disk. The bands are measured from the entry's own loadedNanos instead, and the
   * reload is started with refresh(key), which keeps Caffeine's deduplication. A reload that
   * finished a moment before a second reader looked may be followed by one more reload; that is
   * the same window Caffeine's own refreshAfterWrite has.
   *
   * seq is one counter per resource, +1 per successful load, so it strictly increases per key even
   * across eviction. Restored entries keep the seq and epoch they were written with; the counter
   * continues after the largest restored seq and, when anything of this resource was found on
   * disk, live loads use epoch = largest restored epoch + 1 (the restart broke continuity).
   * A restored entry gets loadedNanos = now - (wall now - asOf), so the same bands apply to it;
   * files older than maxStale are not restored. Restored values are labelled WARM until a live
   * load replaces them, also when their reload fails (they are then counted as stale serves).
   *
   * Persistence: each successful load is handed to the executor to be encoded and written; the
   * FileTier drops writes older than the file's seq, so the order writes finish in does not
   * matter. A load whose result Caffeine discards (key invalidated while loading) may still be
   * written; it is restored as WARM after a restart.
   */

  private static final System.Logger LOG = System.getLogger(CachedResource.class.getName());
  private static final long DEFAULT_MAXIMUM_SIZE = 10_000;

  private final String name;
  private final ResourceLoader<K, V> loader;
  private final ResourcePolicy policy;
  private final Clock clock;
  private final Executor executor;
  private final Persistence<K, V> persistence;
  private final long ttlNanos;
  private final long refreshAheadNanos;
  private final long maxStaleNanos;
  private final long negativeTtlNanos;
  private final AtomicLong generations;
  private final long epoch;
  private final AsyncLoadingCache<K, Entry<V>> cache;

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder loads = new LongAdder();
  private final LongAdder loadFailures = new LongAdder();
  private final LongAdder staleServes = new LongAdder();
  private final LongAdder refreshes = new LongAdder();

  private CachedResource(Builder<K, V> builder) {
    this.name = builder.name;
    this.loader = builder.loader;
    this.policy = builder.policy;
    this.clock = builder.clock;
    this.executor = builder.executor != null ? builder.executor : virtualThreads(name);
    this.persistence = policy.persist() ? builder.persistence : null;
    this.ttlNanos = saturatedNanos(policy.ttl());
    this.refreshAheadNanos = saturatedNanos(policy.refreshAhead());
    this.maxStaleNanos = saturatedNanos(policy.maxStale());
    this.negativeTtlNanos = saturatedNanos(policy.negativeTtl());

    List<FileTier.StoredEntry> stored =
        persistence == null ? List.of() : persistence.tier().take(name);
    long maxSeq = 0;
    long maxEpoch = -1;
    for (FileTier.StoredEntry entry : stored) {
      maxSeq = Math.max(maxSeq, entry.seq());
      maxEpoch = Math.max(maxEpoch, entry.epoch());
    }
    this.generations = new AtomicLong(maxSeq);
    this.epoch = maxEpoch + 1;

    this.cache =
        Caffeine.newBuilder()
            .ticker(clock::nanoTime)
            .executor(executor)
            .maximumSize(builder.maximumSize)
            .expireAfter(new EntryExpiry())
            .buildAsync(new Loader());
    restore(stored);
  }

  /** A builder of a resource called {@code name} whose values come from {@code loader}. */
  public static <K, V> Builder<K, V> builder(String name, ResourceLoader<K, V> loader) {
    return new Builder<>(name, loader);
  }

  /** Name of this resource, as used in logs, metrics and file names. */
  public String name() {
    return name;
  }

  /** The policy this resource ages its values by. */
  public ResourcePolicy policy() {
    return policy;
  }

  /**
   * The value for {@code key}, waiting for a load when there is no fresh enough value; throws
   * {@link ResourceUnavailableException} when nothing may be served.
   */
  public Served<V> get(K key) {
    Objects.requireNonNull(key, "key");
    // Fast path: a fresh value is served without the future getAsync would allocate.
    Entry<V> entry = completed(cache.getIfPresent(key));
    if (entry != null && entry.hasValue()) {
      long now = clock.nanoTime();
      if (entry.ageNanos(now) < refreshAheadNanos) {
        hits.increment();
        return serve(entry, now);
      }
    }
    try {
      return getAsync(key).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ResourceUnavailableException(name, String.valueOf(key), e);
    } catch (ExecutionException e) {
      throw unwrap(key, e.getCause());
    }
  }

  /**
   * The value for {@code key} as a future that completes like {@link #get(Object)}: with the value,
   * or exceptionally with {@link ResourceUnavailableException}.
   */
  public CompletableFuture<Served<V>> getAsync(K key) {
    Objects.requireNonNull(key, "key");
    Entry<V> entry = completed(cache.getIfPresent(key));
    if (entry == null) {
      misses.increment();
      return load(key).thenApply(loaded -> serveLoaded(key, loaded));
    }
    long now = clock.nanoTime();
    if (!entry.hasValue()) {
      misses.increment();
      return CompletableFuture.failedFuture(unavailable(key, entry.failure()));
    }
    long age = entry.ageNanos(now);
    if (age < refreshAheadNanos) {
      hits.increment();
      return CompletableFuture.completedFuture(serve(entry, now));
    }
    boolean failedRecently = entry.failedWithin(now, negativeTtlNanos);
    if (age < ttlNanos) {
      hits.increment();
      if (!failedRecently) {
        refreshInBackground(key);
      }
      return CompletableFuture.completedFuture(serve(entry, now));
    }
    if (failedRecently) {
      hits.increment();
      return CompletableFuture.completedFuture(serve(entry, now));
    }
    misses.increment();
    return reload(key).thenApply(reloaded -> serveLoaded(key, reloaded));
  }

  /**
   * The cached value for {@code key} labelled by its current age, or empty when none is cached;
   * never loads or reloads.
   */
  public Optional<Served<V>> getIfPresent(K key) {
    Objects.requireNonNull(key, "key");
    Entry<V> entry = completed(cache.getIfPresent(key));
    if (entry == null || !entry.hasValue()) {
      misses.increment();
      return Optional.empty();
    }
    hits.increment();
    return Optional.of(serve(entry, clock.nanoTime()));
  }

  /**
   * Reloads {@code key} now whatever its age, joining a reload already in flight; completes with
   * the new value, or exceptionally with {@link ResourceUnavailableException} when the load failed
   * (a previous value stays cached and served).
   */
  public CompletableFuture<Served<V>> refresh(K key) {
    Objects.requireNonNull(key, "key");
    return reload(key)
        .thenApply(
            entry -> {
              if (entry.failure() != null) {
                throw unavailable(key, entry.failure());
              }
              return serve(entry, clock.nanoTime());
            });
  }

  /** Discards the value of {@code key}, in memory and (on the calling thread) in the file tier. */
  public void invalidate(K key) {
    Objects.requireNonNull(key, "key");
    cache.synchronous().invalidate(key);
    if (persistence != null) {
      persistence.delete(key, generations.get());
    }
  }

  /** Discards every value, in memory and (on the calling thread) in the file tier. */
  public void invalidateAll() {
    cache.synchronous().invalidateAll();
    if (persistence != null) {
      persistence.tier().deleteAll(name, generations.get());
    }
  }

  /** The counters of this resource since it was built. */
  public ResourceStats stats() {
    return new ResourceStats(
        hits.sum(),
        misses.sum(),
        loads.sum(),
        loadFailures.sum(),
        staleServes.sum(),
        refreshes.sum());
  }

  @Override
  public String toString() {
    return "CachedResource[" + name + ", " + policy + "]";
  }

  private CompletableFuture<Entry<V>> load(K key) {
    try {
      return cache.get(key);
    } catch (RuntimeException e) {
      // For example the executor rejected the load; report it like any other load failure.
      return CompletableFuture.failedFuture(unavailable(key, e));
    }
  }

  private CompletableFuture<Entry<V>> reload(K key) {
    try {
      return cache.synchronous().refresh(key);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(unavailable(key, e));
    }
  }

  private void refreshInBackground(K key) {
    reload(key)
        .whenComplete(
            (entry, failure) -> {
              if (failure != null) {
                LOG.log(
                    Level.WARNING,
                    "resource '" + name + "' could not reload key '" + key + "': " + failure);
              }
            });
  }

  private Served<V> serveLoaded(K key, Entry<V> entry) {
    if (!entry.hasValue()) {
      throw unavailable(key, entry.failure());
    }
    return serve(entry, clock.nanoTime());
  }

  private Served<V> serve(Entry<V> entry, long now) {
    long age = entry.ageNanos(now);
    boolean stale = age >= ttlNanos;
    if (stale) {
      staleServes.increment();
    }
    Provenance provenance =
        entry.warm() ? Provenance.WARM : stale ? Provenance.STALE : Provenance.LIVE;
    return new Served<>(
        entry.value(),
        new Freshness(provenance, Duration.ofNanos(age), entry.seq(), entry.epoch(), entry.asOf()));
  }

  private ResourceUnavailableException unavailable(K key, Throwable cause) {
    return new ResourceUnavailableException(name, String.valueOf(key), cause);
  }

  private ResourceUnavailableException unwrap(K key, Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ResourceUnavailableException unavailable
        ? unavailable
        : unavailable(key, cause);
  }

  private Entry<V> load(K key, Entry<V> old) {
    loads.increment();
    boolean reloadOfValue = old != null && old.hasValue();
    if (reloadOfValue) {
      refreshes.increment();
    }
    try {
      V value = loader.load(key);
      if (value == null) {
        throw new NullPointerException(
            "loader of resource '" + name + "' returned null for key '" + key + "'");
      }
      Entry<V> fresh =
          new Entry<>(
              value,
              clock.nanoTime(),
              clock.wallTime(),
              generations.incrementAndGet(),
              epoch,
              false,
              null,
              0L);
      if (persistence != null) {
        persistLater(key, fresh);
      }
      return fresh;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      loadFailures.increment();
      LOG.log(Level.WARNING, "resource '" + name + "' failed to load key '" + key + "': " + e);
      long now = clock.nanoTime();
      return reloadOfValue ? old.failed(e, now) : Entry.negative(e, now, clock.wallTime());
    }
  }

  private void persistLater(K key, Entry<V> entry) {
    try {
      executor.execute(() -> persistence.write(key, entry));
    } catch (RejectedExecutionException e) {
      persistence.writeNotStarted(key, e);
    }
  }

  private void restore(List<FileTier.StoredEntry> stored) {
    if (stored.isEmpty()) {
      return;
    }
    long nowNanos = clock.nanoTime();
    Instant wallNow = clock.wallTime();
    Map<K, Entry<V>> restored = new HashMap<>();
    for (FileTier.StoredEntry file : stored) {
      K key;
      V value;
      try {
        key = Objects.requireNonNull(persistence.keyCodec().decode(file.key()), "decoded key");
        value =
            Objects.requireNonNull(
                persistence.valueCodec().decode(file.payload()), "decoded value");
      } catch (Exception e) {
        persistence
            .tier()
            .skip(file.file(), "resource '" + name + "' cannot decode its key or value: " + e);
        continue;
      }
      Duration age = Duration.between(file.asOf(), wallNow);
      long ageNanos = age.isNegative() ? 0L : saturatedNanos(age);
      if (ageNanos >= maxStaleNanos) {
        LOG.log(
            Level.DEBUG,
            "resource '" + name + "' not restoring " + file.file() + ": older than maxStale");
        continue;
      }
      Entry<V> entry =
          new Entry<>(
              value, nowNanos - ageNanos, file.asOf(), file.seq(), file.epoch(), true, null, 0L);
      restored.merge(key, entry, (a, b) -> a.seq() >= b.seq() ? a : b);
    }
    restored.forEach((key, entry) -> cache.put(key, CompletableFuture.completedFuture(entry)));
    LOG.log(
        Level.INFO,
        "resource '"
            + name
            + "' restored "
            + restored.size()
            + " warm entries from "
            + persistence.tier().directory());
  }

  private static <T> T completed(CompletableFuture<T> future) {
    return future != null && future.isDone() && !future.isCompletedExceptionally()
        ? future.join()
        : null;
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static Executor virtualThreads(String name) {
    ThreadFactory threads =
        Thread.ofVirtual().name("marketgate-resource-" + name + "-", 0).factory();
    return task -> threads.newThread(task).start();
  }

  /** Caffeine's view of this resource's loader: failures become entries, never exceptions. */
  private final class Loader implements AsyncCacheLoader<K, Entry<V>> {
    @Override
    public CompletableFuture<Entry<V>> asyncLoad(K key, Executor loadExecutor) {
      return CompletableFuture.supplyAsync(() -> load(key, null), loadExecutor);
    }

    @Override
    public CompletableFuture<Entry<V>> asyncReload(K key, Entry<V> old, Executor loadExecutor) {
      return CompletableFuture.supplyAsync(() -> load(key, old), loadExecutor);
    }
  }

  /** Keeps a value until maxStale after its load and a remembered failure for negativeTtl. */
  private final class EntryExpiry implements Expiry<K, Entry<V>> {
    @Override
    public long expireAfterCreate(K key, Entry<V> entry, long currentTime) {
      return remainingNanos(entry, currentTime);
    }

    @Override
    public long expireAfterUpdate(K key, Entry<V> entry, long currentTime, long currentDuration) {
      return remainingNanos(entry, currentTime);
    }

    @Override
    public long expireAfterRead(K key, Entry<V> entry, long currentTime, long currentDuration) {
      return currentDuration;
    }

    private long remainingNanos(Entry<V> entry, long now) {
      if (entry.hasValue()) {
        return Math.max(0L, maxStaleNanos - entry.ageNanos(now));
      }
      return Math.max(0L, negativeTtlNanos - Math.max(0L, now - entry.failedNanos()));
    }
  }

  /**
   * One cached outcome of a key. {@code value} is null for a remembered failed load; {@code
   * failure} is null unless the load that produced this entry failed.
   */
  private record Entry<T>(
      T value,
      long loadedNanos,
      Instant asOf,
      long seq,
      long epoch,
      boolean warm,
      Throwable failure,
      long failedNanos) {

    static <T> Entry<T> negative(Throwable failure, long nowNanos, Instant wallNow) {
      return new Entry<>(null, nowNanos, wallNow, 0L, 0L, false, failure, nowNanos);
    }

    boolean hasValue() {
      return value != null;
    }

    long ageNanos(long nowNanos) {
      return Math.max(0L, nowNanos - loadedNanos);
    }

    boolean failedWithin(long nowNanos, long windowNanos) {
      return failure != null && nowNanos - failedNanos < windowNanos;
    }

    Entry<T> failed(Throwable cause, long nowNanos) {
      return new Entry<>(value, loadedNanos, asOf, seq, epoch, warm, cause, nowNanos);
    }
  }

  /** The file tier and codecs of a persisted resource. */
  private record Persistence<K, V>(
      String resource, FileTier tier, ValueCodec<K> keyCodec, ValueCodec<V> valueCodec) {

    void write(K key, Entry<V> entry) {
      byte[] keyBytes;
      byte[] payload;
      try {
        keyBytes = keyCodec.encode(key);
        payload = valueCodec.encode(entry.value());
      } catch (Exception e) {
        writeNotStarted(key, e);
        return;
      }
      tier.write(resource, keyBytes, entry.asOf(), entry.seq(), entry.epoch(), payload);
    }

    void delete(K key, long upToSeq) {
      try {
        tier.delete(resource, keyCodec.encode(key), upToSeq);
      } catch (Exception e) {
        LOG.log(
            Level.WARNING,
            "resource '" + resource + "' cannot encode key '" + key + "' to delete its file: " + e);
      }
    }

    void writeNotStarted(K key, Exception e) {
      tier.countFailedWrite(
          resource, "resource '" + resource + "' could not persist key '" + key + "'", e);
    }
  }

  /**
   * Builds a {@link CachedResource}. Not thread-safe; use from one thread, then discard.
   *
   * @param <K> type of the keys
   * @param <V> type of the values
   */
  public static final class Builder<K, V> {
    private final String name;
    private final ResourceLoader<K, V> loader;
    private ResourcePolicy policy = ResourcePolicy.of(Duration.ofSeconds(30));
    private Clock clock = Clock.system();
    private Executor executor;
    private long maximumSize = DEFAULT_MAXIMUM_SIZE;
    private Persistence<K, V> persistence;

    private Builder(String name, ResourceLoader<K, V> loader) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("resource name must not be blank");
      }
      this.name = name;
      this.loader = Objects.requireNonNull(loader, "loader");
    }

    /** Sets the policy; the default is {@link ResourcePolicy#of} 30 seconds. */
    public Builder<K, V> policy(ResourcePolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Sets the clock every age and expiry is measured with; the default is the system clock. */
    public Builder<K, V> clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the executor loads, reloads and file writes run on; the default starts one virtual
     * thread per task.
     */
    public Builder<K, V> executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Sets how many keys are kept in memory at most; the default is 10 000. */
    public Builder<K, V> maximumSize(long maximumSize) {
      if (maximumSize < 1) {
        throw new IllegalArgumentException("maximumSize must be positive, was " + maximumSize);
      }
      this.maximumSize = maximumSize;
      return this;
    }

    /**
     * Persists successful loads to {@code tier} (when the policy says {@code persist}) with the
     * given codecs, and restores what the tier holds for this resource at build.
     */
    public Builder<K, V> fileTier(FileTier tier, ValueCodec<K> keyCodec, ValueCodec<V> valueCodec) {
      this.persistence =
          new Persistence<>(
              name,
              Objects.requireNonNull(tier, "tier"),
              Objects.requireNonNull(keyCodec, "keyCodec"),
              Objects.requireNonNull(valueCodec, "valueCodec"));
      return this;
    }

    /**
     * The resource, with the entries of its file tier restored; throws when the policy says {@code
     * persist} but no file tier was given.
     */
    public CachedResource<K, V> build() {
      if (policy.persist() && persistence == null) {
        throw new IllegalStateException(
            "resource '" + name + "' has persist=true in its policy but no fileTier was set");
      }
      return new CachedResource<>(this);
    }
  }
}
