package io.marketgate.bench;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.marketgate.cache.CachedResource;
import io.marketgate.cache.ResourcePolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hit path of {@link CachedResource#get} (a fresh value, labelled with its freshness) against a
 * bare {@link ConcurrentHashMap#get}, a bare Caffeine {@code getIfPresent}, and a Caffeine async
 * cache configured like ours (variable expiry, ticker) over the same 1,024 keys, read by two
 * threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@Threads(2)
public class CachedResourceBenchmark {

  private static final int KEYS = 1024;

  /** The lookup under test. */
  @Param({"cachedResource", "caffeineExpiring", "caffeine", "concurrentHashMap"})
  public String impl;

  private String[] keys;
  private CachedResource<String, String> resource;
  private Cache<String, String> caffeine;
  private AsyncCache<String, String> caffeineExpiring;
  private ConcurrentHashMap<String, String> map;
  private Function<String, Object> lookup;

  /** Fills all three with the same keys; the resource's values stay fresh for the whole run. */
  @Setup(Level.Trial)
  public void setUp() {
    keys = new String[KEYS];
    resource =
        CachedResource.<String, String>builder("bench", key -> "value-" + key)
            .policy(ResourcePolicy.of(Duration.ofHours(1)))
            .build();
    caffeine = Caffeine.newBuilder().maximumSize(10_000).build();
    caffeineExpiring =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .ticker(System::nanoTime)
            .expireAfter(Expiry.<String, String>writing((k, v) -> Duration.ofHours(1)))
            .buildAsync();
    map = new ConcurrentHashMap<>();
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "kalshi:KXNBAGAME-26JAN09TORBOS-" + i;
      resource.get(keys[i]);
      caffeine.put(keys[i], "value-" + keys[i]);
      caffeineExpiring.put(keys[i], CompletableFuture.completedFuture("value-" + keys[i]));
      map.put(keys[i], "value-" + keys[i]);
    }
    // One lookup per fork, so the call site stays monomorphic and the string switch is not timed.
    lookup =
        switch (impl) {
          case "cachedResource" -> resource::get;
          case "caffeine" -> caffeine::getIfPresent;
          case "caffeineExpiring" -> key -> caffeineExpiring.getIfPresent(key).join();
          case "concurrentHashMap" -> map::get;
          default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
  }

  /** Per-thread position in the key array. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  /** One hit. */
  @Benchmark
  public Object hit(Cursor cursor) {
    return lookup.apply(keys[cursor.next++ & (KEYS - 1)]);
  }
}
