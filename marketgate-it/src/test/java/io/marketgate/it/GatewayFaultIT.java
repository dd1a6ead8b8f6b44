package io.marketgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketgate.sim.calls.CallCounts;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While Kalshi's market listing and REST book routes fail 30% of the time (429 without Retry-After,
 * 503, hang, truncated body), 20 consumers of {@code /v1/markets} and a book never see a failure;
 * the trouble shows in {@code /v1/sources}, and once the faults are gone every source and answer is
 * live again within one polling cycle. The faults last a minute: six polls at the 10 s markets
 * interval, i.e. eighteen series listings of up to four attempts each.
 */
class GatewayFaultIT {

  private static final long SEED = 11;
  private static final Duration FAULT_WINDOW = Duration.ofSeconds(60);
  private static final int CONSUMERS = 20;
  private static final List<String> ROUTES =
      List.of("kalshi.markets", "kalshi.orderbook", "kalshi.orderbooks");

  @TempDir Path dataDir;

  private GatewayHarness harness;

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void consumers_thirtyPercentKalshiFaults_everyAnswer200SourcesDegradedThenLiveAfterFaults()
      throws Exception {
    harness = GatewayHarness.start(dataDir, SEED);
    harness.awaitHealthy();
    String ticker = harness.gameTickers(1).getFirst();
    List<HttpRequest> requests =
        List.of(
            harness.request("/v1/markets?limit=1000"),
            harness.request("/v1/books/kalshi/" + ticker));

    AtomicReference<String> phase = new AtomicReference<>("faults");
    AtomicBoolean running = new AtomicBoolean(true);
    GatewayHarness.Tally tally = new GatewayHarness.Tally();
    Set<String> statesSeen = ConcurrentHashMap.newKeySet();

    harness.sim.resetCalls();
    for (String route : ROUTES) {
      // Each fault fires on 30% of the calls its draw reaches: together 1 - 0.7^4 = 76% of calls.
      harness.sim.faults().inject(route, Fault.tooManyRequests(), FaultTrigger.probability(0.3));
      harness.sim.faults().inject(route, Fault.status(503), FaultTrigger.probability(0.3));
      harness.sim.faults().inject(route, Fault.hang(), FaultTrigger.probability(0.3));
      harness.sim.faults().inject(route, Fault.truncatedJson(), FaultTrigger.probability(0.3));
    }
    long faultStart = System.nanoTime();
    long faultEnd = faultStart + FAULT_WINDOW.toNanos();

    List<Future<?>> workers = new ArrayList<>();
    long recoveredMs;
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < CONSUMERS; c++) {
        int consumer = c;
        workers.add(
            pool.submit(
                () -> {
                  int i = consumer;
                  while (running.get()) {
                    HttpRequest request = requests.get(i++ % requests.size());
                    String what = i % 2 == 1 ? "markets" : "book";
                    try {
                      HttpResponse<Void> r =
                          harness.http.send(request, HttpResponse.BodyHandlers.discarding());
                      if (r.statusCode() == 200) {
                        tally.ok.increment();
                      } else {
                        tally.failed.increment();
                      }
                      tally.record(
                          phase.get()
                              + " "
                              + what
                              + " "
                              + r.statusCode()
                              + " "
                              + r.headers().firstValue("X-Source").orElse("-"));
                    } catch (Exception e) {
                      tally.failed.increment();
                      tally.record(phase.get() + " " + what + " " + e.getClass().getSimpleName());
                      if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        return;
                      }
                    }
                  }
                }));
      }
      // The fault window: /v1/sources is sampled every 250 ms for the whole of it.
      await("the fault window")
          .atMost(FAULT_WINDOW.plusSeconds(10))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                harness.sourceStates().forEach((name, state) -> statesSeen.add(name + "=" + state));
                return System.nanoTime() - faultEnd >= 0;
              });
      CallCounts faulted = harness.sim.calls();
      harness.sim.faults().clear();
      long cleared = System.nanoTime();
      phase.set("recovery");

      System.out.printf(
          "GatewayFaultIT: during %d s of faults upstream %s; source states seen %s%n",
          FAULT_WINDOW.toSeconds(), byRouteAndStatus(faulted), new TreeMap<>(toMap(statesSeen)));

      // Recovery bound: a poll hung at the moment of clearing needs its 10 s attempt timeout, the
      // breaker (opened by the fault rate) stays open 10 s, then the next jittered poll is at most
      // 11 s away: 31 s, plus 4 s of scheduling slack.
      await("every source and answer live after the faults are removed")
          .atMost(Duration.ofSeconds(35))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                assertThat(harness.sourceStates())
                    .allSatisfy((n, s) -> assertThat(s).isEqualTo("live"));
                for (HttpRequest r : requests) {
                  HttpResponse<Void> answer =
                      harness.http.send(r, HttpResponse.BodyHandlers.discarding());
                  assertThat(answer.statusCode()).isEqualTo(200);
                  assertThat(answer.headers().firstValue("X-Source")).hasValue("live");
                }
              });
      recoveredMs = (System.nanoTime() - cleared) / 1_000_000;
      running.set(false);
      for (Future<?> w : workers) {
        w.get();
      }
    }

    System.out.printf(
        "GatewayFaultIT: recovered %d ms after clearing; consumers %d ok, %d failed; answers %s%n",
        recoveredMs, tally.ok.sum(), tally.failed.sum(), tally.outcomes());

    assertThat(tally.failed.sum()).as("failed consumer requests %s", tally.outcomes()).isZero();
    assertThat(tally.ok.sum()).isPositive();
    assertThat(statesSeen)
        .as("/v1/sources showed kalshi.markets degraded during the faults")
        .anyMatch(s -> s.startsWith("kalshi.markets=") && !s.endsWith("=live"));
  }

  private static Map<String, String> toMap(Set<String> seen) {
    Map<String, String> m = new TreeMap<>();
    seen.forEach(
        s -> {
          int eq = s.indexOf('=');
          m.merge(s.substring(0, eq), s.substring(eq + 1), (a, b) -> a + "," + b);
        });
    return m;
  }

  private static Map<String, Object> byRouteAndStatus(CallCounts counts) {
    Map<String, Object> m = new TreeMap<>();
    counts
        .routes()
        .forEach((route, calls) -> m.put(route, calls.calls() + " " + calls.byStatus().toString()));
    return m;
  }
}
