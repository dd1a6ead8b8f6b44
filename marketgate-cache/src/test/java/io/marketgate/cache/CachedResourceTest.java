package io.marketgate.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedResourceTest {

  /** ttl 10s, refresh-ahead from 6s, stale until 60s, failures remembered for 5s. */
  static final ResourcePolicy POLICY =
      ResourcePolicy.of(Duration.ofSeconds(10))
          .withRefreshAhead(Duration.ofSeconds(6))
          .withMaxStale(Duration.ofSeconds(60))
          .withNegativeTtl(Duration.ofSeconds(5));

  private final ManualClock clock = new ManualClock();
  private final ScriptedLoader loader = new ScriptedLoader();

  @Test
  void get_miss_loadsOnceAndServesLive() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);

    Served<String> first = quotes.get("k");
    Served<String> second = quotes.get("k");

    assertThat(first.value()).isEqualTo("k-v1");
    assertThat(first.freshness())
        .isEqualTo(new Freshness(Provenance.LIVE, Duration.ZERO, 1, 0, clock.wallTime()));
    assertThat(second).isEqualTo(first);
    assertThat(loader.calls).hasValue(1);
    assertThat(quotes.stats()).isEqualTo(new ResourceStats(1, 1, 1, 0, 0, 0));
  }

  @Test
  void get_64ConcurrentMissesOfOneKey_callLoaderOnceAndAllGetTheValue() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    CachedResource<String, String> quotes =
        CachedResource.<String, String>builder(
                "quotes",
                key -> {
                  calls.incrementAndGet();
                  release.await();
                  return key + "-loaded";
                })
            .policy(POLICY)
            .clock(clock)
            .build();
    Queue<Served<String>> results = new ConcurrentLinkedQueue<>();
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      Thread caller =
          new Thread(
              () -> {
                try {
                  results.add(quotes.get("k"));
                } catch (Throwable t) {
                  errors.add(t);
                }
              },
              "caller-" + i);
      callers.add(caller);
      caller.start();
    }

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> callers.stream().allMatch(CachedResourceTest::isWaitingInsideGet));
    assertThat(calls).hasValue(1);
    release.countDown();
    for (Thread caller : callers) {
      assertThat(caller.join(Duration.ofSeconds(20))).as(caller.getName()).isTrue();
    }

    assertThat(errors).isEmpty();
    assertThat(results).hasSize(64).extracting(Served::value).containsOnly("k-loaded");
    assertThat(results).extracting(s -> s.freshness().seq()).containsOnly(1L);
    assertThat(calls).hasValue(1);
    assertThat(quotes.stats()).isEqualTo(new ResourceStats(0, 64, 1, 0, 0, 0));
  }

  @Test
  void get_youngerThanRefreshAhead_servesCachedValueWithoutLoading() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);
    quotes.get("k");

    clock.advance(Duration.ofMillis(5_999));
    Served<String> served = quotes.get("k");

    assertThat(served.value()).isEqualTo("k-v1");
    assertThat(served.freshness().provenance()).isEqualTo(Provenance.LIVE);
    assertThat(served.freshness().age()).isEqualTo(Duration.ofMillis(5_999));
    assertThat(loader.calls).hasValue(1);
  }

  @Test
  void get_inRefreshAheadWindow_servesOldValueAndReloadsOnceInBackground() {
    ManualExecutor executor = new ManualExecutor();
    CachedResource<String, String> quotes = resource(POLICY, executor);
    CompletableFuture<Served<String>> first = quotes.getAsync("k");
    executor.runAll();
    assertThat(first.join().value()).isEqualTo("k-v1");

    clock.advance(Duration.ofSeconds(7));
    List<Served<String>> during = List.of(quotes.get("k"), quotes.get("k"), quotes.get("k"));

    assertThat(during).extracting(Served::value).containsOnly("k-v1");
    assertThat(during).extracting(s -> s.freshness().provenance()).containsOnly(Provenance.LIVE);
    assertThat(loader.calls).as("reload runs in the background, not yet").hasValue(1);
    executor.runAll();
    assertThat(loader.calls).as("three reads in the window, one reload").hasValue(2);
    Served<String> after = quotes.get("k");
    assertThat(after.value()).isEqualTo("k-v2");
    assertThat(after.freshness())
        .isEqualTo(new Freshness(Provenance.LIVE, Duration.ZERO, 2, 0, clock.wallTime()));
    assertThat(quotes.stats()).isEqualTo(new ResourceStats(4, 1, 2, 0, 0, 1));
  }

  @Test
  void get_olderThanTtl_waitsForReloadAndServesNewValue() {
    ManualExecutor executor = new ManualExecutor();
    CachedResource<String, String> quotes = resource(POLICY, executor);
    quotes.getAsync("k");
    executor.runAll();

    clock.advance(Duration.ofSeconds(10));
    CompletableFuture<Served<String>> waiting = quotes.getAsync("k");
    CompletableFuture<Served<String>> alsoWaiting = quotes.getAsync("k");

    assertThat(waiting).isNotDone();
    assertThat(alsoWaiting).isNotDone();
    executor.runAll();
    assertThat(waiting.join().value()).isEqualTo("k-v2");
    assertThat(alsoWaiting.join().value()).isEqualTo("k-v2");
    assertThat(waiting.join().freshness().provenance()).isEqualTo(Provenance.LIVE);
    assertThat(loader.calls).as("two waiting readers, one reload").hasValue(2);
    assertThat(quotes.stats()).isEqualTo(new ResourceStats(0, 3, 2, 0, 0, 1));
  }

  @Test
  void get_reloadFailsAfterTtl_servesStaleUntilMaxStaleThenThrows() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);
    Served<String> live = quotes.get("k");
    loader.failWith(new IOException("upstream answered 503"));

    clock.advance(Duration.ofSeconds(11));
    Served<String> stale = quotes.get("k");
    clock.advance(Duration.ofSeconds(48));
    Served<String> lastStale = quotes.get("k");
    clock.advance(Duration.ofSeconds(1));

    assertThat(stale.value()).isEqualTo("k-v1");
    assertThat(stale.freshness())
        .isEqualTo(
            new Freshness(Provenance.STALE, Duration.ofSeconds(11), 1, 0, live.freshness().asOf()));
    assertThat(lastStale.value()).isEqualTo("k-v1");
    assertThat(lastStale.freshness().provenance()).isEqualTo(Provenance.STALE);
    assertThat(lastStale.freshness().age()).isEqualTo(Duration.ofSeconds(59));
    assertThatThrownBy(() -> quotes.get("k"))
        .isInstanceOf(ResourceUnavailableException.class)
        .hasMessageContaining("'quotes'")
        .hasMessageContaining("'k'")
        .hasMessageContaining("upstream answered 503")
        .hasCauseInstanceOf(IOException.class)
        .satisfies(
            e -> {
              ResourceUnavailableException unavailable = (ResourceUnavailableException) e;
              assertThat(unavailable.resource()).isEqualTo("quotes");
              assertThat(unavailable.key()).isEqualTo("k");
            });
    assertThat(loader.calls).as("load, two failed reloads, one failed load").hasValue(4);
    assertThat(quotes.stats()).isEqualTo(new ResourceStats(0, 4, 4, 3, 2, 2));
  }

  @Test
  void get_staleWhileFailureRemembered_doesNotCallLoaderAgain() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);
    quotes.get("k");
    loader.failWith(new IOException("down"));
    clock.advance(Duration.ofSeconds(11));
    quotes.get("k");
    assertThat(loader.calls).hasValue(2);

    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofMillis(900));
      assertThat(quotes.get("k").freshness().provenance()).isEqualTo(Provenance.STALE);
    }
    assertThat(loader.calls).as("within negativeTtl no reload per request").hasValue(2);
    clock.advance(Duration.ofMillis(500));
    loader.recover();
    Served<String> recovered = quotes.get("k");

    assertThat(loader.calls).hasValue(3);
    assertThat(recovered.value()).isEqualTo("k-v3");
    assertThat(recovered.freshness().provenance()).isEqualTo(Provenance.LIVE);
    assertThat(recovered.freshness().seq()).isEqualTo(2);
    assertThat(quotes.stats()).isEqualTo(new ResourceStats(5, 3, 3, 1, 6, 2));
  }

  @Test
  void get_backgroundReloadFailed_doesNotRetryWithinNegativeTtl() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);
    quotes.get("k");
    loader.failWith(new IOException("down"));

    clock.advance(Duration.ofSeconds(6));
    Served<String> first = quotes.get("k");
    clock.advance(Duration.ofSeconds(2));
    Served<String> second = quotes.get("k");

    assertThat(first.value()).isEqualTo("k-v1");
    assertThat(second.value()).isEqualTo("k-v1");
    assertThat(second.freshness().provenance())
        .as("a failed refresh-ahead does not make a value younger than ttl stale")
        .isEqualTo(Provenance.LIVE);
    assertThat(loader.calls).hasValue(2);
    assertThat(quotes.stats()).isEqualTo(new ResourceStats(2, 1, 2, 1, 0, 1));
  }

  @Test
  void get_failedMiss_isRememberedForNegativeTtl() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);
    loader.failWith(new IOException("connection refused"));

    assertThatThrownBy(() -> quotes.get("k"))
        .isInstanceOf(ResourceUnavailableException.class)
        .hasMessageContaining("connection refused");
    clock.advance(Duration.ofMillis(4_999));
    assertThatThrownBy(() -> quotes.get("k")).isInstanceOf(ResourceUnavailableException.class);
    assertThat(quotes.getIfPresent("k")).isEmpty();
    assertThat(loader.calls).as("remembered failure answers without the loader").hasValue(1);
    clock.advance(Duration.ofMillis(1));
    loader.recover();

    assertThat(quotes.get("k").value()).isEqualTo("k-v2");
    assertThat(quotes.stats()).isEqualTo(new ResourceStats(0, 4, 2, 1, 0, 0));
  }

  @Test
  void get_failedMissWithoutNegativeTtl_callsLoaderOnEveryMiss() {
    CachedResource<String, String> quotes =
        resource(POLICY.withNegativeTtl(Duration.ZERO), Runnable::run);
    loader.failWith(new IOException("down"));

    assertThatThrownBy(() -> quotes.get("k")).isInstanceOf(ResourceUnavailableException.class);
    assertThatThrownBy(() -> quotes.get("k")).isInstanceOf(ResourceUnavailableException.class);

    assertThat(loader.calls).hasValue(2);
    assertThat(quotes.stats()).isEqualTo(new ResourceStats(0, 2, 2, 2, 0, 0));
  }

  @Test
  void getAsync_failedMiss_completesExceptionallyWithUnavailable() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);
    loader.failWith(new IOException("down"));

    assertThatThrownBy(() -> quotes.getAsync("k").join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ResourceUnavailableException.class);
  }

  @Test
  void get_loaderReturnsNull_throwsUnavailableNamingTheNull() {
    CachedResource<String, String> quotes =
        CachedResource.<String, String>builder("quotes", key -> null)
            .clock(clock)
            .executor(Runnable::run)
            .build();

    assertThatThrownBy(() -> quotes.get("k"))
        .isInstanceOf(ResourceUnavailableException.class)
        .hasMessageContaining("returned null for key 'k'");
    assertThat(quotes.stats().loadFailures()).isEqualTo(1);
  }

  @Test
  void getIfPresent_neverLoaded_returnsEmptyWithoutLoading() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);

    assertThat(quotes.getIfPresent("k")).isEmpty();
    assertThat(loader.calls).hasValue(0);
    assertThat(quotes.stats()).isEqualTo(new ResourceStats(0, 1, 0, 0, 0, 0));
  }

  @Test
  void getIfPresent_olderThanTtl_servesStaleWithoutReloading() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);
    quotes.get("k");
    clock.advance(Duration.ofSeconds(30));

    Served<String> peeked = quotes.getIfPresent("k").orElseThrow();

    assertThat(peeked.value()).isEqualTo("k-v1");
    assertThat(peeked.freshness().provenance()).isEqualTo(Provenance.STALE);
    assertThat(loader.calls).hasValue(1);
    clock.advance(Duration.ofSeconds(30));
    assertThat(quotes.getIfPresent("k")).as("gone at maxStale").isEmpty();
  }

  @Test
  void refresh_freshValue_reloadsAndServesNewValue() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);
    quotes.get("k");

    Served<String> refreshed = quotes.refresh("k").join();

    assertThat(refreshed.value()).isEqualTo("k-v2");
    assertThat(refreshed.freshness().seq()).isEqualTo(2);
    assertThat(quotes.get("k").value()).isEqualTo("k-v2");
    assertThat(quotes.stats().refreshes()).isEqualTo(1);
  }

  @Test
  void refresh_absentKey_loadsIt() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);

    assertThat(quotes.refresh("k").join().value()).isEqualTo("k-v1");
    assertThat(quotes.getIfPresent("k")).isPresent();
  }

  @Test
  void refresh_concurrentCalls_shareOneReload() {
    ManualExecutor executor = new ManualExecutor();
    CachedResource<String, String> quotes = resource(POLICY, executor);
    quotes.getAsync("k");
    executor.runAll();

    CompletableFuture<Served<String>> first = quotes.refresh("k");
    CompletableFuture<Served<String>> second = quotes.refresh("k");
    executor.runAll();

    assertThat(first.join()).isEqualTo(second.join());
    assertThat(first.join().value()).isEqualTo("k-v2");
    assertThat(loader.calls).hasValue(2);
  }

  @Test
  void refresh_loadFails_completesExceptionallyAndKeepsServingOldValue() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);
    quotes.get("k");
    loader.failWith(new IOException("down"));

    assertThatThrownBy(() -> quotes.refresh("k").join())
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(ResourceUnavailableException.class)
        .hasMessageContaining("down");
    Served<String> served = quotes.get("k");
    assertThat(served.value()).isEqualTo("k-v1");
    assertThat(served.freshness().provenance()).isEqualTo(Provenance.LIVE);
  }

  @Test
  void invalidate_cachedKey_nextGetLoadsAgain() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);
    quotes.get("k");
    quotes.get("other");

    quotes.invalidate("k");

    assertThat(quotes.getIfPresent("k")).isEmpty();
    assertThat(quotes.getIfPresent("other")).isPresent();
    assertThat(quotes.get("k").value()).isEqualTo("k-v3");
    assertThat(quotes.get("k").freshness().seq()).isEqualTo(3);
  }

  @Test
  void invalidateAll_cachedKeys_removesEveryValue() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);
    quotes.get("a");
    quotes.get("b");

    quotes.invalidateAll();

    assertThat(quotes.getIfPresent("a")).isEmpty();
    assertThat(quotes.getIfPresent("b")).isEmpty();
  }

  @Test
  void get_distinctKeys_loadEachAndNumberLoadsInOrder() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);

    assertThat(quotes.get("a").freshness().seq()).isEqualTo(1);
    assertThat(quotes.get("b").freshness().seq()).isEqualTo(2);
    assertThat(quotes.get("a").freshness().seq()).isEqualTo(1);
  }

  @Test
  void builder_persistWithoutFileTier_throwsNamingTheResource() {
    assertThatThrownBy(
            () -> CachedResource.builder("quotes", loader).policy(POLICY.withPersist(true)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'quotes'")
        .hasMessageContaining("fileTier");
  }

  @Test
  void builder_blankName_throws() {
    assertThatThrownBy(() -> CachedResource.builder(" ", loader))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
  }

  @Test
  void accessors_builtResource_reportNameAndPolicy() {
    CachedResource<String, String> quotes = resource(POLICY, Runnable::run);

    assertThat(quotes.name()).isEqualTo("quotes");
    assertThat(quotes.policy()).isEqualTo(POLICY);
  }

  private CachedResource<String, String> resource(ResourcePolicy policy, Executor executor) {
    return CachedResource.builder("quotes", loader)
        .policy(policy)
        .clock(clock)
        .executor(executor)
        .build();
  }

  private static boolean isWaitingInsideGet(Thread thread) {
    Thread.State state = thread.getState();
    boolean parked =
        state == Thread.State.WAITING
            || state == Thread.State.TIMED_WAITING
            || state == Thread.State.BLOCKED;
    return parked
        && Arrays.stream(thread.getStackTrace())
            .anyMatch(
                frame ->
                    frame.getClassName().equals(CachedResource.class.getName())
                        && frame.getMethodName().equals("get"));
  }

  /** A loader answering {@code key-vN} on its N-th call, or throwing while told to fail. */
  static final class ScriptedLoader implements ResourceLoader<String, String> {
    final AtomicInteger calls = new AtomicInteger();
    private volatile Exception failure;

    @Override
    public String load(String key) throws Exception {
      int call = calls.incrementAndGet();
      Exception current = failure;
      if (current != null) {
        throw current;
      }
      return key + "-v" + call;
    }

    void failWith(Exception failure) {
      this.failure = failure;
    }

    void recover() {
      this.failure = null;
    }
  }

  /** An executor that queues tasks until the test runs them on its own thread. */
  static final class ManualExecutor implements Executor {
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
        task.run();
      }
    }
  }
}
