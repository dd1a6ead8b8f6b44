package io.marketgate.sim.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.model.Side;
import io.marketgate.sim.http.Endpoint;
import io.marketgate.sim.http.Json;
import io.marketgate.sim.http.Reply;
import io.marketgate.sim.http.Router;
import io.marketgate.sim.http.SimHttpHandler;
import io.marketgate.sim.http.SimRequest;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes and answers Polymarket's CLOB market-data REST API under {@code /polymarket} and hands the
 * market-channel path to the stream. Thread-safe.
 */
final class PolymarketRoutes implements Router {

  /*
   * Errors are {"error": message} with 400 (missing or bad parameter) or 404 (unknown token),
   * except the 429 an injected fault forces, which is an HTML page: Polymarket sits behind
   * Cloudflare, and the client must survive HTML error bodies. POST /books needs the request body,
   * which the shared SimRequest does not carry, so it is an Upgrade endpoint that reads the body
   * itself on a worker thread; unknown tokens are left out of its answer.
   */
  static final String PREFIX = "/polymarket";
  static final String WS_PATH = PREFIX + "/ws/market";

  private final PolymarketExchange exchange;
  private final PolymarketWire wire;
  private final PolymarketSettings settings;
  private final InstantSource clock;
  private final HttpHandler webSocket;
  private final HttpHandler books = this::books;

  PolymarketRoutes(
      PolymarketExchange exchange,
      PolymarketWire wire,
      PolymarketSettings settings,
      InstantSource clock,
      HttpHandler webSocket) {
    this.exchange = exchange;
    this.wire = wire;
    this.settings = settings;
    this.clock = clock;
    this.webSocket = webSocket;
  }

  @Override
  public Endpoint route(SimRequest request) {
    String path = request.path();
    String method = request.method();
    return switch (path) {
      case WS_PATH -> new Endpoint.Upgrade(PolymarketStream.ROUTE, webSocket);
      case PREFIX + "/books" ->
          method.equals("POST")
              ? new Endpoint.Upgrade("polymarket.books", books)
              : notAllowed("polymarket.books");
      case PREFIX + "/book" -> get(method, "polymarket.book", this::book);
      case PREFIX + "/price" -> get(method, "polymarket.price", this::price);
      case PREFIX + "/midpoint" -> get(method, "polymarket.midpoint", this::midpoint);
      default ->
          new Endpoint.Data(
              "polymarket.unknown", req -> Reply.json(404, PolymarketWire.error("not found")));
    };
  }

  @Override
  public Reply faultReply(int status) {
    if (status == 429) {
      return new Reply(
          429,
          Map.of(),
          ("<html><head><title>429 Too Many Requests</title></head><body><h1>Too Many"
                  + " Requests</h1></body></html>")
              .getBytes(StandardCharsets.UTF_8));
    }
    return Reply.json(status, PolymarketWire.error("error " + status));
  }

  private static Endpoint get(
      String method, String route, java.util.function.Function<SimRequest, Reply> handler) {
    return method.equals("GET") ? new Endpoint.Data(route, handler) : notAllowed(route);
  }

  private static Endpoint notAllowed(String route) {
    return new Endpoint.Data(
        route, req -> Reply.json(405, PolymarketWire.error("method not allowed")));
  }

  private Optional<String> token(SimRequest req) {
    return req.param("token_id").map(String::strip).filter(t -> !t.isEmpty());
  }

  private Reply book(SimRequest req) {
    Optional<String> t = token(req);
    if (t.isEmpty()) {
      return Reply.json(400, PolymarketWire.error("Invalid token id"));
    }
    if (!exchange.has(t.get())) {
      return Reply.json(
          404, PolymarketWire.error("No orderbook exists for the requested token id"));
    }
    return Reply.json(200, wire.book(exchange, t.get(), clock.millis(), false));
  }

  private Reply price(SimRequest req) {
    Optional<String> t = token(req);
    String side = req.param("side").orElse("");
    if (t.isEmpty() || !(side.equals("BUY") || side.equals("SELL"))) {
      return Reply.json(400, PolymarketWire.error("Invalid token id or side"));
    }
    if (!exchange.has(t.get())) {
      return Reply.json(
          404, PolymarketWire.error("No orderbook exists for the requested token id"));
    }
    // BUY is the best bid and SELL the best ask, as the API reference and the wire say.
    List<Map.Entry<Integer, BigDecimal>> levels =
        exchange.levels(t.get(), side.equals("BUY") ? Side.BID : Side.ASK);
    if (levels.isEmpty()) {
      return Reply.json(
          404, PolymarketWire.error("No orderbook exists for the requested token id"));
    }
    ObjectNode o = Json.object();
    o.put("price", PolymarketWire.price(levels.get(0).getKey()));
    return Reply.json(200, o);
  }

  private Reply midpoint(SimRequest req) {
    Optional<String> t = token(req);
    if (t.isEmpty()) {
      return Reply.json(400, PolymarketWire.error("Invalid token id"));
    }
    Optional<BigDecimal> mid = exchange.book(t.get()).flatMap(b -> b.mid());
    if (mid.isEmpty()) {
      return Reply.json(
          404, PolymarketWire.error("No orderbook exists for the requested token id"));
    }
    ObjectNode o = Json.object();
    o.put(settings.midPriceKey() ? "mid_price" : "mid", mid.get().toPlainString());
    return Reply.json(200, o);
  }

  private void books(HttpServerExchange ex) {
    if (ex.isInIoThread()) {
      ex.dispatch(this::books);
      return;
    }
    ex.startBlocking();
    JsonNode body;
    try {
      body = Json.parse(ex.getInputStream().readAllBytes());
    } catch (IOException e) {
      SimHttpHandler.send(ex, Reply.json(400, PolymarketWire.error("Invalid payload")));
      return;
    }
    if (!body.isArray()) {
      SimHttpHandler.send(ex, Reply.json(400, PolymarketWire.error("Invalid payload")));
      return;
    }
    long ms = clock.millis();
    ArrayNode out = Json.array();
    for (JsonNode item : body) {
      String t = item.path("token_id").asText("");
      if (exchange.has(t)) {
        out.add(wire.book(exchange, t, ms, false));
      }
    }
    SimHttpHandler.send(ex, Reply.json(200, out));
  }
}
