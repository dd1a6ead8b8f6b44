package io.marketgate.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.cache.Clock;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import io.marketgate.cache.SnapshotStore;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.Market;
import io.marketgate.model.MarketKey;
import io.marketgate.model.ModelException;
import io.marketgate.model.OrderBook;
import io.marketgate.model.Venue;
import io.marketgate.server.api.ModelJson;
import io.marketgate.server.ingest.MarketData;
import io.marketgate.server.ingest.Source;
import io.marketgate.server.ingest.SourceStatus;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request/response routes of DESIGN §7: markets, books, history, sources, health, metrics,
 * admin and the seed-compatible {@code /markets}. Handlers run on the IO thread; cached bodies are
 * answered there, encodings of lists and anything that calls a source run on the worker executor.
 */
final class ApiRoutes {

  /*
   * Every data answer goes through serve(): the route computes a cache key (route + normalized query)
   * and an ETag from the data version without touching the values (the snapshot's seq, epoch and
   * publish time for one key; the keyed store's version for lists), then asks the body cache. A hit
   * costs a map lookup and a buffer duplicate. Freshness headers are computed per request from the
   * body's Version, so the body itself never holds an age. List versions are read before the list
   * is built: a body may hold data newer than its version, never older, so an ETag never labels
   * older data.
   */

  private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Most markets per page. */
  static final int MAX_LIMIT = 1000;

  /** Markets per page when {@code limit} is absent. */
  static final int DEFAULT_LIMIT = 100;

  /** Deepest book a caller may ask for. */
  static final int MAX_DEPTH = 1000;

  private static final String CURSOR_PREFIX = "m1:";
  private static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final MarketData data;
  private final Supplier<List<Source>> sources;
  private final Supplier<String> scrape;
  private final Consumer<MarketKey> demand;
  private final EncodedBodyCache bodies;
  private final HttpMetrics metrics;
  private final StaleWindows windows;
  private final Executor worker;
  private final String instance;
  private final Clock clock;

  ApiRoutes(
      MarketData data,
      Supplier<List<Source>> sources,
      Supplier<String> scrape,
      Consumer<MarketKey> demand,
      EncodedBodyCache bodies,
      HttpMetrics metrics,
      Executor worker,
      String instance) {
    this.data = data;
    this.sources = sources;
    this.scrape = scrape;
    this.demand = demand;
    this.bodies = bodies;
    this.metrics = metrics;
    this.windows = new StaleWindows(sources);
    this.worker = worker;
    this.instance = instance;
    this.clock = data.clock();
  }

  /** Adds the routes to {@code router}. */
  void register(Router router) {
    Set<String> maxAge = Set.of("max_age_ms");
    router
        .add(
            "GET",
            "/v1/markets",
            Router.Access.READ,
            Set.of("venue", "series", "event", "status", "limit", "cursor", "max_age_ms"),
            this::markets)
        .add("GET", "/v1/markets/{venue}/{ticker}", Router.Access.READ, maxAge, this::market)
        .add(
            "GET",
            "/v1/books/{venue}/{ticker}",
            Router.Access.READ,
            Set.of("depth", "max_age_ms"),
            this::book)
        .add("GET", "/v1/books/{venue}/{ticker}/history", Router.Access.READ, maxAge, this::history)
        .add("GET", "/v1/sources", Router.Access.READ, Set.of(), this::sources)
        .add("GET", "/health", Router.Access.PUBLIC, Set.of(), this::health)
        .add("GET", "/metrics", Router.Access.PUBLIC, Set.of(), this::metrics)
        .add("POST", "/admin/sources/{name}/refresh", Router.Access.ADMIN, Set.of(), this::refresh)
        .add("POST", "/admin/cache/clear", Router.Access.ADMIN, Set.of("store"), this::clear)
        .add("GET", "/markets", Router.Access.READ, maxAge, this::seedMarkets);
  }

  // ---------------------------------------------------------------- data routes

