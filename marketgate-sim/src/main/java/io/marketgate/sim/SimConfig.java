package io.marketgate.sim;

import io.marketgate.sim.binance.BinanceSettings;
import io.marketgate.sim.kalshi.KalshiSettings;
import io.marketgate.sim.kalshi.KalshiTier;
import io.marketgate.sim.kalshi.LevelOrder;
import io.marketgate.sim.kalshi.PayloadGeneration;
import io.marketgate.sim.odds.OddsSettings;
import io.marketgate.sim.odds.UnabatedLinesField;
import io.marketgate.sim.polymarket.PolymarketSettings;
import io.marketgate.sim.slate.Slate;
import java.math.BigDecimal;
import java.security.PublicKey;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration of a {@link VenueSimulator}: where it listens, the seed and date of its slate,
 * how each venue behaves and whether a background ticker advances the books.
 *
 * @param host the address to listen on
 * @param port the port to listen on; 0 picks a free one
 * @param seed the seed of the slate, books, lines and probability faults
 * @param slateDate the US/Eastern date of the slate
 * @param gameCount the number of games; 0 lets the seed choose 6 to 10
 * @param kalshi how the simulated Kalshi behaves
 * @param odds how the simulated odds feeds behave
 * @param polymarket how the simulated Polymarket CLOB behaves
 * @param binance how the simulated Binance spot behaves
 * @param tickInterval how often a background ticker calls {@link VenueSimulator#step()}; zero for
 *     never (tests call step() themselves)
 * @param clock the source of wall time for timestamps and rate limits
 */
public record SimConfig(
    String host,
    int port,
    long seed,
    LocalDate slateDate,
    int gameCount,
    KalshiSettings kalshi,
    OddsSettings odds,
    PolymarketSettings polymarket,
    BinanceSettings binance,
    Duration tickInterval,
    InstantSource clock) {

  /** Validates the configuration; messages name the bad key. */
  public SimConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(slateDate, "slateDate");
    Objects.requireNonNull(kalshi, "kalshi");
    Objects.requireNonNull(odds, "odds");
    Objects.requireNonNull(polymarket, "polymarket");
    Objects.requireNonNull(binance, "binance");
    Objects.requireNonNull(clock, "clock");
    if (port < 0 || port > 65_535) {
      throw new SimException("SimConfig: port must be 0..65535 but was " + port);
    }
    if (gameCount < 0 || gameCount > 15) {
      throw new SimException("SimConfig: gameCount must be 0..15 but was " + gameCount);
    }
    if (tickInterval.isNegative()) {
      throw new SimException("SimConfig: tickInterval must not be negative: " + tickInterval);
    }
  }

  /** A builder with the defaults: loopback, port 0, seed 1, today's slate, Basic tier. */
  public static Builder builder() {
    return new Builder();
  }

  /** The default configuration. */
  public static SimConfig defaults() {
    return builder().build();
  }

  /** A mutable builder of {@link SimConfig}; not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private long seed = 1;
    private Optional<LocalDate> slateDate = Optional.empty();
    private int gameCount;
    private PayloadGeneration payloads = PayloadGeneration.CURRENT;
    private LevelOrder levelOrder = LevelOrder.ASCENDING;
    private double kalshiTokensPerSecond = KalshiTier.BASIC.readTokensPerSecond();
    private Optional<Double> kalshiBurstTokens = Optional.empty();
    private double kalshiRequestCost = 10;
    private Optional<PublicKey> kalshiPublicKey = Optional.empty();
    private Duration wsPingInterval = Duration.ofSeconds(10);
    private String oddsApiKey = "sim-odds-api-key";
    private long oddsApiQuota = 500;
    private double oddsApiRequestsPerSecond = 30;
    private String unabatedApiKey = "sim-unabated-key";
    private UnabatedLinesField linesField = UnabatedLinesField.SOURCES_LINES;
    private int unabatedChangeBatches = 100;
    private PolymarketSettings polymarket = PolymarketSettings.defaults();
    private Map<String, BigDecimal> binanceSymbols = BinanceSettings.DEFAULT_SYMBOLS;
    private int binanceLevels = 200;
    private long binanceWeightPerMinute = 6_000;
    private Duration tickInterval = Duration.ZERO;
    private InstantSource clock = InstantSource.system();

    private Builder() {}

    /** The address to listen on (default 127.0.0.1). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** The port to listen on (default 0: a free port). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The seed of everything random (default 1). */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The US/Eastern date of the slate (default: today in US/Eastern by the clock). */
    public Builder slateDate(LocalDate date) {
      this.slateDate = Optional.of(date);
      return this;
    }

    /** The number of games, 1 to 15 (default: 6 to 10, chosen by the seed). */
    public Builder gameCount(int games) {
      this.gameCount = games;
      return this;
    }

    /** The Kalshi payload generation (default {@link PayloadGeneration#CURRENT}). */
    public Builder kalshiPayloads(PayloadGeneration payloads) {
      this.payloads = payloads;
      return this;
    }

    /** The order of Kalshi book levels (default {@link LevelOrder#ASCENDING}). */
    public Builder kalshiLevelOrder(LevelOrder order) {
      this.levelOrder = order;
      return this;
    }

    /** The Kalshi tier whose read-token rate applies (default Basic: 200 tokens/s). */
    public Builder kalshiTier(KalshiTier tier) {
      this.kalshiTokensPerSecond = tier.readTokensPerSecond();
      return this;
    }

    /** A custom Kalshi read-token refill rate, in tokens per second. */
    public Builder kalshiTokensPerSecond(double tokensPerSecond) {
      this.kalshiTokensPerSecond = tokensPerSecond;
      return this;
    }

    /** The Kalshi read bucket's capacity (default: one second of refill). */
    public Builder kalshiBurstTokens(double tokens) {
      this.kalshiBurstTokens = Optional.of(tokens);
      return this;
    }

    /** The tokens one Kalshi REST request costs (default 10). */
    public Builder kalshiRequestCost(double tokens) {
      this.kalshiRequestCost = tokens;
      return this;
    }

    /** Verify Kalshi request signatures with {@code key} (default: accept any). */
    public Builder kalshiPublicKey(PublicKey key) {
      this.kalshiPublicKey = Optional.of(key);
      return this;
    }

    /** How often the Kalshi WebSocket sends a Ping frame (default 10 s). */
    public Builder wsPingInterval(Duration interval) {
      this.wsPingInterval = interval;
      return this;
    }

    /** The valid The Odds API key (default {@code sim-odds-api-key}). */
    public Builder oddsApiKey(String key) {
      this.oddsApiKey = key;
      return this;
    }

    /** The Odds API credit quota (default 500). */
    public Builder oddsApiQuota(long credits) {
      this.oddsApiQuota = credits;
      return this;
    }

    /** The Odds API frequency limit per second (default 30). */
    public Builder oddsApiRequestsPerSecond(double perSecond) {
      this.oddsApiRequestsPerSecond = perSecond;
      return this;
    }

    /** The valid Unabated key (default {@code sim-unabated-key}). */
    public Builder unabatedApiKey(String key) {
      this.unabatedApiKey = key;
      return this;
    }

    /** The spelling of Unabated's lines map (default {@code gameOddsMarketSourcesLines}). */
    public Builder unabatedLinesField(UnabatedLinesField field) {
      this.linesField = field;
      return this;
    }

    /** How many change batches Unabated's changes feed keeps (default 100). */
    public Builder unabatedChangeBatches(int batches) {
      this.unabatedChangeBatches = batches;
      return this;
    }

    /** How the simulated Polymarket behaves (default {@link PolymarketSettings#defaults()}). */
    public Builder polymarket(PolymarketSettings settings) {
      this.polymarket = Objects.requireNonNull(settings, "polymarket");
      return this;
    }

    /** The Binance symbols and their starting mid prices (default BTC, ETH, SOL, BNB in USDT). */
    public Builder binanceSymbols(Map<String, BigDecimal> symbols) {
      this.binanceSymbols = symbols;
      return this;
    }

    /** Price levels per side of each Binance book (default 200). */
    public Builder binanceLevels(int levels) {
      this.binanceLevels = levels;
      return this;
    }

    /** Binance's REQUEST_WEIGHT limit per minute (default 6,000). */
    public Builder binanceWeightPerMinute(long weight) {
      this.binanceWeightPerMinute = weight;
      return this;
    }

    /** Run a background ticker at {@code interval} (default zero: no ticker). */
    public Builder tickInterval(Duration interval) {
      this.tickInterval = interval;
      return this;
    }

    /** The wall clock (default the system clock). */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    /** The configuration. */
    public SimConfig build() {
      LocalDate date =
          slateDate.orElseGet(() -> clock.instant().atZone(Slate.EASTERN).toLocalDate());
      try {
        return create(date);
      } catch (IllegalArgumentException e) {
        throw new SimException("SimConfig: " + e.getMessage(), e);
      }
    }

    private SimConfig create(LocalDate date) {
      return new SimConfig(
          host,
          port,
          seed,
          date,
          gameCount,
          new KalshiSettings(
              payloads,
              levelOrder,
              kalshiTokensPerSecond,
              kalshiBurstTokens.orElse(kalshiTokensPerSecond),
              kalshiRequestCost,
              kalshiPublicKey,
              wsPingInterval),
          new OddsSettings(
              oddsApiKey,
              oddsApiQuota,
              oddsApiRequestsPerSecond,
              unabatedApiKey,
              linesField,
              unabatedChangeBatches),
          polymarket,
          new BinanceSettings(
              binanceSymbols, binanceLevels, binanceWeightPerMinute, wsPingInterval),
          tickInterval,
          clock);
    }
  }
}
