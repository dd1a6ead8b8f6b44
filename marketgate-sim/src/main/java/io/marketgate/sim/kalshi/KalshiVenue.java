package io.marketgate.sim.kalshi;

import io.marketgate.model.BinaryBook;
import io.marketgate.sim.calls.CallCounter;
import io.marketgate.sim.fault.FaultPlan;
import io.marketgate.sim.http.Reply;
import io.marketgate.sim.http.SimHttpHandler;
import io.marketgate.sim.slate.Slate;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The simulated Kalshi: its catalog and books for one slate, and the Undertow handler that serves
 * its REST and WebSocket APIs. Created and owned by the simulator; thread-safe.
 */
public final class KalshiVenue {

  private final KalshiCatalog catalog;
  private final KalshiExchange exchange;
  private final KalshiStream stream;
  private final HttpHandler handler;

  /** A venue for {@code slate}, counting into {@code counter} and faulted by {@code faults}. */
  public KalshiVenue(
      Slate slate,
      KalshiSettings settings,
      InstantSource clock,
      CallCounter counter,
      FaultPlan faults,
      ScheduledExecutorService scheduler) {
    this.catalog = new KalshiCatalog(slate);
    this.exchange =
        new KalshiExchange(catalog, slate.seed(), settings.payloads() == PayloadGeneration.LEGACY);
    KalshiJson json = new KalshiJson(settings.payloads(), settings.levelOrder());
    this.stream =
        new KalshiStream(
            exchange, json, faults, clock, scheduler, settings.pingInterval().toMillis());
    KalshiSignature signature = new KalshiSignature(settings.publicKey());
    HttpHandler upgrade = Handlers.websocket(stream);
    HttpHandler guardedUpgrade =
        (HttpServerExchange ex) -> {
          Optional<String> bad = signature.check(SimHttpHandler.request(ex));
          if (bad.isPresent()) {
            Reply reply = KalshiRest.error(401, "authentication_error", bad.get());
            SimHttpHandler.send(ex, reply);
            return;
          }
          upgrade.handleRequest(ex);
        };
    KalshiRest rest = new KalshiRest(exchange, json, settings, clock, guardedUpgrade);
    this.handler = new SimHttpHandler(rest, counter, faults, scheduler);
  }

  /** The handler serving {@code /trade-api/v2/…} and {@code /trade-api/ws/v2}. */
  public HttpHandler handler() {
    return handler;
  }

  /** Advances every book one random-walk step and streams the deltas to subscribers. */
  public void step() {
    exchange.step();
  }

  /** The current book of market {@code ticker}, if the market exists. */
  public Optional<BinaryBook> book(String ticker) {
    return exchange.book(ticker);
  }

  /** Every market ticker, in catalog order (series, game, strike). */
  public List<String> marketTickers() {
    return catalog.markets().stream().map(KalshiCatalog.Market::ticker).toList();
  }

  /** Every event ticker, in catalog order. */
  public List<String> eventTickers() {
    return catalog.events().stream().map(KalshiCatalog.Event::ticker).toList();
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
