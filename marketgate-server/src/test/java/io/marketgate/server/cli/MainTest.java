package io.marketgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.model.BinaryBook;
import io.marketgate.server.api.ModelJson;
import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line against an in-process simulator: exit codes, stdout JSON, stderr lines. */
class MainTest {

  private static VenueSimulator sim;

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void startSimulator() {
    sim =
        VenueSimulator.start(
            SimConfig.builder()
                .port(0)
                .seed(7)
                .slateDate(LocalDate.of(2026, 1, 9))
                .gameCount(3)
                .build());
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void probeKalshiOrderbook_againstSimulator_printsNormalizedBookEqualToSimulators()
      throws Exception {
    String ticker = sim.kalshiMarketTickers().get(0);
    BinaryBook truth = sim.kalshiBook(ticker).orElseThrow();

    int code =
        run("probe", "kalshi", "orderbook", ticker, "--base-url", sim.kalshiBaseUri().toString());

    assertThat(code).isZero();
    JsonNode json = ModelJson.mapper().readTree(out.toString());
    assertThat(json.get("ticker").asText()).isEqualTo(ticker);
    assertThat(json.at("/yes/bid/price").asText())
        .isEqualTo(truth.bestYesBid().orElseThrow().price().toPlainString());
    assertThat(json.at("/yes/ask/price").asText())
        .isEqualTo(truth.yesAsk().orElseThrow().price().toPlainString());
    assertThat(json.at("/levels/yes_bids")).hasSize(truth.yesBids().size());
    assertThat(err.toString())
        .contains("GET /trade-api/v2/markets/" + ticker + "/orderbook -> 200 in");
  }

  @Test
  void probeBinanceDepth_againstSimulator_printsTheNormalizedBookWithItsUpdateId()
      throws Exception {
    io.marketgate.model.OrderBook truth = sim.binance().book("BTCUSDT").orElseThrow();

    int code =
        run(
            "probe",
            "binance",
            "depth",
            "btcusdt",
            "--limit",
            "5",
            "--base-url",
            sim.binanceBaseUri().toString());

    assertThat(code).isZero();
    JsonNode json = ModelJson.mapper().readTree(out.toString());
    assertThat(json.get("venue").asText()).isEqualTo("binance");
    assertThat(json.get("ticker").asText()).isEqualTo("BTCUSDT");
    assertThat(json.at("/bid/price").asText())
        .isEqualTo(truth.bestBid().orElseThrow().price().toPlainString());
    assertThat(json.at("/ask/price").asText())
        .isEqualTo(truth.bestAsk().orElseThrow().price().toPlainString());
    assertThat(json.at("/levels/bids")).hasSize(5);
    assertThat(json.get("last_update_id").asLong()).isEqualTo(sim.binance().updateId("BTCUSDT"));
    assertThat(err.toString()).contains("GET /api/v3/depth -> 200 in");
  }

  @Test
  void probeBinanceDepth_badSymbol_exitsWithAUsageErrorNamingIt() {
    int code =
        run("probe", "binance", "depth", "BTC/USDT", "--base-url", sim.binanceBaseUri().toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("BTC/USDT");
  }

  @Test
  void probeKalshiMarkets_byEvent_listsTheEventsMarkets() throws Exception {
    String event =
        sim.kalshiEventTickers().stream()
            .filter(e -> e.startsWith("KXNBAGAME-"))
            .findFirst()
            .orElseThrow();

    int code =
        run(
            "probe",
            "kalshi",
            "markets",
            "--event",
            event,
            "--base-url",
            sim.kalshiBaseUri().toString());

    assertThat(code).isZero();
    JsonNode json = ModelJson.mapper().readTree(out.toString());
    assertThat(json).hasSize(2);
    assertThat(json.get(0).get("event_ticker").asText()).isEqualTo(event);
  }

  @Test
  void probeKalshi_withConfigFile_takesBaseUrlFromIt() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("gateway.yaml"),
            """
            auth:
              mode: open
            upstreams:
              kalshi:
                enabled: true
                baseUrl: %s
              oddsApi:
                enabled: false
            """
                .formatted(sim.kalshiBaseUri()));
    String ticker = sim.kalshiMarketTickers().get(1);

    int code = run("probe", "kalshi", "orderbook", ticker, "--config", file.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(ModelJson.mapper().readTree(out.toString()).get("ticker").asText())
        .isEqualTo(ticker);
  }

  @Test
  void probeKalshi_unknownTicker_exitsThreeWithOneLineAndNoStackTrace() {
    int code =
        run(
            "probe",
            "kalshi",
            "orderbook",
            "KXNOPE-1",
            "--base-url",
            sim.kalshiBaseUri().toString());

    assertThat(code).isEqualTo(Main.FAILED);
    assertThat(err.toString()).contains("marketgate: kalshi.orderbook").contains("404");
    assertThat(err.toString()).doesNotContain("\tat ");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void probeOddsApi_withKeyFile_printsEverySimulatedGame() throws Exception {
    Path key = Files.writeString(dir.resolve("key"), sim.config().odds().oddsApiKey() + "\n");

    int code =
        run(
            "probe",
            "odds-api",
            "odds",
            "basketball_nba",
            "--api-key-file",
            key.toString(),
            "--base-url",
            sim.oddsApiBaseUri().toString());

    assertThat(code).isZero();
    JsonNode json = ModelJson.mapper().readTree(out.toString());
    assertThat(json.get("events")).hasSize(sim.slate().games().size());
    assertThat(json.at("/quota/last_cost").asInt()).isEqualTo(3);
    assertThat(out.toString()).doesNotContain(sim.config().odds().oddsApiKey());
  }

  @Test
  void probeUnabated_snapshot_printsEvents() throws Exception {
    Path key = Files.writeString(dir.resolve("key"), sim.config().odds().unabatedApiKey());

    int code =
        run(
            "probe",
            "unabated",
            "snapshot",
            "--api-key-file",
            key.toString(),
            "--base-url",
            sim.unabatedBaseUri().toString());

    assertThat(code).isZero();
    assertThat(ModelJson.mapper().readTree(out.toString()).get("events"))
        .hasSize(sim.slate().games().size());
  }

  @Test
  void probe_badArguments_exitTwoNamingTheProblem() {
    assertThat(run("probe", "nowhere")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("nowhere");
    assertThat(run("probe", "kalshi", "orderbook")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("TICKER");
    assertThat(run("probe", "kalshi", "orderbook", "X", "--depth", "many")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("--depth");
  }

  @Test
  void probeKalshi_keyIdWithoutPrivateKey_isAUsageError() {
    int code =
        run(
            "probe",
            "kalshi",
            "orderbook",
            "X",
            "--key-id",
            "abc",
            "--base-url",
            sim.kalshiBaseUri().toString());
    assertThat(code).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("private key file");
  }

  @Test
  void simCommand_options_becomeSimulatorConfig() {
    SimCommand command = new SimCommand();
    new CommandLine(command)
        .parseArgs(
            "--port",
            "0",
            "--seed",
            "9",
            "--date",
            "2026-01-09",
            "--games",
            "3",
            "--legacy",
            "--descending");
    SimConfig config = command.config();
    assertThat(config.seed()).isEqualTo(9);
    assertThat(config.slateDate()).isEqualTo(LocalDate.of(2026, 1, 9));
    assertThat(config.gameCount()).isEqualTo(3);
    assertThat(config.kalshi().payloads().name()).isEqualTo("LEGACY");
    assertThat(config.kalshi().levelOrder().name()).isEqualTo("DESCENDING");
  }

  @Test
  void demo_start_servesTheSimulatorsMarketsAndBooksOverHttp() throws Exception {
    try (DemoCommand.Demo demo = DemoCommand.Demo.start("127.0.0.1", 0, dir.resolve("data"), 7)) {
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String base = demo.gateway().baseUri().toString();
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .until(() -> get(http, base + "/health").statusCode() == 200);

      JsonNode markets =
          ModelJson.mapper().readTree(get(http, base + "/v1/markets?series=KXNBAGAME").body());
      assertThat(markets.get("count").asInt())
          .isEqualTo(2 * demo.simulator().slate().games().size());
      String ticker = demo.simulator().kalshiMarketTickers().get(0);
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(30))
          .until(() -> get(http, base + "/v1/books/kalshi/" + ticker).statusCode() == 200);
      assertThat(demo.describe()).contains(base + "/v1/markets", "/health");
      assertThat(dir.resolve("data")).isDirectory();
    }
  }

  @Test
  void serveCheck_validConfig_printsEffectiveConfigWithoutSecrets() throws Exception {
    Path key = Files.writeString(dir.resolve("operator.key"), "operator-key-0123456789abcdef\n");
    Path file =
        Files.writeString(
            dir.resolve("gateway.yaml"),
            """
            server:
              port: 0
            auth:
              mode: keys
              keys:
                - name: operator
                  keyFile: operator.key
                  scopes: [read, admin]
            upstreams:
              kalshi:
                enabled: true
                environment: DEMO
              oddsApi:
                enabled: false
            """);

    int code = run("serve", "--config", file.toString(), "--check");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("operator").doesNotContain("operator-key-0123456789abcdef");
    assertThat(key).exists();
  }

  @Test
  void serve_invalidConfig_listsEveryProblemAndExitsTwo() throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.yaml"), "server:\n  prot: 8080\n  port: 99999\n");
    int code = run("serve", "--config", bad.toString(), "--check");
    assertThat(code).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("server.prot").contains("server.port");
  }

  private static java.net.http.HttpResponse<String> get(java.net.http.HttpClient http, String url)
      throws Exception {
    return http.send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
  }
}
