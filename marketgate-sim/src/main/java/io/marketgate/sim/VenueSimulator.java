package io.marketgate.sim;

import io.marketgate.model.BinaryBook;
import io.marketgate.sim.binance.BinanceVenue;
import io.marketgate.sim.calls.CallCounter;
import io.marketgate.sim.calls.CallCounts;
import io.marketgate.sim.fault.FaultPlan;
import io.marketgate.sim.kalshi.KalshiVenue;
import io.marketgate.sim.odds.OddsVenue;
import io.marketgate.sim.polymarket.PolymarketVenue;
import io.marketgate.sim.slate.Slate;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running venue simulator: Kalshi REST and WebSocket, Polymarket CLOB REST and market channel,
 * Binance spot REST and combined streams, The Odds API v4 and an Unabated-style feed on one HTTP
 * port, plus the admin routes under {@code /_sim}. Thread-safe. The creator owns it and must {@link
 * #close()} it.
 *
 * <pre>{@code
 * try (VenueSimulator sim = VenueSimulator.start(c -> c.seed(7).gameCount(8))) {
 *   URI kalshi = sim.kalshiBaseUri(); // http://127.0.0.1:PORT/trade-api/v2
 *   sim.step();
 * }
 * }</pre>
 */
public final class VenueSimulator implements AutoCloseable {

  /*
   * One Undertow listener serves every venue; the root handler picks a venue by path prefix
   * (/trade-api, /polymarket, /v4, /v2/markets, /_sim), so each venue's base URI is distinct. Each venue has
   * its own pipeline (counting, faults) over its router. step() is synchronized so that a
   * background ticker and test calls interleave as whole steps, and the sequence of steps alone
   * decides the books (same seed, same steps, same books). One two-thread scheduler runs the
   * ticker, WebSocket pings and delayed (faulted) responses.
   */
  private static final System.Logger LOG = System.getLogger(VenueSimulator.class.getName());

  private final SimConfig config;
  private final Slate slate;
  private final CallCounter counter = new CallCounter();
  private final FaultPlan faults;
  private final ScheduledExecutorService scheduler;
  private final KalshiVenue kalshi;
  private final OddsVenue odds;
  private final PolymarketVenue polymarket;
  private final BinanceVenue binance;
  private final Undertow server;
  private final URI base;
  private final Optional<ScheduledFuture<?>> ticker;

  private VenueSimulator(SimConfig config) {
    this.config = config;
    this.slate =
        config.gameCount() == 0
            ? Slate.generate(config.slateDate(), config.seed())
            : Slate.generate(config.slateDate(), config.seed(), config.gameCount());
    this.faults = new FaultPlan(config.seed());
    this.scheduler =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "marketgate-sim-scheduler");
              t.setDaemon(true);
              return t;
            });
    this.kalshi =
        new KalshiVenue(slate, config.kalshi(), config.clock(), counter, faults, scheduler);
    this.odds = new OddsVenue(slate, config.odds(), config.clock(), counter, faults, scheduler);
    this.polymarket =
        new PolymarketVenue(
            config.polymarket(), config.seed(), config.clock(), counter, faults, scheduler);
    this.binance =
        new BinanceVenue(
            config.binance(), config.seed(), config.clock(), counter, faults, scheduler);
    HttpHandler admin = new AdminRoutes(this);
    HttpHandler root =
        exchange -> {
          String path = exchange.getRequestPath();
          if (path.startsWith("/trade-api/")) {
            kalshi.handler().handleRequest(exchange);
          } else if (path.startsWith("/v4/")) {
            odds.oddsApiHandler().handleRequest(exchange);
          } else if (path.startsWith(PolymarketVenue.PREFIX + "/")) {
            polymarket.handler().handleRequest(exchange);
          } else if (BinanceVenue.serves(path)) {
            binance.handler().handleRequest(exchange);
          } else if (path.startsWith("/v2/")) {
            odds.unabatedHandler().handleRequest(exchange);
          } else {
            admin.handleRequest(exchange);
          }
        };
    this.server =
        Undertow.builder()
            .addHttpListener(config.port(), config.host())
            .setIoThreads(2)
            .setWorkerThreads(8)
            .setHandler(root)
            .build();
    try {
      server.start();
    } catch (RuntimeException e) {
      scheduler.shutdownNow();
      throw new SimException(
          "VenueSimulator: cannot listen on " + config.host() + ":" + config.port(), e);
    }
    InetSocketAddress address = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    this.base = URI.create("http://" + config.host() + ":" + address.getPort());
    long tickMillis = config.tickInterval().toMillis();
    this.ticker =
        tickMillis > 0
            ? Optional.of(
                scheduler.scheduleAtFixedRate(
                    this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS))
            : Optional.empty();
  }

  /** Starts a simulator with {@code config}. */
  public static VenueSimulator start(SimConfig config) {
    return new VenueSimulator(config);
  }

  /** Starts a simulator configured by {@code configure} on top of the defaults. */
  public static VenueSimulator start(Consumer<SimConfig.Builder> configure) {
    SimConfig.Builder builder = SimConfig.builder();
    configure.accept(builder);
    return new VenueSimulator(builder.build());
  }

  /** The configuration it runs with. */
  public SimConfig config() {
    return config;
  }

  /** The port it listens on. */
  public int port() {
    return base.getPort();
  }

  /** Kalshi's REST base, for example {@code http://127.0.0.1:PORT/trade-api/v2}. */
  public URI kalshiBaseUri() {
    return base.resolve("/trade-api/v2");
  }

  /** Kalshi's WebSocket URI, for example {@code ws://127.0.0.1:PORT/trade-api/ws/v2}. */
  public URI kalshiWsUri() {
    return URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/trade-api/ws/v2");
  }

  /** The Odds API base (host only; requests go to {@code /v4/sports/…}). */
  public URI oddsApiBaseUri() {
    return base;
  }

  /** The Unabated base (host only; requests go to {@code /v2/markets/…}). */
  public URI unabatedBaseUri() {
    return base;
  }

  /** The simulated Polymarket CLOB (REST base, market channel, books, faults by connection). */
  public PolymarketVenue polymarket() {
    return polymarket;
  }

  /** Polymarket's CLOB REST base, {@code http://127.0.0.1:PORT/polymarket}. */
  public URI polymarketBaseUri() {
    return base.resolve(PolymarketVenue.PREFIX);
  }

  /** Polymarket's market channel, {@code ws://127.0.0.1:PORT/polymarket/ws/market}. */
  public URI polymarketWsUri() {
    return URI.create(
        "ws://" + base.getHost() + ":" + base.getPort() + PolymarketVenue.PREFIX + "/ws/market");
  }

  /** Binance's REST host (requests go to {@code /api/v3/…}). */
  public URI binanceBaseUri() {
    return base;
  }

  /** Binance's stream base, {@code ws://127.0.0.1:PORT} (connections go to {@code /stream}). */
  public URI binanceStreamUri() {
    return URI.create("ws://" + base.getHost() + ":" + base.getPort());
  }

  /** The simulated Binance: symbols, true books, WebSocket connections. */
  public BinanceVenue binance() {
    return binance;
  }

  /** The admin base, {@code http://127.0.0.1:PORT/_sim}. */
  public URI adminUri() {
    return base.resolve("/_sim");
  }

  /** The slate every venue prices. */
  public Slate slate() {
    return slate;
  }

  /** Advances the Kalshi books and the bookmaker lines one step. */
  public synchronized void step() {
    kalshi.step();
    odds.step();
    polymarket.step();
    binance.step();
  }

  /** Calls {@link #step()} {@code steps} times. */
  public synchronized void step(int steps) {
    for (int i = 0; i < steps; i++) {
      step();
    }
  }

  /** The true current book of Kalshi market {@code ticker}, if the market exists. */
  public Optional<BinaryBook> kalshiBook(String ticker) {
    return kalshi.book(ticker);
  }

  /** Every Kalshi market ticker, ordered by series, game and strike. */
  public List<String> kalshiMarketTickers() {
    return kalshi.marketTickers();
  }

  /** Every Kalshi event ticker, ordered by series and game. */
  public List<String> kalshiEventTickers() {
    return kalshi.eventTickers();
  }

  /** The fault plan: inject and clear faults here. */
  public FaultPlan faults() {
    return faults;
  }

  /** A snapshot of the call counters. */
  public CallCounts calls() {
    return counter.snapshot();
  }

  /** Sets the call counters back to zero. */
  public void resetCalls() {
    counter.reset();
  }

  /** The number of open Kalshi WebSocket connections. */
  public int kalshiWebSocketConnections() {
    return kalshi.webSocketConnections();
  }

  /** Closes every Kalshi WebSocket connection abruptly. */
  public void disconnectKalshiWebSockets() {
    kalshi.disconnectWebSockets();
  }

  /** The URIs, one per line, for people. */
  public String describe() {
    return String.join(
        System.lineSeparator(),
        "Kalshi REST:  " + kalshiBaseUri(),
        "Kalshi WS:    " + kalshiWsUri(),
        "The Odds API: " + oddsApiBaseUri() + " (apiKey=" + config.odds().oddsApiKey() + ")",
        "Unabated:     "
            + unabatedBaseUri()
            + " (x-api-key="
            + config.odds().unabatedApiKey()
            + ")",
        "Polymarket:   " + polymarketBaseUri() + " (WS " + polymarketWsUri() + ")",
        "Binance REST: " + binanceBaseUri() + " (" + String.join(", ", binance.symbols()) + ")",
        "Binance WS:   " + binanceStreamUri() + "/stream",
        "Admin:        " + adminUri(),
        "Slate:        "
            + slate.date()
            + ", "
            + slate.games().size()
            + " games, seed "
            + slate.seed());
  }

  private void tick() {
    try {
      step();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "simulator step failed", e);
    }
  }

  /** Stops the ticker and the server; open requests and WebSockets are cut. */
  @Override
  public void close() {
    ticker.ifPresent(t -> t.cancel(false));
    server.stop();
    scheduler.shutdownNow();
  }
}
