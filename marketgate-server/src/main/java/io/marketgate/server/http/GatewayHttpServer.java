package io.marketgate.server.http;

import io.marketgate.model.MarketKey;
import io.marketgate.server.ingest.MarketData;
import io.marketgate.server.ingest.Source;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * The gateway's HTTP API on Undertow: the routes of DESIGN §7 with pre-encoded, versioned bodies,
 * freshness headers, API keys, limits, metrics and a server-sent event stream.
 *
 * <p>Built once by {@link #builder(MarketData, ApiKeys)}, started once by {@link #start(String,
 * int)} and closed by its owner (the gateway). Thread-safe.
 */
public final class GatewayHttpServer implements AutoCloseable {

  /*
   * Threads. The root handler runs on Undertow's IO threads: limits, routing, auth, parameter
   * parsing and cache hits never leave them. Encodings of lists and every call into a Source or the
   * metrics scrape are dispatched to virtual threads; requests waiting for an encoding in flight
   * wait on its future without a thread.
   *
   * Limits. Undertow's own MAX_HEADER_SIZE and MAX_HEADERS are set to four and two times ours and
   * answer a bare 400 with the connection closed when exceeded; between our limit and theirs the
   * root handler answers 431 with a JSON document. A declared Content-Length above maxEntityBytes
   * is a JSON 413 and closes the connection; MAX_ENTITY_SIZE stops chunked bodies (no route reads a
   * body). DECODE_URL is off so that malformed percent-encoding becomes a JSON 400 (see Call).
   *
   * Errors. Everything thrown while answering becomes {"error", "message"} JSON: ApiError with its
   * status, anything else a logged 500 with a fixed message. Keys and query strings are never
   * logged.
   */

  private static final Logger LOG = LoggerFactory.getLogger(GatewayHttpServer.class);
  private static final AttachmentKey<String> ROUTE = AttachmentKey.create(String.class);
  private static final HttpString X_API_KEY = new HttpString("X-API-Key");
  private static final Set<String> KNOWN_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");

  private final MarketData data;
  private final ApiKeys keys;
  private final HttpLimits limits;
  private final HttpMetrics metrics;
  private final Router router = new Router();
  private final ExecutorService worker;
  private final StreamHub stream;
  private final EncodedBodyCache bodies;
  private Undertow undertow;
  private boolean started;

