package io.marketgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketgate.cache.Clock;
import io.marketgate.cache.ResourcePolicy;
import io.marketgate.server.http.ApiKeys;
import io.marketgate.server.http.GatewayHttpServer;
import io.marketgate.server.ingest.MarketData;
import io.marketgate.server.slate.Slate;
import io.marketgate.server.slate.SlateView;
import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.calls.CallCounts;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.kalshi.KalshiRest;
import io.marketgate.upstream.odds.OddsApiFeed;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slate board end to end: in the demo gateway it joins every simulated game and its steady
 * builds call no upstream; with its own resources against a simulator answering every call after
 * 200 ms, a cold build stays within (unique calls ÷ the Basic tier's rate) + 1 s and a warm one
 * within 50 ms.
 */
class SlateIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Tomorrow (US/Eastern): near enough for the route, and no game has started. */
  private static final LocalDate DATE =
      io.marketgate.upstream.kalshi.NbaTicker.easternDate(java.time.Instant.now()).plusDays(1);

  @TempDir Path dataDir;

  private GatewayHarness harness;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  @Test
  void slate_demoGateway_everySimulatedGameMatched_steadyBuildsCallNothing() throws Exception {
    LocalDate date = DATE;
    harness = GatewayHarness.start(dataDir, 7, date);
    harness.awaitHealthy();
    int games = harness.sim.slate().games().size();

    JsonNode doc =
        await("a slate with every game and live books")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .ignoreExceptions()
            .until(
                () ->
                    JSON.readTree(
                        harness
                            .http
                            .send(
                                HttpRequest.newBuilder(
                                        URI.create(
                                            harness.gateway.baseUri() + "/v1/slate?date=" + date))
                                    .build(),
                                HttpResponse.BodyHandlers.ofString())
                            .body()),
                d ->
                    d.path("games").size() == games
                        && d.path("freshness").path("books").path("missing").asInt(-1) == 0);

    assertThat(doc.path("unmatched").size()).isZero();
    assertThat(doc.path("moneylines").size()).isEqualTo(2 * games);
    assertThat(doc.path("spreads").size()).isEqualTo(4 * games);
    assertThat(doc.path("totals").size()).isEqualTo(4 * games);
    assertThat(doc.path("calls").path("total").asLong()).isZero();

    SlateView view = harness.gateway.slate().orElseThrow();
    Map<String, Long> before = view.callsSoFar();
    harness.sim.resetCalls();
    for (int i = 0; i < 20; i++) {
      assertThat(view.build(date, false).value().calls().total()).isZero();
    }
    CallCounts during = harness.sim.calls();
    // Routes no source of the demo calls in steady state: only a slate build could.
    assertThat(during.calls("kalshi.events")).isZero();
    assertThat(during.calls("kalshi.orderbook")).isZero();
    assertThat(view.callsSoFar()).isEqualTo(before).containsOnlyKeys(SlateView.RESOURCES);
    assertThat(before.values()).containsOnly(0L);
  }

  /** A view with its own resources on fresh clients: Kalshi at the Basic tier, The Odds API. */
  private static SlateView view(VenueSimulator sim, MarketData data) {
    UpstreamClient kalshi =
        UpstreamClient.builder("kalshi", sim.kalshiBaseUri())
            .budget(TokenBucketBudget.create(BudgetConfig.kalshi(BudgetConfig.KalshiTier.BASIC)))
            .build();
    UpstreamClient odds =
        UpstreamClient.builder("odds_api", sim.oddsApiBaseUri())
            .budget(TokenBucketBudget.create(BudgetConfig.theOddsApi()))
            .build();
    KalshiRest rest = KalshiRest.create(kalshi);
    return SlateView.builder(data)
        .oddsFromFeed(
            OddsApiFeed.builder(odds, sim.config().odds().oddsApiKey())
                .regions(List.of("us", "eu"))
                .build(),
            "basketball_nba")
        .manifestFromKalshi(rest)
        .booksFromKalshi(rest)
        .booksPolicy(ResourcePolicy.of(Duration.ofSeconds(60)))
        .build();
  }

  @Test
  void slate_200msPerCallBasicTier_coldWithinBound_warmUnder50ms() throws Exception {
    int games = 10;
    VenueSimulator sim =
        VenueSimulator.start(
            SimConfig.builder().port(0).seed(7).slateDate(DATE).gameCount(games).build());
    closeables.add(sim);
    sim.faults().inject("*", new Fault.Latency(Duration.ofMillis(200)), FaultTrigger.always());
    // A cold cache, not a cold JVM: throwaway builds first load the classes and JIT the paths of
    // the HTTP clients and parsers (the first build in a JVM costs seconds more); then the median
    // of five cold builds, each on a fresh view (empty caches, new clients).
    long jvmStart = System.nanoTime();
    double firstInJvmMs = 0;
    for (int i = 0; i < 3; i++) {
      try (SlateView throwaway = view(sim, MarketData.create(Clock.system()))) {
        throwaway.build(DATE, false);
      }
      if (i == 0) {
        firstInJvmMs = (System.nanoTime() - jvmStart) / 1e6;
      }
    }
    List<Double> colds = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      try (SlateView fresh = view(sim, MarketData.create(Clock.system()))) {
        sim.resetCalls();
        long t = System.nanoTime();
        fresh.build(DATE, false);
        colds.add((System.nanoTime() - t) / 1e6);
        assertThat(sim.calls().total()).isEqualTo(5);
      }
    }
    Collections.sort(colds);
    MarketData data = MarketData.create(Clock.system());
    SlateView view = view(sim, data);
    closeables.add(view);
    GatewayHttpServer server = GatewayHttpServer.builder(data, ApiKeys.open()).slate(view).build();
    closeables.add(server);
    int port = server.start("127.0.0.1", 0);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest get =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/slate?date=" + DATE))
            .header("Accept-Encoding", "gzip")
            .build();
    sim.resetCalls();

    long start = System.nanoTime();
    HttpResponse<byte[]> cold = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
    double coldMs = (System.nanoTime() - start) / 1e6;
    long unique = sim.calls().total();

    List<Double> warm = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long t = System.nanoTime();
      HttpResponse<byte[]> r = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
      warm.add((System.nanoTime() - t) / 1e6);
      assertThat(r.statusCode()).isEqualTo(200);
    }
    List<Double> inProcess = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long t = System.nanoTime();
      Slate s = view.build(DATE, false).value();
      inProcess.add((System.nanoTime() - t) / 1e6);
      assertThat(s.calls().total()).isZero();
    }
    Collections.sort(warm);
    Collections.sort(inProcess);
    double rate =
        (double) BudgetConfig.KalshiTier.BASIC.readTokensPerSecond() / KalshiRest.READ_COST;
    double boundMs = unique / rate * 1000 + 1000;
    System.out.printf(
        "slate bench: games=%d unique calls=%d cold via HTTP=%.0f ms, cold builds min=%.0f"
            + " median=%.0f max=%.0f ms (bound %.0f ms; first build in a fresh JVM %.0f ms);"
            + " warm HTTP p50=%.1f p90=%.1f max=%.1f ms; warm build p50=%.2f p90=%.2f max=%.2f ms;"
            + " calls after warm=%d%n",
        games,
        unique,
        coldMs,
        colds.get(0),
        colds.get(2),
        colds.get(4),
        boundMs,
        firstInJvmMs,
        warm.get(25),
        warm.get(45),
        warm.get(49),
        inProcess.get(25),
        inProcess.get(45),
        inProcess.get(49),
        sim.calls().total());

    assertThat(cold.statusCode()).isEqualTo(200);
    assertThat(unique).isEqualTo(5); // odds, 3 event lists, 1 batch of 100 books
    assertThat(sim.calls().total()).isEqualTo(unique);
    assertThat(colds.get(2)).isLessThan(boundMs);
    assertThat(warm.get(45)).isLessThan(50.0);
    JsonNode doc =
        JSON.readTree(
            new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(cold.body())));
    assertThat(doc.path("games").size()).isEqualTo(games);
    assertThat(Stream.of("moneylines", "spreads", "totals").mapToInt(t -> doc.path(t).size()).sum())
        .isEqualTo(10 * games);
  }
}
