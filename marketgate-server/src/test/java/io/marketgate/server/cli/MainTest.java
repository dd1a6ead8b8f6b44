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
  void demo_beforeTheGatewayExists_saysSoAndExitsTwo() {
    assertThat(run("demo")).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("not built yet");
  }
}
