package io.marketgate.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.marketgate.cache.RunContext.Fetched;
import io.marketgate.cache.RunContext.Need;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RunContextTest {

  private static final ResourcePolicy POLICY =
      new ResourcePolicy(
          Duration.ofSeconds(30),
          Duration.ofSeconds(20),
          Duration.ofMinutes(10),
          Duration.ofSeconds(5),
          false);

  private final ManualClock clock = new ManualClock();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger loads = new AtomicInteger();
  private final KeyedSnapshotStore<String, String> books =
      KeyedSnapshotStore.<String, String>builder("books").clock(clock).build();

  @AfterEach
  void shutDown() {
    executor.shutdownNow();
  }

  private CachedResource<String, String> resource(ResourceLoader<String, String> loader) {
    return CachedResource.builder("odds", loader)
        .policy(POLICY)
        .clock(clock)
        .executor(executor)
        .build();
  }

  @Test
  void fetch_resourcesAndSnapshots_areReadableWithFreshness() throws Exception {
    CachedResource<String, String> odds =
        resource(
            key -> {
              loads.incrementAndGet();
              return "odds-" + key;
            });
    books.publish("kalshi:A", "book-A");
    clock.advance(Duration.ofMillis(250));

    RunContext.Plan plan = RunContext.plan(clock);
    Need<String> nba = plan.resource(odds, "nba");
    Need<String> bookA = plan.snapshot(books, "kalshi:A");
    RunContext ctx = plan.fetch(4, Duration.ofSeconds(10));

    assertThat(ctx.value(nba)).contains("odds-nba");
    assertThat(ctx.value(bookA)).contains("book-A");
    assertThat(ctx.freshness().get("books[kalshi:A]").ageMillis()).isEqualTo(250);
    assertThat(ctx.freshness().get("odds[nba]").provenance()).isEqualTo(Provenance.LIVE);
    assertThat(ctx.oldest()).isEqualTo(Duration.ofMillis(250));
    assertThat(ctx.missing()).isEmpty();
  }

  @Test
  void plan_sameNeedTwice_isOneNeedAndOneLoad() throws Exception {
    CachedResource<String, String> odds =
        resource(
            key -> {
              loads.incrementAndGet();
              return "v";
            });
    RunContext.Plan plan = RunContext.plan(clock);
    Need<String> a = plan.resource(odds, "nba");
    Need<String> b = plan.resource(odds, "nba");
    plan.fetch(4, Duration.ofSeconds(10));

    assertThat(a).isSameAs(b);
    assertThat(plan.size()).isEqualTo(1);
    assertThat(loads).hasValue(1);
  }

  @Test
  void get_needOfAnotherPlan_throwsBecauseBuildersNeverFetch() throws Exception {
    books.publish("kalshi:A", "book");
    RunContext.Plan plan = RunContext.plan(clock);
    plan.snapshot(books, "kalshi:A");
    RunContext ctx = plan.fetch(1, Duration.ofSeconds(1));

    Need<String> undeclared = RunContext.plan(clock).snapshot(books, "kalshi:A");
    assertThatThrownBy(() -> ctx.get(undeclared))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("books[kalshi:A]")
        .hasMessageContaining("not prefetched");
  }

  @Test
  void fetch_partialFailure_isMissingWithReason_andOthersFound() throws Exception {
    CachedResource<String, String> odds =
        resource(
            key -> {
              if (key.equals("bad")) {
                throw new IllegalStateException("upstream said 503 for " + key);
              }
              return "ok-" + key;
            });
    RunContext.Plan plan = RunContext.plan(clock);
    Need<String> good = plan.resource(odds, "good");
    Need<String> bad = plan.resource(odds, "bad");
    Need<String> noBook = plan.snapshot(books, "kalshi:NONE");
    RunContext ctx = plan.fetch(2, Duration.ofSeconds(10));

    assertThat(ctx.value(good)).contains("ok-good");
    assertThat(ctx.get(bad)).isInstanceOf(Fetched.Missing.class);
    assertThat(ctx.missing().get("odds[bad]")).contains("upstream said 503 for bad");
    assertThat(ctx.missing().get("books[kalshi:NONE]")).contains("no data yet");
    assertThat(ctx.value(noBook)).isEmpty();
  }

  @Test
  void fetch_neverRunsMoreThanMaxConcurrencyLoadsAtOnce() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    CountDownLatch gate = new CountDownLatch(1);
    CachedResource<String, String> books =
        resource(
            key -> {
              maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              try {
                gate.await();
                return "book-" + key;
              } finally {
                inFlight.decrementAndGet();
              }
            });
    RunContext.Plan plan = RunContext.plan(clock);
    List<Need<String>> needs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      needs.add(plan.resource(books, "T" + i));
    }
    CompletableFuture<RunContext> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return plan.fetch(3, Duration.ofSeconds(30));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            },
            executor);

    await().atMost(10, TimeUnit.SECONDS).untilAtomic(inFlight, org.hamcrest.Matchers.equalTo(3));
    assertThat(running).isNotDone();
    gate.countDown();
    RunContext ctx = running.get(30, TimeUnit.SECONDS);

    assertThat(maxInFlight).hasValue(3);
    assertThat(needs).allSatisfy(n -> assertThat(ctx.value(n)).isPresent());
  }

  @Test
  void fetch_slowNeed_isMissingAfterTimeout_andFetchReturns() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    CachedResource<String, String> slow =
        resource(
            key -> {
              never.await();
              return "late";
            });
    books.publish("kalshi:A", "book");
    RunContext.Plan plan = RunContext.plan(clock);
    Need<String> late = plan.resource(slow, "x");
    Need<String> book = plan.snapshot(books, "kalshi:A");
    RunContext ctx = plan.fetch(2, Duration.ofMillis(50));
    never.countDown();

    assertThat(ctx.missing().get("odds[x]")).contains("not fetched within 50 ms");
    assertThat(ctx.value(book)).contains("book");
    assertThat(ctx.value(late)).isEmpty();
  }

  @Test
  void version_isEqualForSameData_andChangesWhenAnInputChanges() throws Exception {
    books.publish("kalshi:A", "v1");
    long first = contextOf("kalshi:A").version();
    long same = contextOf("kalshi:A").version();
    books.publish("kalshi:A", "v2");
    long changed = contextOf("kalshi:A").version();
    books.store("kalshi:A").markStale();
    long stale = contextOf("kalshi:A").version();

    assertThat(same).isEqualTo(first);
    assertThat(changed).isNotEqualTo(first);
    assertThat(stale).isNotEqualTo(changed);
  }

  @Test
  void plan_reusedAfterFetch_isRejected() throws Exception {
    RunContext.Plan plan = RunContext.plan(clock);
    plan.snapshot(books, "kalshi:A");
    plan.fetch(1, Duration.ofSeconds(1));

    assertThatThrownBy(() -> plan.snapshot(books, "kalshi:B"))
        .hasMessageContaining("already fetched");
    assertThatThrownBy(() -> plan.fetch(1, Duration.ofSeconds(1)))
        .hasMessageContaining("already fetched");
    assertThatThrownBy(() -> RunContext.plan(clock).fetch(0, Duration.ofSeconds(1)))
        .hasMessageContaining("maxConcurrency");
  }

  private RunContext contextOf(String key) throws InterruptedException {
    RunContext.Plan plan = RunContext.plan(clock);
    plan.snapshot(books, key);
    return plan.fetch(1, Duration.ofSeconds(1));
  }
}