  private void markets(Call call) {
    Optional<Venue> venue = call.query("venue").map(v -> Call.venue("venue", v));
    Optional<String> series = nonEmpty(call, "series");
    Optional<String> event = nonEmpty(call, "event");
    Optional<String> status = nonEmpty(call, "status").map(s -> s.toLowerCase(Locale.ROOT));
    int limit = call.intQuery("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    Optional<String> after = call.query("cursor").map(ApiRoutes::decodeCursor);
    long version = data.markets().version();
    String key =
        "markets?"
            + venue.map(Venue::id).orElse("")
            + '&'
            + series.orElse("")
            + '&'
            + event.orElse("")
            + '&'
            + status.orElse("")
            + '&'
            + limit
            + '&'
            + after.orElse("");
    String etag = instance + "-v" + version;
    serve(
        call,
        key,
        etag,
        () -> encodeMarkets(venue, series, event, status, limit, after, etag, version),
        worker);
  }

  private EncodedBody encodeMarkets(
      Optional<Venue> venue,
      Optional<String> series,
      Optional<String> event,
      Optional<String> status,
      int limit,
      Optional<String> after,
      String etag,
      long version) {
    KeyedSnapshotStore<MarketKey, Market> store = data.markets();
    List<MarketKey> keys =
        venue.map(v -> store.keysWithPrefix(v.id() + ":")).orElseGet(store::keys);
    int from = after.map(a -> firstAfter(keys, a)).orElse(0);
    ArrayNode items = NODES.arrayNode();
    Aggregate agg = new Aggregate(version);
    String next = null;
    MarketKey last = null;
    for (int i = from; i < keys.size(); i++) {
      Optional<Snapshot<Market>> s = store.latest(keys.get(i));
      if (s.isEmpty()) {
        continue;
      }
      Market m = s.get().value();
      if (series.isPresent() && !m.seriesTicker().equals(series)
          || event.isPresent() && !m.eventTicker().equals(event.get())
          || status.isPresent() && !m.status().equalsIgnoreCase(status.get())) {
        continue;
      }
      if (items.size() == limit) {
        next = encodeCursor(last);
        break;
      }
      items.add(withVersion(ModelJson.market(m), s.get()));
      agg.add(s.get(), "markets", m.key().venue());
      last = m.key();
    }
    ObjectNode doc = NODES.objectNode();
    doc.set("markets", items);
    doc.put("count", items.size());
    if (next == null) {
      doc.putNull("next_cursor");
    } else {
      doc.put("next_cursor", next);
    }
    return EncodedBody.of(Responses.bytes(doc), etag, agg.version());
  }

  private void market(Call call) {
    MarketKey key = call.marketKey();
    Snapshot<Market> s =
        data.markets()
            .latest(key)
            .orElseThrow(() -> ApiError.notFound("no market " + key + " is known"));
    serve(
        call,
        "market|" + key,
        snapshotTag(s),
        () ->
            single(withVersion(ModelJson.market(s.value()), s), snapshotTag(s), s, "markets", key),
        Runnable::run);
  }

  private void book(Call call) {
    MarketKey key = call.marketKey();
    int depth = call.intQuery("depth", 0, 1, MAX_DEPTH);
    askedFor(key);
    Optional<Snapshot<OrderBook>> twoSided = data.orderBooks().latest(key);
    if (twoSided.isPresent() && data.books().latest(key).isEmpty()) {
      // Any venue kept in orderBooks() (Binance, Polymarket): a plain two-sided book.
      Snapshot<OrderBook> o = twoSided.get();
      serve(
          call,
          "book|" + key + '|' + depth,
          snapshotTag(o),
          () -> {
            OrderBook book = depth == 0 ? o.value() : o.value().depth(depth);
            ObjectNode doc = ModelJson.orderBook(key.venue().id(), key.ticker(), book);
            return single(withVersion(doc, o), snapshotTag(o), o, "books", key);
          },
          Runnable::run);
      return;
    }
    Snapshot<BinaryBook> s =
        data.books()
            .latest(key)
            .orElseThrow(() -> ApiError.notFound("no book of " + key + " is known"));
    String etag = snapshotTag(s);
    serve(
        call,
        "book|" + key + '|' + depth,
        etag,
        () -> {
          BinaryBook book = depth == 0 ? s.value() : s.value().depth(depth);
          ObjectNode doc = ModelJson.binaryBook(key.venue().id(), key.ticker(), book);
          return single(withVersion(doc, s), etag, s, "books", key);
        },
        Runnable::run);
  }

  private void history(Call call) {
    MarketKey key = call.marketKey();
    askedFor(key);
    SnapshotStore<BinaryBook> store =
        data.books()
            .find(key)
            .orElseThrow(() -> ApiError.notFound("no book of " + key + " is known"));
    Snapshot<BinaryBook> latest =
        store.latest().orElseThrow(() -> ApiError.notFound("no book of " + key + " is known"));
    String etag = snapshotTag(latest);
    serve(
        call,
        "history|" + key,
        etag,
        () -> {
          ObjectNode doc = NODES.objectNode();
          doc.put("venue", key.venue().id());
          doc.put("ticker", key.ticker());
          ArrayNode snaps = doc.putArray("snapshots");
          for (Snapshot<BinaryBook> h : store.history()) {
            if (h.seq() <= latest.seq()) {
              snaps.add(withVersion(ModelJson.bookTop(h.value()), h));
            }
          }
          ArrayNode mids = doc.putArray("mids");
          for (SnapshotStore.ScalarPoint p : store.points()) {
            if (p.seq() <= latest.seq()) {
              ObjectNode n = mids.addObject();
              n.put("seq", p.seq());
              n.put("epoch", p.epoch());
              n.put("at", p.wallTime().toString());
              n.put("mid", BigDecimal.valueOf(p.value()).toPlainString());
            }
          }
          return single(doc, etag, latest, "books", key);
        },
        worker);
  }

  private void seedMarkets(Call call) {
    long marketsVersion = data.markets().version();
    long booksVersion = data.books().version();
    String etag = instance + "-m" + marketsVersion + "b" + booksVersion;
    serve(
        call,
        "seed-markets",
        etag,
        () -> {
          ArrayNode items = NODES.arrayNode();
          Aggregate agg = new Aggregate(marketsVersion);
          int enriched = 0;
          for (MarketKey key : data.markets().keys()) {
            Optional<Snapshot<Market>> m = data.markets().latest(key);
            if (m.isEmpty()) {
              continue;
            }
            ObjectNode item = ModelJson.market(m.get().value());
            agg.add(m.get(), "markets", key.venue());
            Optional<Snapshot<BinaryBook>> b = data.books().latest(key);
            if (b.isPresent()) {
              item.set("orderbook", withVersion(ModelJson.bookTop(b.get().value()), b.get()));
              agg.add(b.get(), "books", key.venue());
              enriched++;
            } else {
              item.putNull("orderbook");
            }
            items.add(item);
          }
          ObjectNode doc = NODES.objectNode();
          doc.put("generated_at", clock.wallTime().toString());
          ObjectNode inner = doc.putObject("markets");
          inner.set("markets", items);
          inner.put("total_count", items.size());
          inner.put("enriched_count", enriched);
          return EncodedBody.of(Responses.bytes(doc), etag, agg.version());
        },
        worker);
  }

  private void askedFor(MarketKey key) {
    try {
      demand.accept(key);
    } catch (RuntimeException e) {
      LOG.warn("demand hook failed for {}", key, e);
    }
  }

  // ---------------------------------------------------------------- status routes

  private void sources(Call call) {
    blocking(
        call,
        () -> {
          ObjectNode doc = NODES.objectNode();
          doc.put("generated_at", clock.wallTime().toString());
          ArrayNode list = doc.putArray("sources");
          for (Source s : sources.get()) {
            list.add(ModelJson.sourceStatus(s.status()));
          }
          Responses.json(call.exchange, 200, doc);
        });
  }

  private void health(Call call) {
    blocking(
        call,
        () -> {
          boolean ready = true;
          boolean allLive = true;
          ObjectNode perSource = NODES.objectNode();
          for (Source s : sources.get()) {
            SourceStatus st = s.status();
            ready &= st.hasData();
            allLive &= st.state() == SourceStatus.State.LIVE;
            ObjectNode n = perSource.putObject(st.name());
            n.put("venue", st.venue());
            n.put("state", st.state().name().toLowerCase(Locale.ROOT));
            n.put("has_data", st.hasData());
            if (st.age().isPresent()) {
              Duration age = st.age().get();
              n.put("age_seconds", age.toMillis() / 1000.0);
              n.put("age_ms", age.toMillis());
              n.put("silent", age.compareTo(st.silentAfter()) > 0);
            } else {
              n.putNull("age_seconds");
              n.putNull("age_ms");
              n.put("silent", false);
            }
            n.put("silent_after_seconds", st.silentAfter().toMillis() / 1000.0);
            n.put("keys", st.keys());
          }
          ObjectNode doc = NODES.objectNode();
          doc.put("status", !ready ? "starting" : allLive ? "ok" : "degraded");
          doc.put("live", true);
          doc.put("ready", ready);
          doc.put("generated_at", clock.wallTime().toString());
          doc.set("sources", perSource);
          Responses.json(call.exchange, ready ? 200 : 503, doc);
        });
  }

  private void metrics(Call call) {
    blocking(
        call,
        () ->
            Responses.send(
                call.exchange, 200, METRICS_TYPE, scrape.get().getBytes(StandardCharsets.UTF_8)));
  }

  // ---------------------------------------------------------------- admin routes

  private void refresh(Call call) {
    String name = call.path("name");
    Source source =
        sources.get().stream()
            .filter(s -> s.name().equals(name))
            .findFirst()
            .orElseThrow(() -> ApiError.notFound("no source named \"" + Call.shorten(name) + "\""));
    blocking(
        call,
        () -> {
          source.refreshNow();
          LOG.info("admin: refresh of source {} requested", source.name());
          ObjectNode doc = NODES.objectNode();
          doc.put("source", source.name());
          doc.put("refresh", "requested");
          Responses.json(call.exchange, 202, doc);
        });
  }

  private void clear(Call call) {
    String store =
        call.query("store")
            .orElseThrow(
                () ->
                    ApiError.badParameter(
                        "store", "store is required: markets, books, events, bodies or all"));
    if (!Set.of("markets", "books", "events", "bodies", "all").contains(store)) {
      throw ApiError.badParameter(
          "store",
          "unknown store \""
              + Call.shorten(store)
              + "\"; expected markets, books, events, bodies or all");
    }
    boolean all = store.equals("all");
    Map<String, Integer> removed = new LinkedHashMap<>();
    if (all || store.equals("markets")) {
      removed.put("markets", data.markets().removeIf((k, s) -> true));
    }
    if (all || store.equals("books")) {
      removed.put("books", data.books().removeIf((k, s) -> true));
    }
    if (all || store.equals("events")) {
      removed.put("events", data.oddsEvents().removeIf((k, s) -> true));
    }
    removed.put("bodies", bodies.clear());
    LOG.info("admin: cleared {}", removed);
    ObjectNode doc = NODES.objectNode();
    ObjectNode cleared = doc.putObject("cleared");
    removed.forEach(cleared::put);
    Responses.json(call.exchange, 200, doc);
  }

  // ---------------------------------------------------------------- serving

  /**
   * Answers a data request from the body cache: {@code etag} names the data version, {@code
   * encoder} builds the body on {@code executor} when no body of that version is cached.
   */
  private void serve(
      Call call, String key, String etag, Supplier<EncodedBody> encoder, Executor executor) {
    OptionalLong maxAge = call.maxAgeMillis();
    EncodedBodyCache.Lookup lookup = bodies.get(key, etag, encoder, executor);
    metrics.cache(lookup.result());
    CompletableFuture<EncodedBody> body = lookup.body();
    if (body.isDone() && !body.isCompletedExceptionally()) {
      respond(call, body.join(), maxAge);
      return;
    }
    call.exchange.dispatch(
        SameThreadExecutor.INSTANCE,
        () ->
            body.whenComplete(
                (b, failure) -> {
                  try {
                    if (failure != null) {
                      throw failure instanceof RuntimeException r
                          ? r
                          : new IllegalStateException("encoding failed", failure);
                    }
                    respond(call, b, maxAge);
                  } catch (RuntimeException e) {
                    GatewayHttpServer.fail(call.exchange, e);
                  }
                }));
  }

  private void respond(Call call, EncodedBody body, OptionalLong maxAge) {
    HttpServerExchange ex = call.exchange;
    EncodedBody.Version v = body.version();
    long ageMs =
        v.oldestPublishNanos().isPresent()
            ? Math.max(0, clock.nanoTime() - v.oldestPublishNanos().getAsLong()) / 1_000_000
            : 0;
    String label = label(v, ageMs);
    var h = ex.getResponseHeaders();
    h.put(Responses.X_SEQ, v.seq());
    h.put(Responses.X_EPOCH, v.epoch());
    h.put(Responses.X_AGE_MS, ageMs);
    h.put(Responses.X_SOURCE, label);
    h.put(Headers.VARY, "Accept-Encoding");
    if (maxAge.isPresent() && ageMs > maxAge.getAsLong()) {
      throw new ApiError(
          503,
          "too_stale",
          "the data is "
              + ageMs
              + " ms old, older than max_age_ms="
              + maxAge.getAsLong()
              + " (source: "
              + label
              + ")",
          Map.of("age_ms", ageMs, "max_age_ms", maxAge.getAsLong()));
    }
    boolean gzip =
        body.gzip().isPresent()
            && Responses.acceptsGzip(ex.getRequestHeaders().getFirst(Headers.ACCEPT_ENCODING));
    h.put(Headers.ETAG, '"' + body.etag() + (gzip ? Responses.GZIP_SUFFIX : "") + '"');
    h.put(Headers.CACHE_CONTROL, "no-cache");
    if (Responses.matches(ex.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH), body.etag())) {
      metrics.notModified();
      ex.setStatusCode(304);
      ex.endExchange();
      return;
    }
    ByteBuffer bytes = (gzip ? body.gzip().get() : body.plain()).duplicate();
    h.put(Headers.CONTENT_TYPE, Responses.JSON);
    if (gzip) {
      h.put(Headers.CONTENT_ENCODING, "gzip");
    }
    h.put(Headers.CONTENT_LENGTH, bytes.remaining());
    ex.setStatusCode(200);
    ex.getResponseSender().send(bytes);
  }