  private GatewayHttpServer(Builder b) {
    this.data = b.data;
    this.keys = b.keys;
    this.limits = b.limits;
    this.metrics = new HttpMetrics(b.registry);
    this.worker =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("marketgate-http-", 0).factory());
    String instance = instanceId();
    this.bodies = new EncodedBodyCache(limits.encodedBodies());
    new ApiRoutes(data, b.sources, b.scrape, b.demand, bodies, metrics, worker, instance)
        .register(router);
    this.stream = new StreamHub(data, limits, metrics, instance);
    router.add("GET", "/v1/stream", Router.Access.READ, Set.of("topics"), stream::open);
    new DashboardRoutes(metrics).register(router);
  }

  /**
   * A builder for a server of {@code data}, guarded by {@code keys} (use ApiKeys.open() to open).
   */
  public static Builder builder(MarketData data, ApiKeys keys) {
    return new Builder(data, keys);
  }

  /**
   * Starts listening on {@code host}:{@code port} (0 picks a free port) and returns the bound port.
   *
   * @throws IllegalStateException if the server was started before
   */
  public synchronized int start(String host, int port) {
    if (started) {
      throw new IllegalStateException("the HTTP server was already started");
    }
    started = true;
    undertow =
        Undertow.builder()
            .addHttpListener(port, host)
            .setServerOption(UndertowOptions.DECODE_URL, false)
            .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, limits.maxEntityBytes())
            .setServerOption(UndertowOptions.MAX_HEADER_SIZE, limits.maxHeaderBytes() * 4)
            .setServerOption(UndertowOptions.MAX_HEADERS, limits.maxHeaders() * 2)
            .setServerOption(UndertowOptions.IDLE_TIMEOUT, millis(limits.idleTimeout()))
            .setServerOption(
                UndertowOptions.REQUEST_PARSE_TIMEOUT, millis(limits.requestParseTimeout()))
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, millis(limits.noRequestTimeout()))
            .setSocketOption(Options.TCP_NODELAY, true)
            .setSocketOption(Options.REUSE_ADDRESSES, true)
            .setHandler(this::handle)
            .build();
    undertow.start();
    int bound = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    LOG.info("HTTP API listening on {}:{} ({})", host, bound, keys);
    return bound;
  }

  /** Every route this server answers; for the API description's contract test. */
  List<Router.Route> routes() {
    return router.routes();
  }

  /** Closes the event streams, stops listening and releases the worker threads. */
  @Override
  public synchronized void close() {
    stream.close();
    if (undertow != null) {
      undertow.stop();
    }
    worker.shutdownNow();
  }

  private static int millis(java.time.Duration d) {
    return (int) d.toMillis();
  }

  private void handle(HttpServerExchange ex) {
    long start = System.nanoTime();
    ex.addExchangeCompleteListener(
        (done, next) -> {
          try {
            String method = done.getRequestMethod().toString();
            metrics.request(
                Optional.ofNullable(done.getAttachment(ROUTE)).orElse("unmatched"),
                KNOWN_METHODS.contains(method) ? method : "OTHER",
                done.getStatusCode(),
                System.nanoTime() - start);
          } finally {
            next.proceed();
          }
        });
    try {
      checkLimits(ex);
      List<String> segments = Call.decodePath(ex.getRequestPath());
      switch (router.match(ex.getRequestMethod().toString(), segments)) {
        case Router.NoRoute none ->
            throw ApiError.notFound(
                "no route " + Call.shorten(ex.getRequestPath()) + "; see docs/openapi.yaml");
        case Router.WrongMethod wrong -> {
          ex.getResponseHeaders().put(Headers.ALLOW, String.join(", ", wrong.allowed()));
          throw new ApiError(
              405,
              "method_not_allowed",
              Call.shorten(ex.getRequestMethod().toString())
                  + " is not allowed here; allowed: "
                  + String.join(", ", wrong.allowed()));
        }
        case Router.Found found -> {
          ex.putAttachment(ROUTE, found.route().pattern());
          authorize(ex, found.route().access());
          Map<String, String> query = Call.parseQuery(ex.getQueryString(), found.route().params());
          found.route().handler().handle(new Call(ex, found.route(), found.params(), query));
        }
      }
    } catch (Exception e) {
      fail(ex, e);
    }
  }

  private void checkLimits(HttpServerExchange ex) {
    String length = ex.getRequestHeaders().getFirst(Headers.CONTENT_LENGTH);
    if (length != null) {
      long n;
      try {
        n = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        n = Long.MAX_VALUE;
      }
      if (n > limits.maxEntityBytes()) {
        ex.setPersistent(false);
        throw new ApiError(
            413,
            "payload_too_large",
            "request bodies are limited to " + limits.maxEntityBytes() + " bytes");
      }
    }
    int count = 0;
    long bytes = 0;
    for (HeaderValues values : ex.getRequestHeaders()) {
      for (String v : values) {
        count++;
        bytes += values.getHeaderName().length() + v.length() + 4;
      }
    }
    if (count > limits.maxHeaders() || bytes > limits.maxHeaderBytes()) {
      ex.setPersistent(false);
      throw new ApiError(
          431,
          "headers_too_large",
          "request headers are limited to "
              + limits.maxHeaders()
              + " fields and "
              + limits.maxHeaderBytes()
              + " bytes; got "
              + count
              + " fields, "
              + bytes
              + " bytes");
    }
  }

  private void authorize(HttpServerExchange ex, Router.Access access) {
    if (access == Router.Access.PUBLIC) {
      return;
    }
    ApiKeys.Scope needed = access == Router.Access.ADMIN ? ApiKeys.Scope.ADMIN : ApiKeys.Scope.READ;
    Optional<String> presented = presentedKey(ex);
    ApiKeys.Scope have;
    if (keys.isOpen()) {
      have = ApiKeys.Scope.ADMIN;
    } else if (presented.isPresent()) {
      have =
          keys.scopeOf(presented.get())
              .orElseThrow(() -> unauthorized(ex, "invalid_key", "the API key is not valid"));
    } else {
      Optional<ApiKeys.Scope> anonymous = keys.anonymousScope();
      if (anonymous.isEmpty() || !anonymous.get().covers(needed)) {
        throw unauthorized(
            ex,
            "missing_key",
            "this route needs an API key with the "
                + needed.name().toLowerCase(java.util.Locale.ROOT)
                + " scope: send Authorization: Bearer <key> or X-API-Key: <key>");
      }
      have = anonymous.get();
    }
    if (!have.covers(needed)) {
      throw new ApiError(
          403,
          "forbidden",
          "this route needs the "
              + needed.name().toLowerCase(java.util.Locale.ROOT)
              + " scope; the key has "
              + have.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private static Optional<String> presentedKey(HttpServerExchange ex) {
    String auth = ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (auth != null) {
      if (auth.regionMatches(true, 0, "Bearer ", 0, 7) && !auth.substring(7).isBlank()) {
        return Optional.of(auth.substring(7).trim());
      }
      throw unauthorized(ex, "invalid_key", "Authorization must be \"Bearer <key>\"");
    }
    return Optional.ofNullable(ex.getRequestHeaders().getFirst(X_API_KEY)).map(String::trim);
  }

  private static ApiError unauthorized(HttpServerExchange ex, String code, String message) {
    ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"marketgate\"");
    return new ApiError(401, code, message);
  }

  /** Answers {@code e} as a JSON error: its own status for an ApiError, else a logged 500. */
  static void fail(HttpServerExchange ex, Throwable e) {
    ApiError error;
    if (e instanceof ApiError a) {
      error = a;
    } else {
      LOG.error("{} {} failed", ex.getRequestMethod(), Call.shorten(ex.getRequestPath()), e);
      error = new ApiError(500, "internal", "internal error; the server log has the details");
    }
    try {
      Responses.error(ex, error);
    } catch (RuntimeException again) {
      LOG.debug("could not send an error answer", again);
      ex.endExchange();
    }
  }

  private static String instanceId() {
    byte[] b = new byte[4];
    new SecureRandom().nextBytes(b);
    return java.util.HexFormat.of().formatHex(b);
  }

  /** Configures a {@link GatewayHttpServer}. Not thread-safe; use from one thread. */
  public static final class Builder {
    private final MarketData data;
    private final ApiKeys keys;
    private Supplier<List<Source>> sources = List::of;
    private MeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    private Supplier<String> scrape = () -> "";
    private Consumer<MarketKey> demand = key -> {};
    private HttpLimits limits = HttpLimits.defaults();

    private Builder(MarketData data, ApiKeys keys) {
      this.data = Objects.requireNonNull(data, "data");
      this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The sources reported by {@code /v1/sources} and {@code /health} (default: none). */
    public Builder sources(List<Source> sources) {
      List<Source> copy = List.copyOf(sources);
      this.sources = () -> copy;
      return this;
    }

    /** A supplier of the current sources, for sources that come and go. */
    public Builder sources(Supplier<List<Source>> sources) {
      this.sources = Objects.requireNonNull(sources, "sources");
      return this;
    }

    /** Where the server's meters go (default: a private simple registry). */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** The Prometheus text that {@code GET /metrics} answers (default: empty). */
    public Builder metricsScrape(Supplier<String> scrape) {
      this.scrape = Objects.requireNonNull(scrape, "scrape");
      return this;
    }

    /**
     * Called on an IO thread with the key of every book request (demand-aware subscriptions); must
     * be fast and must not block.
     */
    public Builder demand(Consumer<MarketKey> demand) {
      this.demand = Objects.requireNonNull(demand, "demand");
      return this;
    }

    /** The limits (default {@link HttpLimits#defaults()}). */
    public Builder limits(HttpLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** Builds the server (not started). */
    public GatewayHttpServer build() {
      return new GatewayHttpServer(this);
    }
  }
}
