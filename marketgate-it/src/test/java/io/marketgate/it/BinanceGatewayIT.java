package io.marketgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import io.marketgate.model.MarketKey;
import io.marketgate.model.OrderBook;
import io.marketgate.model.Venue;
import io.marketgate.server.Gateway;
import io.marketgate.server.config.AuthConfig;
import io.marketgate.server.config.BinanceConfig;
import io.marketgate.server.config.CacheConfig;
import io.marketgate.server.config.GatewayConfig;
import io.marketgate.server.config.ServerConfig;
import io.marketgate.server.config.UpstreamsConfig;
import io.marketgate.server.ingest.Source;
import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway with only Binance enabled, against the simulator stepped by the test: books served over
 * HTTP equal the simulator's, and an injected sequence gap resyncs that symbol only.
 */
class BinanceGatewayIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final MarketKey BTC = new MarketKey(Venue.BINANCE, "BTCUSDT");
  private static final MarketKey ETH = new MarketKey(Venue.BINANCE, "ETHUSDT");

  @TempDir Path dir;

  private VenueSimulator sim;
  private Gateway gateway;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    sim = VenueSimulator.start(SimConfig.builder().port(0).seed(3).gameCount(2).build());
    BinanceConfig binance =
        new BinanceConfig(
            sim.binanceBaseUri(),
            sim.binanceStreamUri(),
            List.of("BTCUSDT", "ETHUSDT"),
            100,
            6_000,
            Duration.ofMinutes(1));
    gateway =
        Gateway.start(
            new GatewayConfig(
                ServerConfig.defaults().withAddress("127.0.0.1", 0),
                AuthConfig.open(),
                dir,
                new UpstreamsConfig(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(binance)),
                CacheConfig.defaults(),
                io.marketgate.server.config.StorageConfig.defaults(dir),
                io.marketgate.server.config.ViewsConfig.defaults(),
                io.marketgate.server.config.SlateConfig.defaults(),
                List.of()));
    eventually().until(() -> sim.binance().webSocketConnections() == 1);
  }

  @AfterEach
  void stop() {
    gateway.close();
    sim.close();
    http.close();
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10));
  }

  private Optional<Snapshot<OrderBook>> latest(MarketKey key) {
    return gateway.data().orderBooks().latest(key);
  }

  /**
   * Whether the gateway's live book of {@code key} is the simulator's current one, compared on the
   * best 50 levels (snapshots carry 100; levels beyond a snapshot that never change stay invisible,
   * as Binance documents, so the deep end may differ).
   */
  private boolean matches(MarketKey key) {
    OrderBook truth = sim.binance().book(key.ticker()).orElseThrow().depth(50);
    return latest(key)
        .filter(s -> s.provenance() == Provenance.LIVE)
        .map(s -> s.value().depth(50).equals(truth))
        .orElse(false);
  }

  /** Steps the simulator, giving the gateway time to catch up after each step, until done. */
  private void stepUntil(java.util.concurrent.Callable<Boolean> done) {
    eventually()
        .until(
            () -> {
              sim.step();
              try {
                await()
                    .atMost(Duration.ofMillis(500))
                    .pollInterval(Duration.ofMillis(5))
                    .until(done);
                return true;
              } catch (org.awaitility.core.ConditionTimeoutException e) {
                return false;
              }
            });
  }

  private Source source() {
    return gateway.sources().stream()
        .filter(s -> s.name().equals("binance.books"))
        .findFirst()
        .orElseThrow();
  }

  private JsonNode getBook(String ticker) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/v1/books/binance/" + ticker))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void books_areServedOverHttpAsTheSimulatorHasThem() throws Exception {
    stepUntil(() -> matches(BTC) && matches(ETH));

    JsonNode doc = getBook("BTCUSDT");
    OrderBook truth = latest(BTC).orElseThrow().value();
    assertThat(doc.at("/bid/price").asText())
        .isEqualTo(truth.bestBid().orElseThrow().price().toPlainString());
    assertThat(doc.at("/levels/asks")).hasSize(truth.levelCount(io.marketgate.model.Side.ASK));
    assertThat(doc.get("source").asText()).isEqualTo("live");
    assertThat(source().status().state().name()).isEqualTo("LIVE");
  }

  @Test
  void injectedGaps_resyncOnlyTheGappedSymbolWithAnEpochBumpEach() throws Exception {
    stepUntil(() -> matches(BTC) && matches(ETH));
    long btcEpoch = latest(BTC).orElseThrow().epoch();
    long ethEpoch = latest(ETH).orElseThrow().epoch();
    long ethSeq = latest(ETH).orElseThrow().seq();
    long depthCalls = sim.calls().routes().get("binance.depth").calls();

    for (int gap = 1; gap <= 2; gap++) {
      sim.faults().inject("binance.ws.BTCUSDT", Fault.sequenceGap(), FaultTrigger.once());
      int expected = gap;
      stepUntil(
          () ->
              source().status().counters().get("gaps") == expected && matches(BTC) && matches(ETH));
    }

    assertThat(latest(BTC).orElseThrow().epoch()).isEqualTo(btcEpoch + 2);
    assertThat(latest(ETH).orElseThrow().epoch()).isEqualTo(ethEpoch);
    assertThat(latest(ETH).orElseThrow().seq()).isGreaterThan(ethSeq);
    assertThat(source().status().epochBumps()).isEqualTo(2);
    assertThat(sim.calls().routes().get("binance.depth").calls()).isEqualTo(depthCalls + 2);
    assertThat(getBook("BTCUSDT").get("epoch").asLong()).isEqualTo(btcEpoch + 2);
  }

  @Test
  void disconnect_marksBothStaleAndBothComeBackCorrect() {
    stepUntil(() -> matches(BTC) && matches(ETH));
    long btcEpoch = latest(BTC).orElseThrow().epoch();

    sim.binance().disconnectWebSockets();
    eventually()
        .until(
            () ->
                latest(BTC).orElseThrow().provenance() == Provenance.STALE
                    && latest(ETH).orElseThrow().provenance() == Provenance.STALE);
    stepUntil(() -> matches(BTC) && matches(ETH));

    assertThat(latest(BTC).orElseThrow().epoch()).isEqualTo(btcEpoch + 1);
    assertThat(source().status().counters().get("reconnects")).isEqualTo(1);
  }
}