  private static String label(EncodedBody.Version v, long ageMs) {
    if (v.provenance() != Provenance.LIVE) {
      return v.provenance().label();
    }
    if (!v.staleAfter().isZero() && ageMs > v.staleAfter().toMillis()) {
      return Provenance.STALE.label();
    }
    return Provenance.LIVE.label();
  }

  /** Runs {@code work} on the worker executor, answering failures as JSON errors. */
  private void blocking(Call call, Runnable work) {
    call.exchange.dispatch(
        worker,
        () -> {
          try {
            work.run();
          } catch (RuntimeException e) {
            GatewayHttpServer.fail(call.exchange, e);
          }
        });
  }

  private EncodedBody single(
      ObjectNode doc, String etag, Snapshot<?> s, String store, MarketKey key) {
    Aggregate agg = new Aggregate(s.seq());
    agg.add(s, store, key.venue());
    return EncodedBody.of(Responses.bytes(doc), etag, agg.version());
  }

  /** The ETag token of one snapshot: unique per process, seq, epoch and publish instant. */
  private String snapshotTag(Snapshot<?> s) {
    return instance + '-' + s.seq() + '.' + s.epoch() + '.' + Long.toHexString(s.publishNanos());
  }

  /** Adds the snapshot's version fields to {@code n}. */
  static ObjectNode withVersion(ObjectNode n, Snapshot<?> s) {
    n.put("seq", s.seq());
    n.put("epoch", s.epoch());
    n.put("source", s.provenance().label());
    n.put("as_of", s.wallTime().toString());
    return n;
  }

