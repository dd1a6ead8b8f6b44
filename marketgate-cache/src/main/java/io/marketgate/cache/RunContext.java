package io.marketgate.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Everything one run of a view (such as the slate board) reads, fetched once before the run and
 * then frozen, so that the builders are pure functions of one moment and never fetch.
 *
 * <p>Use: {@link #plan(Clock)}, declare every {@link Need} (cached resources and keyed snapshots),
 * {@link Plan#fetch} them in parallel under a concurrency cap, then hand the context to the
 * builders. A need that could not be fetched is a {@link Fetched.Missing} with its reason, so
 * partial failure is an ordinary outcome. A built context is immutable and safe to share between
 * threads; a {@link Plan} is used by one thread.
 */
public final class RunContext {

  /*
   * Consistency: each need is read exactly once, and every value in the cache is an immutable
   * snapshot, so the builders see one frozen read set however long they run. It is not a
   * linearizable cut across stores (that would need a global lock on the write path); the context's
   * version names exactly which versions it holds, so two contexts with the same version hold the
   * same data and an encoded answer can be reused.
   */

  private final Map<Need<?>, Fetched<?>> fetched;
  private final long version;
  private final Duration fetchTime;

  private RunContext(Map<Need<?>, Fetched<?>> fetched, Duration fetchTime) {
    this.fetched = Collections.unmodifiableMap(fetched);
    this.fetchTime = fetchTime;
    long v = 1125899906842597L;
    for (Map.Entry<Need<?>, Fetched<?>> e : fetched.entrySet()) {
      v = 31 * v + e.getKey().label.hashCode();
      if (e.getValue() instanceof Fetched.Found<?> found) {
        Freshness f = found.freshness();
        v = 31 * v + f.seq();
        v = 31 * v + f.epoch();
        v = 31 * v + f.provenance().ordinal();
      } else {
        v = 31 * v - 1;
      }
    }
    this.version = v;
  }

  /** Starts planning a context; {@code clock} is used for the ages of snapshots. */
  public static Plan plan(Clock clock) {
    return new Plan(clock);
  }

  /**
   * What was fetched for {@code need}.
   *
   * @throws IllegalStateException if {@code need} was not declared in this context's plan: a
   *     builder must never fetch
   */
  @SuppressWarnings("unchecked") // a Need<V> is only ever stored with a Fetched<V>
  public <V> Fetched<V> get(Need<V> need) {
    Fetched<?> f = fetched.get(need);
    if (f == null) {
      throw new IllegalStateException(
          "'" + need.label + "' was not prefetched in this run context; declare it in the plan");
    }
    return (Fetched<V>) f;
  }

  /** The value fetched for {@code need}, or empty when it is missing. */
  public <V> Optional<V> value(Need<V> need) {
    return get(need) instanceof Fetched.Found<V> found
        ? Optional.of(found.value())
        : Optional.empty();
  }

  /** The labels of the needs that could not be fetched, with the reasons. */
  public Map<String, String> missing() {
    Map<String, String> out = new LinkedHashMap<>();
    fetched.forEach(
        (need, f) -> {
          if (f instanceof Fetched.Missing<?> m) {
            out.put(need.label, m.reason());
          }
        });
    return Collections.unmodifiableMap(out);
  }

  /** The freshness of each fetched need by label, in plan order. */
  public Map<String, Freshness> freshness() {
    Map<String, Freshness> out = new LinkedHashMap<>();
    fetched.forEach(
        (need, f) -> {
          if (f instanceof Fetched.Found<?> found) {
            out.put(need.label, found.freshness());
          }
        });
    return Collections.unmodifiableMap(out);
  }

  /** The age of the oldest value in the context, or zero when nothing was found. */
  public Duration oldest() {
    Duration max = Duration.ZERO;
    for (Freshness f : freshness().values()) {
      if (f.age().compareTo(max) > 0) {
        max = f.age();
      }
    }
    return max;
  }

  /**
   * A version naming exactly which snapshots the context holds: equal for two contexts that hold
   * the same versions of the same needs.
   */
  public long version() {
    return version;
  }

  /** How long fetching took. */
  public Duration fetchTime() {
    return fetchTime;
  }

  /** What a run needs: one key of one cached resource or keyed store. Compared by identity. */
  public static final class Need<V> {
    private final String label;
    private final Supplier<CompletableFuture<Fetched<V>>> fetch;

    private Need(String label, Supplier<CompletableFuture<Fetched<V>>> fetch) {
      this.label = label;
      this.fetch = fetch;
    }

    /** A readable name, {@code source[key]}. */
    public String label() {
      return label;
    }

    @Override
    public String toString() {
      return "Need[" + label + "]";
    }
  }

  /** What fetching one need gave: a value with its freshness, or the reason there is none. */
  public sealed interface Fetched<V> {

    /** A value and its freshness. */
    record Found<V>(V value, Freshness freshness) implements Fetched<V> {
      /** Validates the parts. */
      public Found {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(freshness, "freshness");
      }
    }

    /** No value, and why. */
    record Missing<V>(String reason) implements Fetched<V> {
      /** Validates the parts. */
      public Missing {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }

  /** Collects the needs of one run, then fetches them. Used by one thread. */
  public static final class Plan {
    private final Clock clock;
    private final Map<Object, Map<Object, Need<?>>> byOwner = new IdentityHashMap<>();
    private final List<Need<?>> needs = new ArrayList<>();
    private boolean fetched;

    private Plan(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Declares a need for {@code key} of a cached resource; the same pair gives the same need. */
    @SuppressWarnings("unchecked") // the inner map of an owner only holds needs of its value type
    public <K, V> Need<V> resource(CachedResource<K, V> resource, K key) {
      Objects.requireNonNull(key, "key");
      return (Need<V>)
          declare(
              resource,
              key,
              () ->
                  new Need<V>(
                      resource.name() + "[" + key + "]",
                      () ->
                          resource
                              .getAsync(key)
                              .<Fetched<V>>thenApply(
                                  served -> new Fetched.Found<>(served.value(), served.freshness()))
                              .exceptionally(RunContext::missing)));
    }

    /** Declares a need for the latest snapshot of {@code key} in a keyed store. */
    @SuppressWarnings("unchecked") // the inner map of an owner only holds needs of its value type
    public <K, T> Need<T> snapshot(KeyedSnapshotStore<K, T> store, K key) {
      Objects.requireNonNull(key, "key");
      return (Need<T>)
          declare(
              store,
              key,
              () ->
                  new Need<T>(
                      store.name() + "[" + key + "]",
                      () ->
                          CompletableFuture.completedFuture(
                              store
                                  .latest(key)
                                  .<Fetched<T>>map(
                                      s ->
                                          new Fetched.Found<>(
                                              s.value(), s.freshness(clock.nanoTime())))
                                  .orElseGet(
                                      () -> new Fetched.Missing<>("no data yet for " + key)))));
    }

    private Need<?> declare(Object owner, Object key, Supplier<Need<?>> create) {
      if (fetched) {
        throw new IllegalStateException("this plan was already fetched; start a new plan");
      }
      Map<Object, Need<?>> keys = byOwner.computeIfAbsent(owner, o -> new LinkedHashMap<>());
      Need<?> need = keys.get(key);
      if (need == null) {
        need = create.get();
        keys.put(key, need);
        needs.add(need);
      }
      return need;
    }

    /** The number of distinct needs declared so far. */
    public int size() {
      return needs.size();
    }

    /**
     * Fetches every need, at most {@code maxConcurrency} at a time, waiting at most {@code timeout}
     * in all; needs not fetched by then are {@link Fetched.Missing}. The calling thread blocks.
     *
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    public RunContext fetch(int maxConcurrency, Duration timeout) throws InterruptedException {
      if (maxConcurrency < 1) {
        throw new IllegalArgumentException("maxConcurrency must be >= 1, was " + maxConcurrency);
      }
      if (fetched) {
        throw new IllegalStateException("this plan was already fetched; start a new plan");
      }
      fetched = true;
      long start = System.nanoTime();
      long deadline = start + timeout.toNanos();
      Semaphore permits = new Semaphore(maxConcurrency);
      Map<Need<?>, CompletableFuture<? extends Fetched<?>>> futures = new LinkedHashMap<>();
      for (Need<?> need : needs) {
        long remaining = deadline - System.nanoTime();
        if (!permits.tryAcquire(Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
          futures.put(need, CompletableFuture.completedFuture(timedOut(timeout)));
          continue;
        }
        CompletableFuture<? extends Fetched<?>> f;
        try {
          f = need.fetch.get();
        } catch (RuntimeException e) {
          f = CompletableFuture.completedFuture(missing(e));
        }
        f.whenComplete((r, e) -> permits.release());
        futures.put(need, f);
      }
      Map<Need<?>, Fetched<?>> results = new LinkedHashMap<>();
      for (Map.Entry<Need<?>, CompletableFuture<? extends Fetched<?>>> e : futures.entrySet()) {
        long remaining = deadline - System.nanoTime();
        Fetched<?> r;
        try {
          r = e.getValue().get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
        } catch (TimeoutException ex) {
          r = timedOut(timeout);
        } catch (ExecutionException ex) {
          r = missing(ex.getCause());
        }
        results.put(e.getKey(), r);
      }
      return new RunContext(results, Duration.ofNanos(System.nanoTime() - start));
    }

    private static Fetched<?> timedOut(Duration timeout) {
      return new Fetched.Missing<>("not fetched within " + timeout.toMillis() + " ms");
    }
  }

  private static <V> Fetched<V> missing(Throwable e) {
    Throwable cause = e;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return new Fetched.Missing<>(
        message == null || message.isBlank() ? cause.getClass().getSimpleName() : message);
  }
}
