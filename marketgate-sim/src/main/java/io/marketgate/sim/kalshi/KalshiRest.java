package io.marketgate.sim.kalshi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.sim.http.Endpoint;
import io.marketgate.sim.http.Json;
import io.marketgate.sim.http.Reply;
import io.marketgate.sim.http.Router;
import io.marketgate.sim.http.SimRequest;
import io.marketgate.sim.http.TokenBucket;
import io.undertow.server.HttpHandler;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Routes and answers Kalshi's market-data REST API under {@code /trade-api/v2} and hands the
 * WebSocket path to the stream. Thread-safe; replies are computed on worker threads.
 */
final class KalshiRest implements Router {

  /*
   * Every REST call passes the signature check (only when a public key is configured) and then
   * takes requestCost tokens from the read bucket of its KALSHI-ACCESS-KEY (one shared bucket for
   * unsigned calls); an empty bucket answers 429 {"error":"too many requests"} with no Retry-After
   * and no X-RateLimit headers. Other errors use {"error":{"code":…,"message":…}}. Cursors are
   * opaque base64 offsets; the last page carries cursor "". Batch order books come back in a
   * shuffled order that always differs from the request order when there are two or more.
   */
  static final String REST = "/trade-api/v2";
  static final String WS = "/trade-api/ws/v2";
  private static final Set<String> STATUSES =
      Set.of("unopened", "open", "paused", "closed", "settled");

  private final KalshiExchange exchange;
  private final KalshiJson json;
  private final KalshiSettings settings;
  private final KalshiSignature signature;
  private final InstantSource clock;
  private final HttpHandler webSocket;
  private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  KalshiRest(
      KalshiExchange exchange,
      KalshiJson json,
      KalshiSettings settings,
      InstantSource clock,
      HttpHandler webSocket) {
    this.exchange = exchange;
    this.json = json;
    this.settings = settings;
    this.signature = new KalshiSignature(settings.publicKey());
    this.clock = clock;
    this.webSocket = webSocket;
  }

  @Override
  public Endpoint route(SimRequest r) {
    String path = r.path();
    if (path.equals(WS) || path.equals(WS + "/")) {
      return new Endpoint.Upgrade("kalshi.ws", webSocket);
    }
    if (!path.startsWith(REST + "/") || !r.method().equals("GET")) {
      return notFound(path);
    }
    String[] p = path.substring(REST.length() + 1).split("/", -1);
    return switch (p.length) {
      case 1 ->
          switch (p[0]) {
            case "events" -> data("kalshi.events", this::events);
            case "markets" -> data("kalshi.markets", this::markets);
            default -> notFound(path);
          };
      case 2 ->
          switch (p[0]) {
            case "events" -> data("kalshi.event", req -> event(p[1], req));
            case "markets" ->
                p[1].equals("orderbooks")
                    ? data("kalshi.orderbooks", this::orderbooks)
                    : data("kalshi.market", req -> market(p[1]));
            case "series" -> data("kalshi.series", req -> series(p[1]));
            case "exchange" ->
                p[1].equals("status")
                    ? data("kalshi.exchange_status", req -> status())
                    : notFound(path);
            default -> notFound(path);
          };
      case 3 ->
          p[0].equals("markets") && p[2].equals("orderbook")
              ? data("kalshi.orderbook", req -> orderbook(p[1], req))
              : notFound(path);
      default -> notFound(path);
    };
  }

  @Override
  public Reply faultReply(int status) {
    return status == 429
        ? tooManyRequests()
        : error(status, status >= 500 ? "internal_server_error" : "bad_request", "injected fault");
  }

  private Endpoint data(String route, Function<SimRequest, Reply> handler) {
    return new Endpoint.Data(route, req -> admit(req).orElseGet(() -> handle(handler, req)));
  }

  private static Reply handle(Function<SimRequest, Reply> handler, SimRequest req) {
    try {
      return handler.apply(req);
    } catch (BadRequest e) {
      return error(400, "invalid_parameters", e.getMessage());
    }
  }

  private static Endpoint notFound(String path) {
    return new Endpoint.Data(
        "kalshi.unknown", req -> error(404, "not_found", "no route for " + path));
  }

  /** A 429 or 401 if the request may not proceed. */
  Optional<Reply> admit(SimRequest req) {
    Optional<String> bad = signature.check(req);
    if (bad.isPresent()) {
      return Optional.of(error(401, "authentication_error", bad.get()));
    }
    String key = req.header("KALSHI-ACCESS-KEY").orElse("");
    TokenBucket bucket =
        buckets.computeIfAbsent(
            key,
            k -> new TokenBucket(settings.burstTokens(), settings.readTokensPerSecond(), clock));
    return bucket.tryTake(settings.requestCost())
        ? Optional.empty()
        : Optional.of(tooManyRequests());
  }

  static Reply tooManyRequests() {
    ObjectNode o = Json.object();
    o.put("error", "too many requests");
    return Reply.json(429, o);
  }

