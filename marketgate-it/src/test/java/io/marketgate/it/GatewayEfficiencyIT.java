package io.marketgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketgate.sim.calls.CallCounts;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's upstream traffic is set by its polling policies and the book stream, not by its
 * consumers: 100 consumers hammering {@code /v1/markets} and {@code /v1/books} for 30 s cause no
 * more upstream calls than the same 30 s with no consumer at all.
 */
class GatewayEfficiencyIT {

  private static final long SEED = 7;
  private static final Duration WINDOW = Duration.ofSeconds(30);
  private static final int CONSUMERS = 100;
  private static final int SERIES = 3; // the demo preset's KXNBAGAME, KXNBASPREAD, KXNBATOTAL
  private static final Duration MARKETS_INTERVAL = Duration.ofSeconds(10);
  private static final double JITTER = 0.1; // PollPolicy.every

  @TempDir Path dataDir;

  private GatewayHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void upstreamCalls_hundredConsumersFor30s_noMoreThanPoliciesImplyAndNoMoreThanIdleBaseline()
      throws Exception {
    harness = GatewayHarness.start(dataDir, SEED);
    harness.awaitHealthy();
    List<String> tickers = harness.gameTickers(4);
    assertThat(tickers).as("tickers of the always-on series").hasSize(4);

    // Baseline: the same window with no consumer; /health is read (it calls no upstream) and must
    // stay 200 throughout.
    harness.sim.resetCalls();
    long baselineStart = System.nanoTime();
    await("an idle window of " + WINDOW)
        .during(WINDOW)
        .atMost(WINDOW.plusSeconds(10))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> harness.get("/health").statusCode() == 200);
    CallCounts baseline = harness.sim.calls();
    Duration baselineTook = Duration.ofNanos(System.nanoTime() - baselineStart);

    // Loaded: 100 consumers as fast as they can for the same window.
    harness.sim.resetCalls();
    GatewayHarness.Tally tally = new GatewayHarness.Tally();
    List<HttpRequest> requests = new ArrayList<>();
    requests.add(harness.request("/v1/markets?limit=1000"));
    tickers.forEach(t -> requests.add(harness.request("/v1/books/kalshi/" + t)));
    long loadStart = System.nanoTime();
    long deadline = loadStart + WINDOW.toNanos();
    List<Future<?>> consumers = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < CONSUMERS; c++) {
        int consumer = c;
        consumers.add(
            pool.submit(
                () -> {
                  int i = consumer;
                  while (System.nanoTime() - deadline < 0) {
                    HttpRequest request = requests.get(i++ % requests.size());
                    try {
                      HttpResponse<Void> r =
                          harness.http.send(request, HttpResponse.BodyHandlers.discarding());
                      if (r.statusCode() == 200) {
                        tally.ok.increment();
                        tally.record(
                            (request == requests.getFirst() ? "markets " : "book ")
                                + r.headers().firstValue("X-Source").orElse("-"));
                      } else {
                        tally.failed.increment();
                        tally.record("status " + r.statusCode());
                      }
                    } catch (Exception e) {
                      tally.failed.increment();
                      tally.record(e.getClass().getSimpleName());
                      if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        return;
                      }
                    }
                  }
                }));
      }
      for (Future<?> f : consumers) {
        f.get();
      }
    }
    Duration loadTook = Duration.ofNanos(System.nanoTime() - loadStart);
    CallCounts loaded = harness.sim.calls();

    long served = tally.ok.sum();
    System.out.printf(
        "GatewayEfficiencyIT: baseline (%d ms, 0 consumers) upstream %d calls %s%n",
        baselineTook.toMillis(), baseline.total(), callsByRoute(baseline));
    System.out.printf(
        "GatewayEfficiencyIT: loaded (%d ms, %d consumers) served %d requests (%.0f/s), %d failed;"
            + " answers %s; upstream %d calls %s%n",
        loadTook.toMillis(),
        CONSUMERS,
        served,
        served / (loadTook.toNanos() / 1e9),
        tally.failed.sum(),
        tally.outcomes(),
        loaded.total(),
        callsByRoute(loaded));

    assertThat(tally.failed.sum()).as("failed consumer requests %s", tally.outcomes()).isZero();
    assertThat(tally.outcomes().keySet())
        .as("X-Source of the answers while every source is healthy")
        .allMatch(k -> k.endsWith(" live"));
    assertThat(served).as("consumer requests served").isGreaterThan(50_000);

    // Markets: one listing per series per poll; polls start at least interval*(1-jitter) apart, so
    // a window holds at most floor(window / minGap) + 1 polls (30 s / 9 s -> 4 = 30/10 + 1).
    long minGapMs = (long) (MARKETS_INTERVAL.toMillis() * (1 - JITTER));
    long maxPolls = loadTook.toMillis() / minGapMs + 1;
    assertThat(loaded.calls("kalshi.markets"))
        .as("kalshi.markets calls under load")
        .isLessThanOrEqualTo(maxPolls * SERIES);
    assertThat(baseline.calls("kalshi.markets"))
        .as("kalshi.markets calls idle")
        .isLessThanOrEqualTo(maxPolls * SERIES);

    // Books ride the WebSocket: REST book calls under load are those of the idle pattern (the
    // 2 s reconcile of books the stream does not cover) plus at most one reconcile batch of slack
    // for where the window boundaries fall; consumer demand for always-on books adds none.
    for (String route : List.of("kalshi.orderbook", "kalshi.orderbooks")) {
      long idle = baseline.calls(route);
      assertThat(loaded.calls(route))
          .as("%s calls under load vs %d idle", route, idle)
          .isLessThanOrEqualTo(idle + 1 + idle / 10);
    }
    // No route at all is called more for consumers: each is within one poll cycle of idle.
    for (String route : loaded.routes().keySet()) {
      long idle = baseline.calls(route);
      assertThat(loaded.calls(route))
          .as("%s calls under load vs %d idle", route, idle)
          .isLessThanOrEqualTo(idle + SERIES + idle / 10);
    }
    assertThat(served / Math.max(1, loaded.total()))
        .as("consumer requests per upstream call")
        .isGreaterThan(1_000);
  }

  private static Map<String, Long> callsByRoute(CallCounts counts) {
    Map<String, Long> m = new TreeMap<>();
    counts.routes().forEach((route, calls) -> m.put(route, calls.calls()));
    return m;
  }
}
