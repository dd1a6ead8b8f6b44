package io.marketgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.model.OrderBook;
import io.marketgate.server.api.ModelJson;
import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code marketgate probe polymarket …} against an in-process simulator. */
class PolymarketProbeTest {

  private static VenueSimulator sim;

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
                .gameCount(1)
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
  void probePolymarketBook_againstSimulator_printsNormalizedBookEqualToSimulators()
      throws Exception {
    String token = sim.polymarket().assetIds().get(0);
    OrderBook truth = sim.polymarket().book(token).orElseThrow();

    int code =
        run("probe", "polymarket", "book", token, "--base-url", sim.polymarketBaseUri().toString());

    assertThat(code).as(err.toString()).isZero();
    JsonNode json = ModelJson.mapper().readTree(out.toString());
    assertThat(json.get("venue").asText()).isEqualTo("polymarket");
    assertThat(json.get("ticker").asText()).isEqualTo(token);
    assertThat(json.at("/bid/price").asText())
        .isEqualTo(truth.bestBid().orElseThrow().price().toPlainString());
    assertThat(json.at("/ask/price").asText())
        .isEqualTo(truth.bestAsk().orElseThrow().price().toPlainString());
    assertThat(json.at("/levels/bids")).hasSize(truth.bids().size());
    assertThat(json.get("tick_size").asText()).isEqualTo("0.01");
    assertThat(err.toString()).contains("GET /polymarket/book -> 200 in");
  }

  @Test
  void probePolymarketMidpoint_againstSimulator_printsTheMid() throws Exception {
    String token = sim.polymarket().assetIds().get(1);
    OrderBook truth = sim.polymarket().book(token).orElseThrow();

    int code =
        run(
            "probe",
            "polymarket",
            "midpoint",
            token,
            "--base-url",
            sim.polymarketBaseUri().toString());

    assertThat(code).as(err.toString()).isZero();
    JsonNode json = ModelJson.mapper().readTree(out.toString());
    assertThat(new java.math.BigDecimal(json.get("mid").asText()))
        .isEqualByComparingTo(truth.mid().orElseThrow());
  }

  @Test
  void probePolymarketBook_unknownToken_exitsFailedWithoutStackTrace() {
    int code =
        run("probe", "polymarket", "book", "42", "--base-url", sim.polymarketBaseUri().toString());

    assertThat(code).isEqualTo(Main.FAILED);
    assertThat(err.toString()).contains("polymarket.book").contains("404");
    assertThat(err.toString()).doesNotContain("\tat ");
  }
}
