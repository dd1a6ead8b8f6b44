package io.marketgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.sim.VenueSimulator;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo preset against a real simulator on a free port. */
class DemoPresetTest {

  private static VenueSimulator sim;

  @BeforeAll
  static void start() {
    sim = VenueSimulator.start(b -> b.port(0));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void build_simulator_pointsEveryUpstreamAtItWithOpenAuth() {
    GatewayConfig c = GatewayConfig.demo(sim).port(0).dataDir(Path.of("mg-demo")).build();

    assertThat(c.auth().mode()).isEqualTo(AuthConfig.Mode.OPEN);
    assertThat(c.server().port()).isZero();
    assertThat(c.server().loopbackOnly()).isTrue();
    assertThat(c.dataDir()).isEqualTo(Path.of("mg-demo").toAbsolutePath().normalize());
    KalshiConfig k = c.upstreams().kalshi().orElseThrow();
    assertThat(k.restUrl()).isEqualTo(sim.kalshiBaseUri());
    assertThat(k.wsUrl()).isEqualTo(sim.kalshiWsUri());
    assertThat(k.books().alwaysOnSeries()).containsExactlyElementsOf(k.series());
    OddsApiConfig o = c.upstreams().oddsApi().orElseThrow();
    assertThat(o.baseUrl()).isEqualTo(sim.oddsApiBaseUri());
    assertThat(o.apiKey().reveal()).isEqualTo(sim.config().odds().oddsApiKey());
    assertThat(o.creditsPer30Days())
        .as("the odds schedule lasts at least two hours on the simulator's quota")
        .isLessThanOrEqualTo(sim.config().odds().oddsApiQuota() * 360L);
    assertThat(c.upstreams().unabated().orElseThrow().apiKey().reveal())
        .isEqualTo(sim.config().odds().unabatedApiKey());
    assertThat(c.warnings()).isEmpty();
    assertThat(c.describe()).doesNotContain(sim.config().odds().oddsApiKey());
  }

  @Test
  void build_simulator_followsAFewSimulatedPolymarketAssets() {
    PolymarketConfig p = GatewayConfig.demo(sim).build().upstreams().polymarket().orElseThrow();

    assertThat(p.baseUrl()).isEqualTo(sim.polymarketBaseUri());
    assertThat(p.wsUrl()).isEqualTo(sim.polymarketWsUri());
    assertThat(p.assets())
        .hasSize(DemoPreset.DEMO_POLYMARKET_ASSETS)
        .isSubsetOf(sim.polymarket().assetIds());
  }

  @Test
  void build_publicHost_warnsAboutOpenAuth() {
    assertThat(GatewayConfig.demo(sim).host("0.0.0.0").build().warnings())
        .singleElement()
        .asString()
        .startsWith("auth.mode: open mode while server.host is 0.0.0.0");
  }
}
