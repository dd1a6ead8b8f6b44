package io.marketgate.upstream.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.model.BinaryBook;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.UpstreamRequest;
import io.marketgate.upstream.UpstreamResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The Kalshi REST market-data adapter: events, markets and order books, normalized into {@link
 * KalshiEvent}, {@link KalshiMarket} and {@link BinaryBook}. Every call goes through the {@link
 * UpstreamClient}'s budget and is signed by its signer (configure a {@link KalshiSigner} on the
 * client; Kalshi's market data also answers unsigned). Thread-safe; holds no resources.
 */
public final class KalshiRest {

  /*
   * Paging: list endpoints are followed until the cursor is empty, null or missing. A cursor that
   * repeats, or more than maxPages pages, is reported as MALFORMED instead of looping forever.
   *
   * Costs: Kalshi's token bucket charges most reads 10 tokens. The cost of the batch orderbook
   * endpoint is unconfirmed ("batch calls cost the same as the individual calls" may mean 10 per
   * ticker), so it is a parameter: batchCostPerCall + batchCostPerTicker x tickers, default 10 + 0.
   * GET /account/endpoint_costs tells the truth on a live account.
   *
   * The batch endpoint takes at most 100 tickers; larger sets are split into chunks, and results
   * are matched by their "ticker" field, never by position. A requested ticker the venue does not
   * return is absent from the result; an unrequested one is ignored.
   *
   * Malformed payloads become UpstreamException(MALFORMED) naming the endpoint and the field.
   */
  /** Endpoint label of {@code GET /events}. */
  public static final String EVENTS = "kalshi.events";

  /** Endpoint label of {@code GET /markets}. */
  public static final String MARKETS = "kalshi.markets";

  /** Endpoint label of {@code GET /markets/{ticker}}. */
  public static final String MARKET = "kalshi.market";

  /** Endpoint label of {@code GET /markets/{ticker}/orderbook}. */
  public static final String ORDERBOOK = "kalshi.orderbook";

  /** Endpoint label of {@code GET /markets/orderbooks}. */
  public static final String ORDERBOOKS = "kalshi.orderbooks";

  /** Token cost of one ordinary read. */
  public static final int READ_COST = 10;

  /** Most tickers one batch orderbook call accepts. */
  public static final int MAX_BATCH_TICKERS = 100;

  /** Largest page size of {@code GET /events}. */
  public static final int MAX_EVENTS_LIMIT = 200;

  /** Largest page size of {@code GET /markets}. */
  public static final int MAX_MARKETS_LIMIT = 1000;

  private final UpstreamClient client;
  private final int batchCostPerCall;
  private final int batchCostPerTicker;
  private final int maxPages;

  private KalshiRest(Builder b) {
    this.client = b.client;
    this.batchCostPerCall = b.batchCostPerCall;
    this.batchCostPerTicker = b.batchCostPerTicker;
    this.maxPages = b.maxPages;
  }

  /**
   * An adapter over {@code client} (whose base URI ends in {@code /trade-api/v2}) with defaults.
   */
  public static KalshiRest create(UpstreamClient client) {
    return builder(client).build();
  }

  /** A builder of an adapter over {@code client}. */
  public static Builder builder(UpstreamClient client) {
    return new Builder(client);
  }

  /** All events matching {@code query}, following the cursor to the last page. */
  public List<KalshiEvent> events(EventQuery query) {
    Objects.requireNonNull(query, "query");
    return pages(
        EVENTS,
        "/events",
        query.params(),
        "events",
        root -> {
          List<JsonNode> raw = KalshiJson.array(root, "events");
          List<KalshiEvent> out = new ArrayList<>(raw.size());
          for (JsonNode e : raw) {
            out.add(KalshiJson.event(e, List.of()));
          }
          return out;
        });
  }

  /** All markets matching {@code query}, following the cursor to the last page. */
  public List<KalshiMarket> markets(MarketQuery query) {
    Objects.requireNonNull(query, "query");
    return pages(
        MARKETS,
        "/markets",
        query.params(),
        "markets",
        root -> {
          List<JsonNode> raw = KalshiJson.array(root, "markets");
          List<KalshiMarket> out = new ArrayList<>(raw.size());
          for (JsonNode m : raw) {
            out.add(KalshiJson.market(m, Optional.empty()));
          }
          return out;
        });
  }

