package io.marketgate.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketgate.server.Gateway;
import io.marketgate.server.config.GatewayConfig;
import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A venue simulator and a demo-configured gateway pointed at it, plus a JDK HTTP client for the
 * consumers of the end-to-end tests ({@link GatewayEfficiencyIT}, {@link GatewayFaultIT}).
 */
final class GatewayHarness implements AutoCloseable {

  /** The always-on book series of the demo preset; its markets are streamed, not polled. */
  static final String GAME_SERIES = "KXNBAGAME";

  private static final ObjectMapper JSON = new ObjectMapper();

  final VenueSimulator sim;
  final Gateway gateway;
  final HttpClient http;

  private GatewayHarness(VenueSimulator sim, Gateway gateway) {
    this.sim = sim;
    this.gateway = gateway;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** A simulator (fixed seed, books ticking every 500 ms) and a demo gateway, both on port 0. */
  static GatewayHarness start(Path dataDir, long seed) {
    return start(dataDir, seed, KalshiAccess.SLATE_DATE);
  }

  /** The same with the simulator's slate on {@code slateDate}. */
  static GatewayHarness start(Path dataDir, long seed, java.time.LocalDate slateDate) {
    VenueSimulator sim =
        VenueSimulator.start(
            SimConfig.builder()
                .port(0)
                .seed(seed)
                .slateDate(slateDate)
                .tickInterval(Duration.ofMillis(500))
                .build());
    try {
      Gateway gateway = Gateway.start(GatewayConfig.demo(sim).port(0).dataDir(dataDir).build());
      return new GatewayHarness(sim, gateway);
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  /** Waits until {@code /health} answers 200 (every source has data). */
  void awaitHealthy() {
    await("gateway /health is 200")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(() -> get("/health").statusCode() == 200);
  }

  /** A few market tickers of the always-on game series. */
  List<String> gameTickers(int n) {
    return sim.kalshiMarketTickers().stream()
        .filter(t -> t.startsWith(GAME_SERIES + "-"))
        .limit(n)
        .toList();
  }

  HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
    return http.send(request(pathAndQuery), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(gateway.baseUri() + pathAndQuery))
        .timeout(Duration.ofSeconds(10))
        .header("Accept-Encoding", "gzip")
        .GET()
        .build();
  }

  /** The {@code state} of every source in {@code /v1/sources}, by name. */
  Map<String, String> sourceStates() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/v1/sources");
    if (r.statusCode() != 200) {
      throw new IOException("/v1/sources answered " + r.statusCode());
    }
    JsonNode doc = JSON.readTree(r.body());
    Map<String, String> states = new ConcurrentHashMap<>();
    doc.path("sources").forEach(s -> states.put(s.path("name").asText(), s.path("state").asText()));
    return states;
  }

  /** Thread-safe tallies of what the consumers saw. */
  static final class Tally {
    final LongAdder ok = new LongAdder();
    final LongAdder failed = new LongAdder();
    final Map<String, LongAdder> byOutcome = new ConcurrentHashMap<>();

    void record(String outcome) {
      byOutcome.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    Map<String, Long> outcomes() {
      Map<String, Long> m = new java.util.TreeMap<>();
      byOutcome.forEach((k, v) -> m.put(k, v.sum()));
      return m;
    }
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      sim.close();
    }
  }
}
