package io.marketgate.sim.binance;

import io.marketgate.model.OrderBook;
import io.marketgate.sim.calls.CallCounter;
import io.marketgate.sim.fault.FaultPlan;
import io.marketgate.sim.http.SimHttpHandler;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The simulated Binance spot: its books and the Undertow handler serving its REST API ({@code
 * /api/v3/…}) and combined-stream WebSocket ({@code /stream}). Created and owned by the simulator;
 * thread-safe.
 */
public final class BinanceVenue {

  private final BinanceExchange exchange;
  private final BinanceStream stream;
  private final HttpHandler handler;

  /**
   * A venue seeded by {@code seed}, counting into {@code counter} and faulted by {@code faults}.
   */
  public BinanceVenue(
      BinanceSettings settings,
      long seed,
      InstantSource clock,
      CallCounter counter,
      FaultPlan faults,
      ScheduledExecutorService scheduler) {
    this.exchange = new BinanceExchange(settings, seed);
    this.stream =
        new BinanceStream(exchange, faults, clock, scheduler, settings.pingInterval().toMillis());
    BinanceRoutes routes = new BinanceRoutes(exchange, settings, clock, Handlers.websocket(stream));
    this.handler = new SimHttpHandler(routes, counter, faults, scheduler);
  }

  /** Whether {@code path} belongs to this venue. */
  public static boolean serves(String path) {
    return path.startsWith("/api/v3/") || path.startsWith(BinanceRoutes.STREAM);
  }

  /** The handler serving {@code /api/v3/…} and {@code /stream}. */
  public HttpHandler handler() {
    return handler;
  }

  /** Advances every book one random-walk step and streams the diffs to subscribers. */
  public void step() {
    exchange.step();
  }

  /** The listed symbols, upper case. */
  public List<String> symbols() {
    return exchange.symbols();
  }

  /** The true current book of {@code symbol}, if listed. */
  public Optional<OrderBook> book(String symbol) {
    return exchange.book(symbol);
  }

  /** The update id of {@code symbol}'s book; -1 if not listed. */
  public long updateId(String symbol) {
    return exchange.updateId(symbol);
  }

  /** The number of open WebSocket connections. */
  public int webSocketConnections() {
    return stream.connections();
  }

  /** Closes every open WebSocket connection abruptly. */
  public void disconnectWebSockets() {
    stream.disconnectAll();
  }
}