  static Reply error(int status, String code, String message) {
    ObjectNode o = Json.object();
    ObjectNode e = o.putObject("error");
    e.put("code", code);
    e.put("message", message);
    return Reply.json(status, o);
  }

  private static final class BadRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message);
    }
  }

  // ---- routes ----

  private Reply events(SimRequest req) {
    int limit = limit(req, 200, 200);
    Optional<String> series = req.param("series_ticker").filter(s -> !s.isEmpty());
    boolean nested = req.param("with_nested_markets").map(Boolean::parseBoolean).orElse(false);
    boolean open = status(req);
    List<KalshiCatalog.Event> all = new ArrayList<>();
    for (KalshiCatalog.Event e : exchange.catalog().events()) {
      if (open && series.map(s -> s.equals(e.seriesTicker())).orElse(true)) {
        all.add(e);
      }
    }
    int offset = cursor(req);
    List<KalshiCatalog.Event> page = page(all, offset, limit);
    ObjectNode o = Json.object();
    ArrayNode events = o.putArray("events");
    for (KalshiCatalog.Event e : page) {
      events.add(json.event(e, nested ? marketsOf(e) : List.of()));
    }
    o.put("cursor", nextCursor(offset, page.size(), all.size()));
    return Reply.json(200, o);
  }

  private Reply event(String ticker, SimRequest req) {
    Optional<KalshiCatalog.Event> e = exchange.catalog().event(ticker);
    if (e.isEmpty()) {
      return error(404, "not_found", "event " + ticker + " not found");
    }
    boolean nested = req.param("with_nested_markets").map(Boolean::parseBoolean).orElse(false);
    List<ObjectNode> markets = marketsOf(e.get());
    ObjectNode o = Json.object();
    o.set("event", json.event(e.get(), nested ? markets : List.of()));
    ArrayNode top = o.putArray("markets");
    markets.forEach(top::add);
    return Reply.json(200, o);
  }

  private Reply markets(SimRequest req) {
    int limit = limit(req, 100, 1000);
    boolean open = status(req);
    Optional<String> series = req.param("series_ticker").filter(s -> !s.isEmpty());
    Set<String> events = commaList(req, "event_ticker");
    if (events.size() > 10) {
      throw new BadRequest("event_ticker accepts at most 10 tickers but got " + events.size());
    }
    Set<String> tickers = commaList(req, "tickers");
    req.param("mve_filter")
        .filter(v -> !v.equals("only") && !v.equals("exclude"))
        .ifPresent(
            v -> {
              throw new BadRequest("mve_filter must be only or exclude but was " + v);
            });
    boolean onlyMve = req.param("mve_filter").map("only"::equals).orElse(false);
    Optional<Long> minClose = epochParam(req, "min_close_ts");
    Optional<Long> maxClose = epochParam(req, "max_close_ts");
    List<KalshiCatalog.Market> all = new ArrayList<>();
    for (KalshiCatalog.Market m : exchange.catalog().markets()) {
      long close = m.game().start().plusSeconds(14L * 24 * 3600).getEpochSecond();
      if (open
          && !onlyMve
          && series.map(s -> s.equals(m.seriesTicker())).orElse(true)
          && (events.isEmpty() || events.contains(m.eventTicker()))
          && (tickers.isEmpty() || tickers.contains(m.ticker()))
          && minClose.map(t -> close >= t).orElse(true)
          && maxClose.map(t -> close <= t).orElse(true)) {
        all.add(m);
      }
    }
    int offset = cursor(req);
    List<KalshiCatalog.Market> page = page(all, offset, limit);
    ObjectNode o = Json.object();
    ArrayNode markets = o.putArray("markets");
    for (KalshiCatalog.Market m : page) {
      markets.add(marketJson(m));
    }
    o.put("cursor", nextCursor(offset, page.size(), all.size()));
    return Reply.json(200, o);
  }

  private Reply market(String ticker) {
    Optional<KalshiCatalog.Market> m = exchange.catalog().market(ticker);
    if (m.isEmpty()) {
      return error(404, "not_found", "market " + ticker + " not found");
    }
    ObjectNode o = Json.object();
    o.set("market", marketJson(m.get()));
    return Reply.json(200, o);
  }

  private Reply orderbook(String ticker, SimRequest req) {
    int depth = depth(req);
    Optional<KalshiExchange.BookView> book = exchange.view(ticker);
    if (book.isEmpty()) {
      return error(404, "not_found", "market " + ticker + " not found");
    }
    return Reply.json(200, json.orderbookEnvelope(book.get(), depth));
  }

  private Reply orderbooks(SimRequest req) {
    Set<String> tickers = new LinkedHashSet<>();
    for (String v : req.params("tickers")) {
      for (String t : v.split(",")) {
        if (!t.isBlank()) {
          tickers.add(t.strip());
        }
      }
    }
    if (tickers.isEmpty() || tickers.size() > 100) {
      throw new BadRequest("tickers must name 1 to 100 markets but named " + tickers.size());
    }
    for (String t : tickers) {
      if (t.length() > 200) {
        throw new BadRequest("a ticker must be at most 200 chars");
      }
    }
    List<String> shuffled = new ArrayList<>(tickers);
    Collections.shuffle(shuffled, new java.util.Random(String.join(",", tickers).hashCode()));
    if (shuffled.size() > 1 && shuffled.equals(new ArrayList<>(tickers))) {
      Collections.rotate(shuffled, 1);
    }
    ObjectNode o = Json.object();
    ArrayNode books = o.putArray("orderbooks");
    for (String t : shuffled) {
      Optional<KalshiExchange.BookView> book = exchange.view(t);
      if (book.isPresent()) {
        ObjectNode entry = books.addObject();
        entry.put("ticker", t);
        entry.setAll(json.orderbookEnvelope(book.get(), 0));
      }
    }
    return Reply.json(200, o);
  }

  private Reply series(String ticker) {
    Optional<KalshiCatalog.Series> s = exchange.catalog().series(ticker);
    if (s.isEmpty()) {
      return error(404, "not_found", "series " + ticker + " not found");
    }
    ObjectNode o = Json.object();
    o.set("series", json.series(s.get()));
    return Reply.json(200, o);
  }

  private static Reply status() {
    ObjectNode o = Json.object();
    o.put("exchange_active", true);
    o.put("trading_active", true);
    return Reply.json(200, o);
  }

  // ---- helpers ----

  private List<ObjectNode> marketsOf(KalshiCatalog.Event e) {
    List<ObjectNode> out = new ArrayList<>();
    for (KalshiCatalog.Market m : e.markets()) {
      out.add(marketJson(m));
    }
    return out;
  }

  private ObjectNode marketJson(KalshiCatalog.Market m) {
    return json.market(m, exchange.view(m.ticker()).orElseThrow(), clock.instant());
  }

  /** Whether the status filter lets active (open) markets through; rejects unknown statuses. */
  private static boolean status(SimRequest req) {
    Optional<String> status = req.param("status").filter(s -> !s.isEmpty());
    if (status.isPresent() && !STATUSES.contains(status.get())) {
      throw new BadRequest(
          "status must be one of unopened, open, paused, closed, settled but was " + status.get());
    }
    return status.map("open"::equals).orElse(true);
  }

  private static int limit(SimRequest req, int defaultLimit, int max) {
    Optional<String> text = req.param("limit").filter(s -> !s.isEmpty());
    if (text.isEmpty()) {
      return defaultLimit;
    }
    try {
      int limit = Integer.parseInt(text.get());
      if (limit < 1 || limit > max) {
        throw new BadRequest("limit must be 1.." + max + " but was " + limit);
      }
      return limit;
    } catch (NumberFormatException e) {
      throw new BadRequest("limit must be an integer but was " + text.get());
    }
  }

  private static int depth(SimRequest req) {
    Optional<String> text = req.param("depth").filter(s -> !s.isEmpty());
    if (text.isEmpty()) {
      return 0;
    }
    try {
      int depth = Integer.parseInt(text.get());
      if (depth > 100) {
        throw new BadRequest("depth must be at most 100 but was " + depth);
      }
      return Math.max(depth, 0);
    } catch (NumberFormatException e) {
      throw new BadRequest("depth must be an integer but was " + text.get());
    }
  }

  private static Optional<Long> epochParam(SimRequest req, String name) {
    Optional<String> text = req.param(name).filter(s -> !s.isEmpty());
    try {
      return text.map(Long::parseLong);
    } catch (NumberFormatException e) {
      throw new BadRequest(name + " must be a Unix time in seconds but was " + text.get());
    }
  }

  private static Set<String> commaList(SimRequest req, String name) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : req.params(name)) {
      for (String t : v.split(",")) {
        if (!t.isBlank()) {
          out.add(t.strip());
        }
      }
    }
    return out;
  }

  private static int cursor(SimRequest req) {
    Optional<String> text = req.param("cursor").filter(s -> !s.isEmpty());
    if (text.isEmpty()) {
      return 0;
    }
    try {
      String decoded =
          new String(Base64.getUrlDecoder().decode(text.get()), StandardCharsets.UTF_8);
      if (!decoded.startsWith("sim:")) {
        throw new BadRequest("cursor " + text.get() + " is not a cursor this server issued");
      }
      return Integer.parseInt(decoded.substring(4));
    } catch (IllegalArgumentException e) {
      throw new BadRequest("cursor " + text.get() + " is not a cursor this server issued");
    }
  }

  private static String nextCursor(int offset, int pageSize, int total) {
    int next = offset + pageSize;
    if (next >= total) {
      return "";
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("sim:" + next).getBytes(StandardCharsets.UTF_8));
  }

  private static <T> List<T> page(List<T> all, int offset, int limit) {
    if (offset >= all.size()) {
      return List.of();
    }
    return all.subList(offset, Math.min(all.size(), offset + limit));
  }
}
