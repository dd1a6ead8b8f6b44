package io.marketgate.sim.polymarket;

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
 * The simulated Polymarket CLOB: its outcome-token books and the Undertow handler that serves its
 * REST API and market channel under {@code /polymarket}. Created and owned by the simulator;
 * thread-safe.
 */
public final class PolymarketVenue {

  /** The path prefix every Polymarket route starts with. */
  public static final String PREFIX = PolymarketRoutes.PREFIX;

  private final PolymarketExchange exchange;
  private final PolymarketStream stream;
  private final HttpHandler handler;

  /** A venue seeded with {@code seed}, counting into {@code counter}, faulted by {@code faults}. */
  public PolymarketVenue(
      PolymarketSettings settings,
      long seed,
      InstantSource clock,
      CallCounter counter,
      FaultPlan faults,
      ScheduledExecutorService scheduler) {
    this.exchange = new PolymarketExchange(seed, settings.assets());
    PolymarketWire wire = new PolymarketWire(settings);
    this.stream = new PolymarketStream(exchange, wire, faults, clock);
    PolymarketRoutes routes =
        new PolymarketRoutes(exchange, wire, settings, clock, Handlers.websocket(stream));
    this.handler = new SimHttpHandler(routes, counter, faults, scheduler);
  }

  /** The handler serving {@code /polymarket/…}. */
  public HttpHandler handler() {
    return handler;
  }

  /** Advances every book one random-walk step and streams the changes to subscribers. */
  public void step() {
    exchange.step();
  }

  /** Every outcome token id, in listing order. */
  public List<String> assetIds() {
    return exchange.assetIds();
  }

  /** The current book of {@code assetId}, if listed. */
  public Optional<OrderBook> book(String assetId) {
    return exchange.book(assetId);
  }

  /** The number of open market-channel connections. */
  public int webSocketConnections() {
    return stream.connections();
  }

  /** Closes every open market-channel connection abruptly. */
  public void disconnectWebSockets() {
    stream.disconnectAll();
  }
}
