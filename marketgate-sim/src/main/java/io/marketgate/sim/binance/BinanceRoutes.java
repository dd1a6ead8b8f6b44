package io.marketgate.sim.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.sim.http.Endpoint;
import io.marketgate.sim.http.Json;
import io.marketgate.sim.http.Reply;
import io.marketgate.sim.http.Router;
import io.marketgate.sim.http.SimRequest;
import io.undertow.server.HttpHandler;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Routes and answers Binance spot's market-data REST API under {@code /api/v3} and hands {@code
 * /stream} to the WebSocket. Thread-safe.
 */
final class BinanceRoutes implements Router {

  /*
   * Request weight: one window per clock minute for all callers (Binance counts per IP). Each call
   * adds its weight (depth by limit, exchangeInfo 20) and answers with X-MBX-USED-WEIGHT-1M; a call
   * that would exceed the limit is answered 429 {"code":-1003,...} with Retry-After = seconds to the
   * end of the window and is not counted. Errors use Binance's {"code":…,"msg":…}.
   */
  static final String STREAM = "/stream";

  private final BinanceExchange exchange;
  private final BinanceSettings settings;
  private final InstantSource clock;
  private final HttpHandler webSocket;
  private long windowMinute = Long.MIN_VALUE;
  private long used;

  BinanceRoutes(
      BinanceExchange exchange,
      BinanceSettings settings,
      InstantSource clock,
      HttpHandler webSocket) {
    this.exchange = exchange;
    this.settings = settings;
    this.clock = clock;
    this.webSocket = webSocket;
  }

  @Override
  public Endpoint route(SimRequest r) {
    String path = r.path();
    if (path.equals(STREAM) || path.equals(STREAM + "/")) {
      return new Endpoint.Upgrade(BinanceStream.ROUTE, webSocket);
    }
    if (!r.method().equals("GET")) {
      return notFound(path);
    }
    return switch (path) {
      case "/api/v3/depth" -> data("binance.depth", this::depth);
      case "/api/v3/exchangeInfo" -> data("binance.exchange_info", req -> exchangeInfo());
      default -> notFound(path);
    };
  }

  @Override
  public Reply faultReply(int status) {
    return error(status, status == 429 || status == 418 ? -1003 : -1000, "injected fault");
  }

  private Endpoint data(String route, Function<SimRequest, Reply> handler) {
    return new Endpoint.Data(route, handler);
  }

  private static Endpoint notFound(String path) {
    return new Endpoint.Data("binance.unknown", req -> error(404, -1, "no route for " + path));
  }

  private Reply depth(SimRequest req) {
    Optional<String> symbol = req.param("symbol");
    if (symbol.isEmpty() || symbol.get().isBlank()) {
      return error(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null.");
    }
    int limit;
    try {
      limit = Integer.parseInt(req.param("limit").orElse("100"));
    } catch (NumberFormatException e) {
      return error(400, -1100, "Illegal characters found in parameter 'limit'.");
    }
    if (limit < 1 || limit > 5_000) {
      return error(400, -1100, "Illegal value for parameter 'limit'; expected 1..5000.");
    }
    int weight = limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1_000 ? 50 : 250;
    Optional<Reply> refused = charge(weight);
    if (refused.isPresent()) {
      return refused.get();
    }
    Optional<BinanceExchange.Snapshot> snap = exchange.snapshot(symbol.get(), limit);
    if (snap.isEmpty()) {
      return withWeight(error(400, -1121, "Invalid symbol."));
    }
    ObjectNode o = Json.object();
    o.put("lastUpdateId", snap.get().lastUpdateId());
    levels(o.putArray("bids"), snap.get().bids());
    levels(o.putArray("asks"), snap.get().asks());
    return withWeight(Reply.json(200, o));
  }

  private static void levels(ArrayNode out, List<Map.Entry<Long, BigDecimal>> levels) {
    for (Map.Entry<Long, BigDecimal> l : levels) {
      ArrayNode pair = out.addArray();
      pair.add(BinanceExchange.priceText(l.getKey()));
      pair.add(BinanceExchange.qtyText(l.getValue()));
    }
  }

  private Reply exchangeInfo() {
    Optional<Reply> refused = charge(20);
    if (refused.isPresent()) {
      return refused.get();
    }
    ObjectNode o = Json.object();
    o.put("timezone", "UTC");
    o.put("serverTime", clock.millis());
    ArrayNode limits = o.putArray("rateLimits");
    ObjectNode w = limits.addObject();
    w.put("rateLimitType", "REQUEST_WEIGHT");
    w.put("interval", "MINUTE");
    w.put("intervalNum", 1);
    w.put("limit", settings.weightPerMinute());
    ArrayNode symbols = o.putArray("symbols");
    for (String s : exchange.symbols()) {
      ObjectNode n = symbols.addObject();
      n.put("symbol", s);
      n.put("status", "TRADING");
    }
    return withWeight(Reply.json(200, o));
  }

  /** Adds {@code weight} to this minute's count, or answers 429 when it would exceed the limit. */
  private synchronized Optional<Reply> charge(int weight) {
    long now = clock.millis();
    long minute = Math.floorDiv(now, 60_000L);
    if (minute != windowMinute) {
      windowMinute = minute;
      used = 0;
    }
    if (used + weight > settings.weightPerMinute()) {
      long secondsLeft = Math.max(1, ((minute + 1) * 60_000L - now + 999) / 1000);
      return Optional.of(
          error(429, -1003, "Too much request weight used; please use WebSocket streams.")
              .withHeader("Retry-After", Long.toString(secondsLeft))
              .withHeader("X-MBX-USED-WEIGHT-1M", Long.toString(used)));
    }
    used += weight;
    return Optional.empty();
  }

  private synchronized Reply withWeight(Reply r) {
    return r.withHeader("X-MBX-USED-WEIGHT-1M", Long.toString(used));
  }

  static Reply error(int status, int code, String msg) {
    ObjectNode o = Json.object();
    o.put("code", code);
    o.put("msg", msg);
    return Reply.json(status, o);
  }
}