  private static Optional<String> nonEmpty(Call call, String name) {
    Optional<String> v = call.query(name);
    if (v.isPresent() && v.get().isEmpty()) {
      throw ApiError.badParameter(name, name + " must not be empty");
    }
    return v;
  }

  static String encodeCursor(MarketKey last) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((CURSOR_PREFIX + last).getBytes(StandardCharsets.UTF_8));
  }

  /** The canonical key a cursor points after; 400 naming {@code cursor} if it is not ours. */
  static String decodeCursor(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!text.startsWith(CURSOR_PREFIX)) {
        throw new IllegalArgumentException("foreign cursor");
      }
      return MarketKey.parse(text.substring(CURSOR_PREFIX.length())).toString();
    } catch (IllegalArgumentException | ModelException e) {
      throw ApiError.badParameter(
          "cursor", "cursor is not a cursor this server issued (use next_cursor verbatim)");
    }
  }

  /** Index of the first key whose canonical form sorts after {@code after}. */
  private static int firstAfter(List<MarketKey> keys, String after) {
    int lo = 0;
    int hi = keys.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (keys.get(mid).toString().compareTo(after) <= 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Folds the constituents of an answer into its {@link EncodedBody.Version}. */
  private final class Aggregate {
    private final long seq;
    private long epochs;
    private Provenance worst = Provenance.LIVE;
    private long oldest;
    private boolean any;
    private Duration staleAfter = Duration.ZERO;

    Aggregate(long seq) {
      this.seq = seq;
    }

    void add(Snapshot<?> s, String store, Venue venue) {
      epochs += s.epoch();
      if (rank(s.provenance()) > rank(worst)) {
        worst = s.provenance();
      }
      if (!any || s.publishNanos() - oldest < 0) {
        oldest = s.publishNanos();
        staleAfter = windows.of(store, venue.id());
        any = true;
      }
    }

    EncodedBody.Version version() {
      return new EncodedBody.Version(
          seq, epochs, worst, any ? OptionalLong.of(oldest) : OptionalLong.empty(), staleAfter);
    }
  }

  /** Trust order for the label of a list: live, warm, db, stale. */
  private static int rank(Provenance p) {
    return switch (p) {
      case LIVE -> 0;
      case WARM -> 1;
      case DB -> 2;
      case STALE -> 3;
    };
  }
}
