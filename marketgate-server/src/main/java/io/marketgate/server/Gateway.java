package io.marketgate.server;

import io.marketgate.cache.Clock;
import io.marketgate.server.config.AuthConfig;
import io.marketgate.server.config.BinanceConfig;
import io.marketgate.server.config.GatewayConfig;
import io.marketgate.server.config.KalshiConfig;
import io.marketgate.server.config.OddsApiConfig;
import io.marketgate.server.config.PolymarketConfig;
import io.marketgate.server.config.ServerConfig;
import io.marketgate.server.config.UnabatedConfig;
import io.marketgate.server.events.EventFallback;
import io.marketgate.server.http.ApiKeys;
import io.marketgate.server.http.GatewayHttpServer;
import io.marketgate.server.http.HttpLimits;
import io.marketgate.server.ingest.BinanceBooksSource;
import io.marketgate.server.ingest.KalshiBooksSource;
import io.marketgate.server.ingest.KalshiMarketsSource;
import io.marketgate.server.ingest.MarketData;
import io.marketgate.server.ingest.OddsApiSource;
import io.marketgate.server.ingest.PollPolicy;
import io.marketgate.server.ingest.PolymarketBooksSource;
import io.marketgate.server.ingest.Source;
import io.marketgate.server.ingest.UnabatedSource;
import io.marketgate.server.journal.GatewayJournal;
import io.marketgate.server.metrics.Metrics;
import io.marketgate.server.slate.SlateView;
import io.marketgate.server.slate.SlateWiring;
import io.marketgate.upstream.Budget;
import io.marketgate.upstream.RequestSigner;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.kalshi.KalshiSigner;
import io.marketgate.upstream.odds.OddsApiFeed;
import io.marketgate.upstream.odds.UnabatedFeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One running gateway: the stores, one budget and client per upstream credential, the sources that
 * own every upstream call, the HTTP server and the metrics, built from a {@link GatewayConfig}.
 *
 * <p>{@link #start} migrates the SQL journal and warms the odds store up from it (when {@code
 * storage.enabled}), then returns once the server listens and every source has started (sources
 * fill the stores in the background; {@code /health} says when they are ready). {@link #close}
 * stops everything in reverse order. Thread-safe.
 */
public final class Gateway implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Gateway.class.getName());

  private final GatewayConfig config;
  private final MarketData data;
  private final List<Budget> budgets;
  private final List<Source> sources;
  private final Optional<SlateView> slate;
  private final Metrics metrics;
  private final GatewayHttpServer server;
  private final int port;
  private final Optional<GatewayJournal> journal;

  private Gateway(
      GatewayConfig config,
      MarketData data,
      List<Budget> budgets,
      List<Source> sources,
      Optional<SlateView> slate,
      Metrics metrics,
      GatewayHttpServer server,
      int port,
      Optional<GatewayJournal> journal) {
    this.config = config;
    this.data = data;
    this.budgets = budgets;
    this.sources = sources;
    this.slate = slate;
    this.metrics = metrics;
    this.server = server;
    this.port = port;
    this.journal = journal;
  }

  /**
   * Builds and starts a gateway from {@code config} on the system clock.
   *
   * @throws UncheckedIOException if the data directory cannot be created
   */
  public static Gateway start(GatewayConfig config) {
    return start(config, Clock.system());
  }

  /** Builds and starts a gateway from {@code config} on {@code clock}. */
  public static Gateway start(GatewayConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    config.warnings().forEach(w -> LOG.log(Level.WARNING, "config: " + w));
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + config.dataDir(), e);
    }
    MarketData data =
        MarketData.create(
            clock,
            config.cache().historySize(),
            config.cache().midPoints(),
            config.cache().eventHistorySize());
    List<Budget> budgets = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    Consumer<io.marketgate.model.MarketKey> demand = key -> {};
    // Migrates and warms the odds store up before the server listens (and so reports ready).
    Optional<GatewayJournal> journal =
        config.storage().enabled()
            ? Optional.of(GatewayJournal.start(config.storage(), data, clock))
            : Optional.empty();
    List<UpstreamClient> kalshiClient = new ArrayList<>();
    Optional<SlateView> slate = Optional.empty();
    try {
      journal.ifPresent(j -> sources.add(j.source()));
      if (config.upstreams().kalshi().isPresent()) {
        KalshiBooksSource books =
            kalshi(config.upstreams().kalshi().get(), data, clock, budgets, sources, kalshiClient);
        demand = books::demand;
      }
      Duration evict = config.cache().evictEventsAfterStart();
      config.upstreams().oddsApi().ifPresent(o -> oddsApi(o, data, evict, budgets, sources));
      config
          .upstreams()
          .unabated()
          .ifPresent(u -> unabated(u, data, clock, evict, budgets, sources));
      config.upstreams().polymarket().ifPresent(p -> polymarket(p, data, budgets, sources));
      config.upstreams().binance().ifPresent(b -> binance(b, data, budgets, sources));

      Metrics metrics =
          Metrics.create()
              .bindBudgets(() -> budgets)
              .bindSources(() -> sources)
              .bindStores(
                  () ->
                      List.of(data.markets(), data.books(), data.oddsEvents(), data.orderBooks()));
      slate =
          SlateWiring.of(
              config, data, sources, kalshiClient.stream().findFirst(), demand, metrics.registry());
      GatewayHttpServer.Builder http =
          GatewayHttpServer.builder(data, apiKeys(config.auth()))
              .sources(List.copyOf(sources))
              .meterRegistry(metrics.registry())
              .metricsScrape(metrics::scrape)
              .demand(demand)
              .limits(limits(config.server()))
              .devig(config.views().eventsDevig())
              .eventFallback(journal.map(GatewayJournal::fallback).orElse(EventFallback.none()));
      slate.ifPresent(http::slate);
      GatewayHttpServer server = http.build();
      int port = server.start(config.server().host(), config.server().port());
      sources.forEach(Source::start);
      slate.ifPresent(SlateView::start);
      LOG.log(
          Level.INFO,
          "gateway listening on "
              + config.server().host()
              + ":"
              + port
              + " with "
              + sources.size()
              + " sources");
      return new Gateway(
          config,
          data,
          List.copyOf(budgets),
          List.copyOf(sources),
          slate,
          metrics,
          server,
          port,
          journal);
    } catch (RuntimeException e) {
      slate.ifPresent(Gateway::closeQuietly);
      sources.forEach(Gateway::closeQuietly);
      journal.ifPresent(Gateway::closeQuietly);
      throw e;
    }
  }

  private static KalshiBooksSource kalshi(
      KalshiConfig k,
      MarketData data,
      Clock clock,
      List<Budget> budgets,
      List<Source> sources,
      List<UpstreamClient> clients) {
    TokenBucketBudget budget = TokenBucketBudget.create(k.budget());
    budgets.add(budget);
    RequestSigner signer =
        k.credentials()
            .<RequestSigner>map(
                c -> KalshiSigner.fromPem(c.keyId(), c.privateKeyPem().reveal(), clock))
            .orElse(RequestSigner.none());
    UpstreamClient client =
        UpstreamClient.builder("kalshi", k.restUrl()).budget(budget).signer(signer).build();
    clients.add(client);
    sources.add(
        KalshiMarketsSource.builder(data, client)
            .series(k.series())
            .policy(PollPolicy.every(k.marketsInterval()))
            .build());
    KalshiBooksSource books =
        KalshiBooksSource.builder(data, client, k.wsUrl())
            .alwaysOnSeries(k.books().alwaysOnSeries())
            .alwaysOnTickers(k.books().alwaysOnTickers())
            .demandWindow(k.books().demandWindow())
            .webSocket(k.books().websocket())
            .fallbackPolicy(PollPolicy.every(k.books().restFallbackInterval()))
            .build();
    sources.add(books);
    return books;
  }

  private static void oddsApi(
      OddsApiConfig o,
      MarketData data,
      Duration evictAfterStart,
      List<Budget> budgets,
      List<Source> sources) {
    TokenBucketBudget budget = TokenBucketBudget.create(o.budget());
    budgets.add(budget);
    UpstreamClient client = UpstreamClient.builder("odds_api", o.baseUrl()).budget(budget).build();
    OddsApiFeed.Builder feed =
        OddsApiFeed.builder(client, o.apiKey().reveal()).regions(o.regions()).markets(o.markets());
    if (!o.bookmakers().isEmpty()) {
      feed.bookmakers(o.bookmakers());
    }
    OddsApiFeed shared = feed.build();
    boolean several = o.sports().size() > 1;
    for (String sport : o.sports()) {
      sources.add(
          OddsApiSource.builder(data, client, shared)
              .sport(sport)
              .namedBySport(several)
              .policy(PollPolicy.every(o.interval()))
              .evictAfterStart(evictAfterStart)
              .build());
    }
  }

  private static void unabated(
      UnabatedConfig u,
      MarketData data,
      Clock clock,
      Duration evictAfterStart,
      List<Budget> budgets,
      List<Source> sources) {
    TokenBucketBudget budget = TokenBucketBudget.create(u.budget());
    budgets.add(budget);
    UpstreamClient client = UpstreamClient.builder("unabated", u.baseUrl()).budget(budget).build();
    UnabatedFeed feed =
        UnabatedFeed.builder(client, u.apiKey().reveal())
            .sideConvention(u.sideConvention())
            .build();
    sources.add(
        UnabatedSource.builder(data, client, feed)
            .policy(PollPolicy.every(u.interval()))
            .evictAfterStart(evictAfterStart)
            .build());
  }

  private static void polymarket(
      PolymarketConfig p, MarketData data, List<Budget> budgets, List<Source> sources) {
    TokenBucketBudget budget = TokenBucketBudget.create(p.budget());
    budgets.add(budget);
    UpstreamClient client =
        UpstreamClient.builder("polymarket", p.baseUrl()).budget(budget).build();
    sources.add(
        PolymarketBooksSource.builder(data, client, p.wsUrl())
            .assets(p.assets())
            .staleAfter(p.staleAfter())
            .silenceWindow(p.silenceWindow())
            .resyncInterval(p.resyncInterval())
            .build());
  }

  private static void binance(
      BinanceConfig b, MarketData data, List<Budget> budgets, List<Source> sources) {
    TokenBucketBudget budget = TokenBucketBudget.create(b.budget());
    budgets.add(budget);
    UpstreamClient client = UpstreamClient.builder("binance", b.restUrl()).budget(budget).build();
    sources.add(
        BinanceBooksSource.builder(data, client, b.streamUrl())
            .symbols(b.symbols())
            .depthLimit(b.depthLimit())
            .staleAfter(b.staleAfter())
            .build());
  }

  private static ApiKeys apiKeys(AuthConfig auth) {
    if (auth.mode() == AuthConfig.Mode.OPEN) {
      return ApiKeys.open();
    }
    Map<String, ApiKeys.Scope> keys = new LinkedHashMap<>();
    for (AuthConfig.ApiKey key : auth.keys()) {
      keys.put(
          key.key().reveal(),
          key.allows(AuthConfig.Scope.ADMIN) ? ApiKeys.Scope.ADMIN : ApiKeys.Scope.READ);
    }
    return ApiKeys.of(keys);
  }

  private static HttpLimits limits(ServerConfig s) {
    HttpLimits d = HttpLimits.defaults();
    return new HttpLimits(
        s.maxRequestBytes(),
        s.maxHeaderBytes(),
        d.maxHeaders(),
        s.idleTimeout(),
        s.requestTimeout(),
        d.noRequestTimeout(),
        d.streamHeartbeat(),
        d.maxStreamClients(),
        d.maxTopics(),
        d.encodedBodies(),
        d.streamRingSize());
  }

  /** The port the server listens on. */
  public int port() {
    return port;
  }

  /** The server's root URL, for example {@code http://127.0.0.1:8080}. */
  public URI baseUri() {
    String host = config.server().host();
    if (host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    }
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
  }

  /** The stores the gateway serves. */
  public MarketData data() {
    return data;
  }

  /** The sources, in start order. */
  public List<Source> sources() {
    return sources;
  }

  /** The NBA slate view, when it is served. */
  public Optional<SlateView> slate() {
    return slate;
  }

  /** The budgets, one per upstream credential. */
  public List<Budget> budgets() {
    return budgets;
  }

  /** Reads events that are not in memory from the journal; finds nothing without a journal. */
  public EventFallback eventFallback() {
    return journal.map(GatewayJournal::fallback).orElse(EventFallback.none());
  }

  /** The SQL journal, when {@code storage.enabled}. */
  public Optional<GatewayJournal> journal() {
    return journal;
  }

  /** The configuration the gateway was built from. */
  public GatewayConfig config() {
    return config;
  }

  /**
   * Stops the HTTP server, the slate view, every source, then the journal (flushing it), then the
   * metrics.
   */
  @Override
  public void close() {
    closeQuietly(server);
    slate.ifPresent(Gateway::closeQuietly);
    for (int i = sources.size() - 1; i >= 0; i--) {
      closeQuietly(sources.get(i));
    }
    journal.ifPresent(Gateway::closeQuietly);
    closeQuietly(metrics);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.log(Level.WARNING, "error while closing " + c, e);
    }
  }
}
