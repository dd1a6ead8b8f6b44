package io.marketgate.server.config;

import io.marketgate.model.MarketType;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.odds.UnabatedSideConvention;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Builds the configuration of {@code marketgate demo}: Kalshi, Polymarket, Binance, The Odds API
 * and Unabated all pointed at one running {@link VenueSimulator} with its keys, open auth on
 * loopback, quick polls (odds every minute, so that the simulator's credit quota lasts a few
 * hours), the SQL journal in an SQLite file under the data directory. Not thread-safe; one builder
 * per start.
 */
public final class DemoPreset {

  /** How many simulated Polymarket outcome tokens the demo follows. */
  static final int DEMO_POLYMARKET_ASSETS = 4;

  private final VenueSimulator simulator;
  private String host = ServerConfig.DEFAULT_HOST;
  private int port = ServerConfig.DEFAULT_PORT;
  private Path dataDir = Path.of("marketgate-demo");

  private DemoPreset(VenueSimulator simulator) {
    this.simulator = Objects.requireNonNull(simulator, "simulator");
  }

  /** A preset for {@code simulator}, which must already be started. */
  static DemoPreset forSimulator(VenueSimulator simulator) {
    return new DemoPreset(simulator);
  }

  /** The address the gateway binds (default {@code 127.0.0.1}). */
  public DemoPreset host(String host) {
    this.host = Objects.requireNonNull(host, "host");
    return this;
  }

  /** The gateway's port (default 8080; 0 picks any free port). */
  public DemoPreset port(int port) {
    this.port = port;
    return this;
  }

  /** Directory of the demo's journal and file tier (default {@code ./marketgate-demo}). */
  public DemoPreset dataDir(Path dataDir) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    return this;
  }

  /** The demo configuration. */
  public GatewayConfig build() {
    var sim = simulator.config().odds();
    KalshiConfig kalshi =
        new KalshiConfig(
            Optional.empty(),
            simulator.kalshiBaseUri(),
            simulator.kalshiWsUri(),
            BudgetConfig.KalshiTier.BASIC,
            Optional.empty(),
            GatewayConfigReader.DEFAULT_SERIES,
            Duration.ofSeconds(10),
            new KalshiConfig.Books(
                GatewayConfigReader.DEFAULT_SERIES,
                List.of(),
                Duration.ofMinutes(10),
                true,
                Duration.ofSeconds(2)));
    OddsApiConfig oddsApi =
        new OddsApiConfig(
            simulator.oddsApiBaseUri(),
            Secret.of(sim.oddsApiKey(), "the demo simulator"),
            List.of("basketball_nba"),
            List.of("us"),
            EnumSet.allOf(MarketType.class),
            List.of(),
            Duration.ofSeconds(60),
            OptionalLong.of(sim.oddsApiQuota()));
    UnabatedConfig unabated =
        new UnabatedConfig(
            simulator.unabatedBaseUri(),
            Secret.of(sim.unabatedApiKey(), "the demo simulator"),
            Duration.ofSeconds(2),
            UnabatedSideConvention.AWAY_FIRST);
    // The simulator ticks every 500 ms, so a quiet asset may go a few ticks without a change.
    PolymarketConfig polymarket =
        new PolymarketConfig(
            simulator.polymarketBaseUri(),
            simulator.polymarketWsUri(),
            simulator.polymarket().assetIds().stream().limit(DEMO_POLYMARKET_ASSETS).toList(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(10),
            Duration.ofSeconds(30));
    BinanceConfig binance =
        new BinanceConfig(
            simulator.binanceBaseUri(),
            simulator.binanceStreamUri(),
            List.of("BTCUSDT", "ETHUSDT"),
            1_000,
            simulator.config().binance().weightPerMinute(),
            Duration.ofSeconds(1));
    ServerConfig server = ServerConfig.defaults().withAddress(host, port);
    List<String> warnings =
        server.loopbackOnly()
            ? List.of()
            : List.of(
                "auth.mode: open mode while server.host is "
                    + host
                    + ": anyone who can reach the port can call admin routes");
    Path dir = dataDir.toAbsolutePath().normalize();
    return new GatewayConfig(
        server,
        AuthConfig.open(),
        dir,
        new UpstreamsConfig(
            Optional.of(kalshi),
            Optional.of(oddsApi),
            Optional.of(unabated),
            Optional.of(polymarket),
            Optional.of(binance)),
        CacheConfig.defaults(),
        StorageConfig.defaults(dir),
        ViewsConfig.defaults(),
        SlateConfig.defaults(),
        warnings);
  }
}