  /** The market {@code ticker}. */
  public KalshiMarket market(String ticker) {
    String t = requireTicker(ticker);
    return fetch(
        MARKET,
        "/markets/" + encode(t),
        READ_COST,
        root -> KalshiJson.market(KalshiJson.requireObject(root, "market"), Optional.empty()));
  }

  /**
   * The order book of {@code ticker}, at most {@code depth} levels per side ({@code 0} for all).
   */
  public BinaryBook orderbook(String ticker, int depth) {
    String t = requireTicker(ticker);
    if (depth < 0 || depth > 100) {
      throw new IllegalArgumentException(
          "orderbook depth must be 0 (all) to 100 levels per side, was " + depth);
    }
    String path = "/markets/" + encode(t) + "/orderbook" + (depth > 0 ? "?depth=" + depth : "");
    BinaryBook book = fetch(ORDERBOOK, path, READ_COST, KalshiJson::restBook);
    return depth > 0 ? book.depth(depth) : book;
  }

  /**
   * The order books of {@code tickers}, keyed by ticker in request order; a ticker the venue did
   * not return is absent. More than 100 tickers are fetched in several calls.
   */
  public Map<String, BinaryBook> orderbooks(Collection<String> tickers) {
    Set<String> wanted = new LinkedHashSet<>();
    for (String t : Objects.requireNonNull(tickers, "tickers")) {
      wanted.add(requireTicker(t));
    }
    Map<String, BinaryBook> found = new HashMap<>();
    List<String> all = new ArrayList<>(wanted);
    for (int from = 0; from < all.size(); from += MAX_BATCH_TICKERS) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + MAX_BATCH_TICKERS));
      StringBuilder path = new StringBuilder("/markets/orderbooks");
      char sep = '?';
      for (String t : chunk) {
        path.append(sep).append("tickers=").append(encode(t));
        sep = '&';
      }
      int cost = batchCostPerCall + batchCostPerTicker * chunk.size();
      Set<String> asked = new HashSet<>(chunk);
      found.putAll(fetch(ORDERBOOKS, path.toString(), cost, root -> batchBooks(root, asked)));
    }
    Map<String, BinaryBook> out = new LinkedHashMap<>();
    for (String t : all) {
      BinaryBook b = found.get(t);
      if (b != null) {
        out.put(t, b);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private static Map<String, BinaryBook> batchBooks(JsonNode root, Set<String> asked) {
    if (!root.has("orderbooks")) {
      throw new KalshiJson.Malformed("field 'orderbooks' is missing");
    }
    Map<String, BinaryBook> out = new LinkedHashMap<>();
    List<JsonNode> raw = KalshiJson.array(root, "orderbooks");
    for (int i = 0; i < raw.size(); i++) {
      JsonNode entry = raw.get(i);
      String where = "orderbooks[" + i + "]";
      if (!entry.isObject()) {
        throw new KalshiJson.Malformed("orderbooks[" + i + "] is not an object");
      }
      String ticker =
          KalshiJson.text(entry, "ticker")
              .or(() -> KalshiJson.text(entry, "market_ticker"))
              .orElseThrow(() -> new KalshiJson.Malformed(where + " has no 'ticker'"));
      if (!asked.contains(ticker)) {
        continue;
      }
      try {
        out.put(ticker, KalshiJson.restBook(entry));
      } catch (KalshiJson.Malformed e) {
        throw new KalshiJson.Malformed("orderbooks[" + i + "] (" + ticker + "): " + e.getMessage());
      }
    }
    return out;
  }

  private <T> List<T> pages(
      String endpoint,
      String path,
      List<String> params,
      String listField,
      Function<JsonNode, List<T>> page) {
    List<T> out = new ArrayList<>();
    Set<String> seenCursors = new HashSet<>();
    String cursor = "";
    for (int n = 1; ; n++) {
      if (n > maxPages) {
        throw new UpstreamException(
            endpoint, Outcome.MALFORMED, 0, "more than " + maxPages + " pages; stopped paging");
      }
      List<String> q = new ArrayList<>(params);
      if (!cursor.isEmpty()) {
        q.add("cursor=" + encode(cursor));
      }
      String[] next = {""};
      out.addAll(
          fetch(
              endpoint,
              path + (q.isEmpty() ? "" : "?" + String.join("&", q)),
              READ_COST,
              root -> {
                if (!root.has(listField)) {
                  throw new KalshiJson.Malformed("field '" + listField + "' is missing");
                }
                List<T> items = page.apply(root);
                next[0] = KalshiJson.text(root, "cursor").orElse("");
                return items;
              }));
      cursor = next[0];
      if (cursor.isEmpty() || cursor.equals("null")) {
        return List.copyOf(out);
      }
      if (!seenCursors.add(cursor)) {
        throw new UpstreamException(
            endpoint, Outcome.MALFORMED, 0, "cursor repeated after page " + n + "; stopped paging");
      }
    }
  }

  /** GETs {@code pathAndQuery} and maps its JSON inside the budget's attempt. */
  private <T> T fetch(
      String endpoint, String pathAndQuery, int cost, Function<JsonNode, T> mapper) {
    return client.send(
        UpstreamRequest.get(endpoint, client.resolve(pathAndQuery), cost),
        r -> parse(endpoint, r, mapper));
  }

  private static <T> T parse(String endpoint, UpstreamResponse r, Function<JsonNode, T> mapper) {
    try {
      return mapper.apply(KalshiJson.object(r.body()));
    } catch (KalshiJson.Malformed | IllegalArgumentException e) {
      throw new UpstreamException(endpoint, Outcome.MALFORMED, r.status(), e.getMessage(), e);
    }
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String requireTicker(String ticker) {
    if (ticker == null || ticker.isBlank()) {
      throw new IllegalArgumentException("Kalshi ticker is missing or blank");
    }
    if (ticker.length() > 200) {
      throw new IllegalArgumentException(
          "Kalshi ticker is longer than 200 characters: " + KalshiJson.quote(ticker));
    }
    return ticker.strip();
  }

  @Override
  public String toString() {
    return "KalshiRest[" + client + "]";
  }

  /** Configures and builds a {@link KalshiRest}. Not thread-safe. */
  public static final class Builder {
    private final UpstreamClient client;
    private int batchCostPerCall = READ_COST;
    private int batchCostPerTicker;
    private int maxPages = 1000;

    private Builder(UpstreamClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * The budget cost of one batch orderbook call: {@code perCall + perTicker x tickers} (default
     * 10 + 0; the real cost is unconfirmed).
     */
    public Builder batchOrderbookCost(int perCall, int perTicker) {
      if (perCall < 0 || perTicker < 0) {
        throw new IllegalArgumentException(
            "batch orderbook costs must be >= 0, were " + perCall + " and " + perTicker);
      }
      this.batchCostPerCall = perCall;
      this.batchCostPerTicker = perTicker;
      return this;
    }

    /** The most pages one listing follows before failing as MALFORMED (default 1000). */
    public Builder maxPages(int maxPages) {
      if (maxPages < 1) {
        throw new IllegalArgumentException("maxPages must be >= 1, was " + maxPages);
      }
      this.maxPages = maxPages;
      return this;
    }

    /** Builds the adapter. */
    public KalshiRest build() {
      return new KalshiRest(this);
    }
  }

  /** Filters of {@code GET /events}; immutable, each method returns a changed copy. */
  public static final class EventQuery {
    private final Optional<String> seriesTicker;
    private final Optional<String> status;
    private final boolean withNestedMarkets;
    private final int limit;

    private EventQuery(
        Optional<String> seriesTicker, Optional<String> status, boolean nested, int limit) {
      this.seriesTicker = seriesTicker;
      this.status = status;
      this.withNestedMarkets = nested;
      this.limit = limit;
    }

    /** All events, with nested markets, 200 per page. */
    public static EventQuery all() {
      return new EventQuery(Optional.empty(), Optional.empty(), true, MAX_EVENTS_LIMIT);
    }

    /** Only events of series {@code seriesTicker}, for example {@code KXNBAGAME}. */
    public EventQuery seriesTicker(String seriesTicker) {
      return new EventQuery(
          Optional.of(requireValue("series_ticker", seriesTicker)),
          status,
          withNestedMarkets,
          limit);
    }

    /** Only events with {@code status} ({@code unopened|open|closed|settled}). */
    public EventQuery status(String status) {
      return new EventQuery(
          seriesTicker, Optional.of(requireValue("status", status)), withNestedMarkets, limit);
    }

    /** Whether to ask for each event's markets (default true). */
    public EventQuery withNestedMarkets(boolean nested) {
      return new EventQuery(seriesTicker, status, nested, limit);
    }

    /** Page size, 1 to 200 (default 200). */
    public EventQuery limit(int limit) {
      return new EventQuery(
          seriesTicker, status, withNestedMarkets, requireLimit(limit, MAX_EVENTS_LIMIT));
    }

    List<String> params() {
      List<String> p = new ArrayList<>();
      seriesTicker.ifPresent(s -> p.add("series_ticker=" + encode(s)));
      status.ifPresent(s -> p.add("status=" + encode(s)));
      if (withNestedMarkets) {
        p.add("with_nested_markets=true");
      }
      p.add("limit=" + limit);
      return p;
    }

    /** The query string this query sends, without a cursor. */
    @Override
    public String toString() {
      return String.join("&", params());
    }
  }

  /** Filters of {@code GET /markets}; immutable, each method returns a changed copy. */
  public static final class MarketQuery {
    private final List<String> eventTickers;
    private final Optional<String> seriesTicker;
    private final List<String> tickers;
    private final Optional<String> status;
    private final int limit;

    private MarketQuery(
        List<String> eventTickers,
        Optional<String> seriesTicker,
        List<String> tickers,
        Optional<String> status,
        int limit) {
      this.eventTickers = List.copyOf(eventTickers);
      this.seriesTicker = seriesTicker;
      this.tickers = List.copyOf(tickers);
      this.status = status;
      this.limit = limit;
    }

    /** All markets, 1000 per page. */
    public static MarketQuery all() {
      return new MarketQuery(
          List.of(), Optional.empty(), List.of(), Optional.empty(), MAX_MARKETS_LIMIT);
    }

    /** Only markets of these events (at most 10, sent comma-separated). */
    public MarketQuery eventTickers(Collection<String> eventTickers) {
      List<String> e = values("event_ticker", eventTickers);
      if (e.size() > 10) {
        throw new IllegalArgumentException(
            "Kalshi accepts at most 10 event tickers per market query, got " + e.size());
      }
      return new MarketQuery(e, seriesTicker, tickers, status, limit);
    }

    /** Only markets of series {@code seriesTicker}. */
    public MarketQuery seriesTicker(String seriesTicker) {
      return new MarketQuery(
          eventTickers,
          Optional.of(requireValue("series_ticker", seriesTicker)),
          tickers,
          status,
          limit);
    }

    /** Only these markets (sent comma-separated). */
    public MarketQuery tickers(Collection<String> tickers) {
      return new MarketQuery(eventTickers, seriesTicker, values("tickers", tickers), status, limit);
    }

    /** Only markets with {@code status} ({@code unopened|open|paused|closed|settled}). */
    public MarketQuery status(String status) {
      return new MarketQuery(
          eventTickers, seriesTicker, tickers, Optional.of(requireValue("status", status)), limit);
    }

    /** Page size, 1 to 1000 (default 1000). */
    public MarketQuery limit(int limit) {
      return new MarketQuery(
          eventTickers, seriesTicker, tickers, status, requireLimit(limit, MAX_MARKETS_LIMIT));
    }

    List<String> params() {
      List<String> p = new ArrayList<>();
      if (!eventTickers.isEmpty()) {
        p.add("event_ticker=" + encode(String.join(",", eventTickers)));
      }
      seriesTicker.ifPresent(s -> p.add("series_ticker=" + encode(s)));
      if (!tickers.isEmpty()) {
        p.add("tickers=" + encode(String.join(",", tickers)));
      }
      status.ifPresent(s -> p.add("status=" + encode(s)));
      p.add("limit=" + limit);
      return p;
    }

    /** The query string this query sends, without a cursor. */
    @Override
    public String toString() {
      return String.join("&", params());
    }
  }

  private static String requireValue(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("Kalshi query parameter " + name + " is missing or blank");
    }
    return value.strip();
  }

  private static List<String> values(String name, Collection<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : Objects.requireNonNull(values, name)) {
      out.add(requireValue(name, v));
    }
    return out;
  }

  private static int requireLimit(int limit, int max) {
    if (limit < 1 || limit > max) {
      throw new IllegalArgumentException("page limit must be 1 to " + max + ", was " + limit);
    }
    return limit;
  }
}
