package io.marketgate.sim.http;

import io.undertow.server.HttpHandler;
import java.util.function.Function;

/** What serves one routed request: a data route that computes a {@link Reply}, or an upgrade. */
public sealed interface Endpoint {

  /** The route name the call is counted and faulted under, for example {@code kalshi.markets}. */
  String route();

  /**
   * A route answered with a computed reply; the function runs on a worker thread and may block.
   *
   * @param route the route name
   * @param handler computes the reply
   */
  record Data(String route, Function<SimRequest, Reply> handler) implements Endpoint {}

  /**
   * A route served by an Undertow handler, such as a WebSocket handshake; runs on the IO thread.
   *
   * @param route the route name
   * @param handler the handler that takes over the exchange
   */
  record Upgrade(String route, HttpHandler handler) implements Endpoint {}
}
