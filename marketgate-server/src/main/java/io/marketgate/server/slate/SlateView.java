package io.marketgate.server.slate;

import io.marketgate.cache.CachedResource;
import io.marketgate.cache.Clock;
import io.marketgate.cache.FileTier;
import io.marketgate.cache.Freshness;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.ResourcePolicy;
import io.marketgate.cache.RunContext;
import io.marketgate.cache.Served;
import io.marketgate.cache.Snapshot;
import io.marketgate.cache.ValueCodec;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.EventKey;
import io.marketgate.model.Market;
import io.marketgate.model.MarketKey;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.Venue;
import io.marketgate.server.ingest.MarketData;
import io.marketgate.server.ingest.SourceStatus;
import io.marketgate.server.slate.SlateFrame.BookRead;
import io.marketgate.upstream.kalshi.KalshiEvent;
import io.marketgate.upstream.kalshi.KalshiMarket;
import io.marketgate.upstream.kalshi.KalshiRest;
import io.marketgate.upstream.kalshi.NbaTicker;
import io.marketgate.upstream.odds.OddsApiFeed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The NBA slate board as a view over the cache: builds {@link Slate}s from one {@link RunContext}
 * per build and publishes them into {@link #slates()} keyed {@code nba:YYYY-MM-DD}, a new snapshot
 * only when the context's version or the build's upstream cost changed. Inputs a source already
 * keeps (odds events, market listings, books) are read from {@link MarketData}; the rest is loaded
 * through the view's own {@link CachedResource}s on the sources' upstream clients.
 *
 * <p>Thread-safe. Builds run one at a time. {@link #start()} begins rebuilding the watched dates
 * when inputs change (debounced); {@link #close()} stops that. The gateway owns it.
 */
public final class SlateView implements AutoCloseable {

  /*
   * A build. (1) Discovery: the odds, the games list and the manifest are read (own resources load
   * when cold, single-flight, so this is where the first build's calls happen), and the tickers
   * whose books the builders will read are computed from them. (2) One RunContext plan declares
   * every input: the odds (each event snapshot of the store, or the odds resource), the games list,
   * the manifest and each book (each book snapshot, demanded from the books source; or the batch
   * resource per chunk of 100 tickers); it is fetched under maxConcurrency. Resources loaded in
   * step 1 answer from memory. (3) The frame is taken from the context and SlateBuilder runs on it;
   * a builder cannot fetch. (4) The slate is published when the context's version is new, or when
   * the build's upstream cost differs from the published slate's (so a warm rebuild after a cold
   * one reports its zero once); otherwise the published snapshot, and its encoded body, is reused.
   *
   * Calls. Every loader that calls an upstream counts into calls[resource]; a build records the
   * difference across it. Builds are serialized, so the difference is the build's own cost
   * (background refresh-ahead loads that happen to finish during a build are counted with it).
   */

  /** The league this view serves. */
  public static final String LEAGUE = "nba";

  /**
   * How far from today (US/Eastern) a slate date may be, in days: bounds the dates watched, built,
   * stored and persisted.
   */
  public static final int MAX_DAYS_AWAY = 7;

  /** The resources a build's calls are counted by. */
  public static final List<String> RESOURCES = List.of("books", "games", "manifest", "odds");

  private static final System.Logger LOG = System.getLogger(SlateView.class.getName());
  private static final Set<String> TRADING = Set.of("active", "open");
  private static final int BOOK_BATCH = KalshiRest.MAX_BATCH_TICKERS;

  private final MarketData data;
  private final Clock clock;
  private final SlateSettings settings;
  private final int maxConcurrency;
  private final Duration fetchTimeout;
  private final Duration debounce;
  private final Duration recheck;
  private final Duration watchFor;
  private final Optional<CachedResource<String, List<OddsEvent>>> oddsResource;
  private final String sport;
  private final Supplier<List<SourceStatus>> oddsSources;
  private final CachedResource<LocalDate, GameList> games;
  private final CachedResource<LocalDate, SlateManifest> manifest;
  private final Optional<CachedResource<List<String>, Map<String, BinaryBook>>> bookBatches;
  private final Consumer<MarketKey> demand;
  private final KeyedSnapshotStore<String, Slate> slates;
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<String, Long> publishedVersions = new ConcurrentHashMap<>();
  private final Map<LocalDate, Long> watched = new ConcurrentHashMap<>();
  private final boolean manifestFromStore;
  private final Map<LocalDate, Long> gamesAtOddsVersion = new ConcurrentHashMap<>();
  private final Map<LocalDate, Long> manifestAtMarketsVersion = new ConcurrentHashMap<>();
  private final Optional<MeterRegistry> registry;
  private final Object buildLock = new Object();
  private final AtomicBoolean dirty = new AtomicBoolean(true);
  private final java.util.function.BiConsumer<EventKey, Snapshot<OddsEvent>> onOdds =
      (k, s) -> dirty.set(true);
  private final java.util.function.BiConsumer<MarketKey, Snapshot<BinaryBook>> onBook =
      (k, s) -> dirty.set(true);
  private final java.util.function.BiConsumer<MarketKey, Snapshot<Market>> onMarket =
      (k, s) -> dirty.set(true);
  private volatile ScheduledExecutorService scheduler;
  private volatile long lastBuildNanos;

  private SlateView(Builder b) {
    this.data = b.data;
    this.clock = b.data.clock();
    this.settings = b.settings;
    this.maxConcurrency = b.maxConcurrency;
    this.fetchTimeout = b.fetchTimeout;
    this.debounce = b.debounce;
    this.recheck = b.recheck;
    this.watchFor = b.watchFor;
    this.sport = b.sport;
    this.oddsSources = b.oddsSources;
    this.registry = b.registry;
    this.demand = b.demand;
    RESOURCES.forEach(r -> calls.put(r, new LongAdder()));
    this.oddsResource =
        b.oddsFeed.map(
            feed ->
                CachedResource.<String, List<OddsEvent>>builder(
                        "slate.odds",
                        s -> {
                          calls.get("odds").increment();
                          return feed.fetch(s).events();
                        })
                    .policy(b.oddsPolicy)
                    .clock(clock)
                    .build());
    CachedResource.Builder<LocalDate, GameList> gamesBuilder =
        CachedResource.<LocalDate, GameList>builder(
                "slate.games", date -> GameList.fromOdds(date, nonEmpty(currentOdds())))
            .policy(b.gamesPolicy.withPersist(b.fileTier.isPresent()))
            .clock(clock);
    b.fileTier.ifPresent(
        t ->
            gamesBuilder.fileTier(
                t, ValueCodec.ofStrings(LocalDate::toString, LocalDate::parse), GameList.codec()));
    this.games = gamesBuilder.build();
    CachedResource.Builder<LocalDate, SlateManifest> manifestBuilder =
        CachedResource.<LocalDate, SlateManifest>builder(
                "slate.manifest",
                b.kalshiRest
                    .<io.marketgate.cache.ResourceLoader<LocalDate, SlateManifest>>map(
                        rest -> date -> manifestFromKalshi(rest, date))
                    .orElse(this::manifestFromStore))
            .policy(b.manifestPolicy.withPersist(b.fileTier.isPresent()))
            .clock(clock);
    b.fileTier.ifPresent(
        t ->
            manifestBuilder.fileTier(
                t,
                ValueCodec.ofStrings(LocalDate::toString, LocalDate::parse),
                SlateManifest.codec()));
    this.manifest = manifestBuilder.build();
    this.manifestFromStore = b.kalshiRest.isEmpty();
    this.bookBatches =
        b.kalshiBooks.map(
            rest ->
                CachedResource.<List<String>, Map<String, BinaryBook>>builder(
                        "slate.books",
                        tickers -> {
                          calls.get("books").increment();
                          return rest.orderbooks(tickers);
                        })
                    .policy(b.booksPolicy)
                    .clock(clock)
                    .build());
    this.slates =
        KeyedSnapshotStore.<String, Slate>builder("slates")
            .source("slate")
            .clock(clock)
            .historySize(4)
            .build();
  }

  /** A builder of a view over {@code data}, reading odds, markets and books from its stores. */
  public static Builder builder(MarketData data) {
    return new Builder(data);
  }

  /** The built slates, keyed {@code nba:YYYY-MM-DD}. */
  public KeyedSnapshotStore<String, Slate> slates() {
    return slates;
  }

  /** The settings the builders price with. */
  public SlateSettings settings() {
    return settings;
  }

  /** Upstream calls caused by the view's own resources since it was built, by resource. */
  public Map<String, Long> callsSoFar() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /**
   * The published slate of {@code date} when the view is rebuilding in the background and has one;
   * watches {@code date} from now on.
   */
  public Optional<Snapshot<Slate>> published(LocalDate date) {
    watched.put(date, clock.nanoTime());
    return scheduler == null ? Optional.empty() : slates.latest(Slate.key(LEAGUE, date));
  }

  /**
   * The slate of {@code date}: the published one when the view is rebuilding in the background and
   * has one, else a build now. Watches {@code date} from now on.
   *
   * @throws SlateUnavailableException when there are no odds data at all
   */
  public Snapshot<Slate> current(LocalDate date) throws InterruptedException {
    watched.put(date, clock.nanoTime());
    if (scheduler != null) {
      Optional<Snapshot<Slate>> s = slates.latest(Slate.key(LEAGUE, date));
      if (s.isPresent()) {
        return s.get();
      }
    }
    return build(date, false);
  }

  /**
   * Builds the slate of {@code date} now and publishes it if its inputs changed; with {@code
   * refresh} the view's own resources are reloaded first, past their TTLs.
   *
   * @throws SlateUnavailableException when there are no odds data at all
   */
  public Snapshot<Slate> build(LocalDate date, boolean refresh) throws InterruptedException {
    Objects.requireNonNull(date, "date");
    synchronized (buildLock) {
      long start = System.nanoTime();
      Map<String, Long> before = callsSoFar();
      try {
        Snapshot<Slate> s = buildLocked(date, refresh, before);
        record("ok", start);
        return s;
      } catch (SlateUnavailableException e) {
        countCalls(before);
        record("unavailable", start);
        throw e;
      } catch (RuntimeException e) {
        countCalls(before);
        record("error", start);
        throw e;
      } finally {
        lastBuildNanos = clock.nanoTime();
      }
    }
  }

  private Snapshot<Slate> buildLocked(LocalDate date, boolean refresh, Map<String, Long> before)
      throws InterruptedException {
    // (1) Discovery.
    if (refresh) {
      awaitQuietly(
          CompletableFuture.allOf(
              manifest.refresh(date),
              oddsResource
                  .<CompletableFuture<?>>map(r -> r.refresh(sport))
                  .orElseGet(() -> CompletableFuture.completedFuture(null))));
    }
    // Inputs derived from the stores cost no upstream call: rebuilt whenever their store changed,
    // so a list taken while a source was still filling the store never lasts a whole TTL.
    if (!refresh && manifestFromStore) {
      refreshOnChange(manifest, date, manifestAtMarketsVersion, data.markets().version());
    }
    CompletableFuture<Served<SlateManifest>> m = manifest.getAsync(date);
    CompletableFuture<List<OddsEvent>> o =
        oddsResource
            .map(
                r ->
                    r.getAsync(sport)
                        .thenApply(
                            served -> {
                              awaitInstalled(r, sport, served);
                              return served.value();
                            }))
            .orElseGet(() -> CompletableFuture.completedFuture(storeOdds()));
    awaitQuietly(CompletableFuture.allOf(m, o));
    if (refresh) {
      awaitQuietly(games.refresh(date));
    } else if (oddsResource.isEmpty()) {
      refreshOnChange(games, date, gamesAtOddsVersion, data.oddsEvents().version());
    }
    CompletableFuture<Served<GameList>> g = games.getAsync(date);
    awaitQuietly(g);
    m.thenAccept(served -> awaitInstalled(manifest, date, served));
    g.thenAccept(served -> awaitInstalled(games, date, served));
    List<OddsEvent> discoveredOdds =
        o.isCompletedExceptionally() || !o.isDone() ? List.of() : o.join();
    SlateFrame.Input<SlateManifest> discoveredManifest =
        m.isDone() && !m.isCompletedExceptionally()
            ? new SlateFrame.Input.Found<>(m.join().value())
            : new SlateFrame.Input.Missing<>("not loaded");
    Optional<GameList> discoveredGames =
        g.isDone() && !g.isCompletedExceptionally()
            ? Optional.of(g.join().value())
            : Optional.empty();
    List<String> tickers =
        List.copyOf(
            SlateBuilder.neededTickers(
                date, discoveredOdds, discoveredGames, discoveredManifest, settings));

    // (2) One run context.
    RunContext.Plan plan = RunContext.plan(clock);
    List<RunContext.Need<OddsEvent>> oddsEventNeeds = new ArrayList<>();
    Optional<RunContext.Need<List<OddsEvent>>> oddsNeed =
        oddsResource.map(r -> plan.resource(r, sport));
    if (oddsResource.isEmpty()) {
      for (EventKey k : data.oddsEvents().keys()) {
        oddsEventNeeds.add(plan.snapshot(data.oddsEvents(), k));
      }
    }
    RunContext.Need<GameList> gamesNeed = plan.resource(games, date);
    RunContext.Need<SlateManifest> manifestNeed = plan.resource(manifest, date);
    Map<String, RunContext.Need<BinaryBook>> bookNeeds = new LinkedHashMap<>();
    Map<String, RunContext.Need<Map<String, BinaryBook>>> batchNeeds = new LinkedHashMap<>();
    if (bookBatches.isPresent()) {
      List<String> sorted = tickers.stream().sorted().toList();
      for (int i = 0; i < sorted.size(); i += BOOK_BATCH) {
        List<String> chunk =
            List.copyOf(sorted.subList(i, Math.min(sorted.size(), i + BOOK_BATCH)));
        if (refresh) {
          awaitQuietly(bookBatches.get().refresh(chunk));
        }
        RunContext.Need<Map<String, BinaryBook>> need = plan.resource(bookBatches.get(), chunk);
        chunk.forEach(t -> batchNeeds.put(t, need));
      }
    } else {
      for (String t : tickers) {
        MarketKey key = new MarketKey(Venue.KALSHI, t);
        demand.accept(key);
        bookNeeds.put(t, plan.snapshot(data.books(), key));
      }
    }
    RunContext context = plan.fetch(maxConcurrency, fetchTimeout);

    // (3) The frame, then the pure builders.
    List<OddsEvent> odds = new ArrayList<>();
    Slate.InputFreshness oddsFreshness;
    if (oddsNeed.isPresent()) {
      RunContext.Fetched<List<OddsEvent>> f = context.get(oddsNeed.get());
      if (f instanceof RunContext.Fetched.Found<List<OddsEvent>> found) {
        odds.addAll(found.value());
        oddsFreshness = input(found.freshness());
      } else {
        throw new SlateUnavailableException(
            "no odds data: the odds snapshot could not be loaded: "
                + ((RunContext.Fetched.Missing<List<OddsEvent>>) f).reason());
      }
    } else {
      long oldest = 0;
      Provenance worst = Provenance.LIVE;
      for (RunContext.Need<OddsEvent> need : oddsEventNeeds) {
        if (context.get(need) instanceof RunContext.Fetched.Found<OddsEvent> found) {
          odds.add(found.value());
          oldest = Math.max(oldest, found.freshness().ageMillis());
          if (found.freshness().provenance() == Provenance.STALE) {
            worst = Provenance.STALE;
          } else if (found.freshness().provenance() != Provenance.LIVE
              && worst == Provenance.LIVE) {
            worst = found.freshness().provenance();
          }
        }
      }
      if (odds.isEmpty()) {
        throw new SlateUnavailableException(
            "no odds data: the odds sources have not delivered any event yet");
      }
      oddsFreshness = storeOddsFreshness(oldest, worst);
    }
    SlateFrame.Input<SlateManifest> manifestInput;
    Slate.InputFreshness manifestFreshness;
    if (context.get(manifestNeed) instanceof RunContext.Fetched.Found<SlateManifest> found) {
      manifestInput = new SlateFrame.Input.Found<>(found.value());
      manifestFreshness = input(found.freshness());
    } else {
      manifestInput =
          new SlateFrame.Input.Missing<>(context.missing().getOrDefault(manifestNeed.label(), "?"));
      manifestFreshness = new Slate.InputFreshness(0, "missing");
    }
    Optional<GameList> gameList = context.value(gamesNeed);
    Map<String, BookRead> books = new LinkedHashMap<>();
    bookNeeds.forEach((t, need) -> books.put(t, storeBook(context.get(need), t)));
    batchNeeds.forEach((t, need) -> books.put(t, batchBook(context.get(need), t)));
    Map<String, Long> cost = countCalls(before);
    SlateFrame frame =
        new SlateFrame(
            LEAGUE,
            date,
            clock.wallTime(),
            context.version(),
            odds,
            oddsFreshness,
            gameList,
            manifestInput,
            manifestFreshness,
            books,
            cost);
    Slate slate = SlateBuilder.build(frame, settings);

    // (4) Publish when the inputs changed.
    String key = Slate.key(LEAGUE, date);
    Optional<Snapshot<Slate>> last = slates.latest(key);
    Long lastVersion = publishedVersions.get(key);
    if (last.isPresent()
        && lastVersion != null
        && lastVersion == context.version()
        && last.get().value().calls().equals(slate.calls())) {
      return last.get();
    }
    Snapshot<Slate> published = slates.publish(key, slate);
    publishedVersions.put(key, context.version());
    return published;
  }

  private Slate.InputFreshness storeOddsFreshness(long oldestMs, Provenance worst) {
    List<SourceStatus> sources = oddsSources.get();
    long age = oldestMs;
    boolean anyLive = sources.isEmpty();
    long youngest = Long.MAX_VALUE;
    for (SourceStatus s : sources) {
      if (s.state() == SourceStatus.State.LIVE) {
        anyLive = true;
      }
      if (s.age().isPresent()) {
        youngest = Math.min(youngest, s.age().get().toMillis());
      }
    }
    if (youngest != Long.MAX_VALUE) {
      age = youngest;
    }
    String source = !anyLive || worst == Provenance.STALE ? "stale" : worst.label();
    return new Slate.InputFreshness(age, source);
  }

  private static Slate.InputFreshness input(Freshness f) {
    return new Slate.InputFreshness(f.ageMillis(), f.provenance().label());
  }

  private static BookRead storeBook(RunContext.Fetched<BinaryBook> f, String ticker) {
    if (f instanceof RunContext.Fetched.Found<BinaryBook> found) {
      return new BookRead.Found(
          found.value(),
          found.freshness().ageMillis(),
          found.freshness().provenance() == Provenance.STALE
              ? Optional.of("the book stream lost continuity (gap or reconnect); resync pending")
              : Optional.empty());
    }
    return new BookRead.Missing(
        "no book yet for "
            + ticker
            + ": requested from the Kalshi books source ("
            + ((RunContext.Fetched.Missing<BinaryBook>) f).reason()
            + ")");
  }

  private static BookRead batchBook(RunContext.Fetched<Map<String, BinaryBook>> f, String ticker) {
    if (f instanceof RunContext.Fetched.Found<Map<String, BinaryBook>> found) {
      BinaryBook book = found.value().get(ticker);
      if (book == null) {
        return new BookRead.Missing("Kalshi returned no order book for " + ticker);
      }
      return new BookRead.Found(
          book,
          found.freshness().ageMillis(),
          found.freshness().provenance() == Provenance.STALE
              ? Optional.of("the order-book refresh failed; serving the last good book")
              : Optional.empty());
    }
    return new BookRead.Missing(
        "order book fetch failed: "
            + ((RunContext.Fetched.Missing<Map<String, BinaryBook>>) f).reason());
  }

  // ------------------------------------------------------------------ loaders

  private List<OddsEvent> currentOdds() {
    return oddsResource.map(r -> r.get(sport).value()).orElseGet(this::storeOdds);
  }

  private static List<OddsEvent> nonEmpty(List<OddsEvent> odds) {
    if (odds.isEmpty()) {
      // Not cached as an empty list: the odds sources may simply not have delivered yet.
      throw new IllegalStateException("no odds events yet");
    }
    return odds;
  }

  private List<OddsEvent> storeOdds() {
    List<OddsEvent> out = new ArrayList<>();
    for (EventKey k : data.oddsEvents().keys()) {
      data.oddsEvents().latest(k).ifPresent(s -> out.add(s.value()));
    }
    return out;
  }

  private SlateManifest manifestFromStore(LocalDate date) {
    List<String> tickers = new ArrayList<>();
    for (MarketKey k : data.markets().keysWithPrefix(Venue.KALSHI.id() + ":")) {
      data.markets()
          .latest(k)
          .map(Snapshot::value)
          .filter(SlateView::isNbaTrading)
          .ifPresent(mk -> tickers.add(mk.key().ticker()));
    }
    if (tickers.isEmpty()) {
      // Not cached as an empty manifest: the markets source may simply not have listed yet.
      throw new IllegalStateException(
          "the Kalshi markets source has not listed any trading NBA market yet");
    }
    return SlateManifest.of(date, tickers);
  }

  private static boolean isNbaTrading(Market m) {
    return TRADING.contains(m.status())
        && m.seriesTicker()
            .map(
                s ->
                    s.equals(NbaTicker.Kind.MONEYLINE.series())
                        || s.equals(NbaTicker.Kind.SPREAD.series())
                        || s.equals(NbaTicker.Kind.TOTAL.series()))
            .orElse(false);
  }

  /**
   * Reloads {@code resource}'s value of {@code date} when {@code version}, the version of the store
   * it is derived from, differs from the one seen at its last load; the first build of a date
   * (nothing seen yet) reloads too, so a list persisted by an earlier run is replaced at once.
   */
  private <V> void refreshOnChange(
      CachedResource<LocalDate, V> resource,
      LocalDate date,
      Map<LocalDate, Long> seen,
      long version)
      throws InterruptedException {
    Long before = seen.put(date, version);
    if (before == null || before != version) {
      CompletableFuture<Served<V>> reload = resource.refresh(date);
      awaitQuietly(reload);
      reload.thenAccept(served -> awaitInstalled(resource, date, served));
    }
  }

  /** Lists the three series' open events with their markets, the three calls at once. */
  private SlateManifest manifestFromKalshi(KalshiRest rest, LocalDate date) throws Exception {
    List<CompletableFuture<List<KalshiEvent>>> lists = new ArrayList<>();
    for (NbaTicker.Kind kind : NbaTicker.Kind.values()) {
      lists.add(
          CompletableFuture.supplyAsync(
              () -> {
                calls.get("manifest").increment();
                return rest.events(
                    KalshiRest.EventQuery.all()
                        .seriesTicker(kind.series())
                        .status("open")
                        .withNestedMarkets(true));
              },
              task -> Thread.ofVirtual().name("marketgate-slate-manifest").start(task)));
    }
    List<String> tickers = new ArrayList<>();
    for (CompletableFuture<List<KalshiEvent>> list : lists) {
      try {
        for (KalshiEvent e : list.get()) {
          for (KalshiMarket mk : e.markets()) {
            if (mk.status().isEmpty() || mk.isTrading()) {
              tickers.add(mk.ticker());
            }
          }
        }
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    }
    return SlateManifest.of(date, tickers);
  }

  // ------------------------------------------------------------------ accounting

  private Map<String, Long> countCalls(Map<String, Long> before) {
    Map<String, Long> after = callsSoFar();
    Map<String, Long> cost = new TreeMap<>();
    for (String r : RESOURCES) {
      long n = after.getOrDefault(r, 0L) - before.getOrDefault(r, 0L);
      cost.put(r, n);
      if (n > 0) {
        registry.ifPresent(
            reg ->
                Counter.builder("marketgate.slate.upstream.calls")
                    .description("Upstream calls caused by slate builds, by slate resource")
                    .tag("resource", r)
                    .register(reg)
                    .increment(n));
      }
    }
    return cost;
  }

  private void record(String outcome, long startNanos) {
    registry.ifPresent(
        reg ->
            Timer.builder("marketgate.slate.builds")
                .description("Slate builds by outcome")
                .tag("outcome", outcome)
                .register(reg)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS));
  }

  /**
   * Waits (at most 50 ms) until {@code resource} holds the value {@code served} was answered from:
   * a reload's future completes a moment before the cache maps the new value, and a run context
   * that read the key in that window would reload it once more.
   */
  private static <K, V> void awaitInstalled(
      CachedResource<K, V> resource, K key, Served<V> served) {
    long deadline = System.nanoTime() + 50_000_000L;
    while (System.nanoTime() < deadline) {
      Optional<Served<V>> now = resource.getIfPresent(key);
      if (now.isEmpty() || now.get().freshness().seq() >= served.freshness().seq()) {
        return;
      }
      Thread.onSpinWait();
    }
  }

  private void awaitQuietly(CompletableFuture<?> f) throws InterruptedException {
    try {
      f.get(fetchTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // The failure shows as a missing input.
    }
  }

  // ------------------------------------------------------------------ background rebuilds

  /** Starts rebuilding the watched dates (today and recently requested ones) on input changes. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    data.oddsEvents().addListener(onOdds);
    data.books().addListener(onBook);
    data.markets().addListener(onMarket);
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("marketgate-slate").unstarted(r));
    s.scheduleWithFixedDelay(this::rebuildWatched, 0, debounce.toNanos(), TimeUnit.NANOSECONDS);
    scheduler = s;
  }

  private void rebuildWatched() {
    long now = clock.nanoTime();
    boolean due = now - lastBuildNanos >= recheck.toNanos();
    if (!dirty.getAndSet(false) && !due) {
      return;
    }
    watched.entrySet().removeIf(e -> now - e.getValue() > watchFor.toNanos());
    Set<LocalDate> dates = new java.util.TreeSet<>(watched.keySet());
    dates.add(NbaTicker.easternDate(clock.wallTime()));
    for (LocalDate d : dates) {
      try {
        build(d, false);
      } catch (SlateUnavailableException e) {
        LOG.log(Level.DEBUG, "slate " + d + " not built: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "slate " + d + " build failed", e);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      data.oddsEvents().removeListener(onOdds);
      data.books().removeListener(onBook);
      data.markets().removeListener(onMarket);
      scheduler.shutdownNow();
    }
  }

  /** Configures a {@link SlateView}. Not thread-safe. */
  public static final class Builder {
    private final MarketData data;
    private SlateSettings settings = SlateSettings.defaults();
    private Optional<OddsApiFeed> oddsFeed = Optional.empty();
    private String sport = "basketball_nba";
    private Supplier<List<SourceStatus>> oddsSources = List::of;
    private Optional<KalshiRest> kalshiRest = Optional.empty();
    private Optional<KalshiRest> kalshiBooks = Optional.empty();
    private Consumer<MarketKey> demand = k -> {};
    private Optional<FileTier> fileTier = Optional.empty();
    private Optional<MeterRegistry> registry = Optional.empty();
    private ResourcePolicy oddsPolicy =
        ResourcePolicy.of(Duration.ofSeconds(30))
            .withMaxStale(Duration.ofMinutes(30))
            .withNegativeTtl(Duration.ofSeconds(5));
    private ResourcePolicy gamesPolicy =
        ResourcePolicy.of(Duration.ofMinutes(10))
            .withMaxStale(Duration.ofHours(36))
            .withNegativeTtl(Duration.ofSeconds(5));
    private ResourcePolicy manifestPolicy =
        ResourcePolicy.of(Duration.ofSeconds(60))
            .withMaxStale(Duration.ofHours(6))
            .withNegativeTtl(Duration.ofSeconds(5));
    private ResourcePolicy booksPolicy =
        ResourcePolicy.of(Duration.ofSeconds(5))
            .withMaxStale(Duration.ofMinutes(2))
            .withNegativeTtl(Duration.ofSeconds(2));
    private int maxConcurrency = 8;
    private Duration fetchTimeout = Duration.ofSeconds(20);
    private Duration debounce = Duration.ofMillis(250);
    private Duration recheck = Duration.ofSeconds(5);
    private Duration watchFor = Duration.ofHours(1);

    private Builder(MarketData data) {
      this.data = Objects.requireNonNull(data, "data");
    }

    /** How the builders price (default {@link SlateSettings#defaults()}). */
    public Builder settings(SlateSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Loads the odds snapshot through the view's own resource from {@code feed} (for use where no
     * odds source runs); by default the odds are read from {@link MarketData#oddsEvents()}.
     */
    public Builder oddsFromFeed(OddsApiFeed feed, String sport) {
      this.oddsFeed = Optional.of(Objects.requireNonNull(feed, "feed"));
      this.sport = Objects.requireNonNull(sport, "sport");
      return this;
    }

    /** The statuses of the odds sources that fill the store, for the odds freshness label. */
    public Builder oddsSources(Supplier<List<SourceStatus>> sources) {
      this.oddsSources = Objects.requireNonNull(sources, "sources");
      return this;
    }

    /**
     * Loads the manifest from Kalshi's event lists (one call per series) through {@code rest}; by
     * default it is derived from {@link MarketData#markets()}, which a markets source must fill
     * with the three NBA series.
     */
    public Builder manifestFromKalshi(KalshiRest rest) {
      this.kalshiRest = Optional.of(Objects.requireNonNull(rest, "rest"));
      return this;
    }

    /**
     * Loads books through the view's own batch resource over {@code rest}; by default books are
     * read from {@link MarketData#books()} and demanded through {@link #demand}.
     */
    public Builder booksFromKalshi(KalshiRest rest) {
      this.kalshiBooks = Optional.of(Objects.requireNonNull(rest, "rest"));
      return this;
    }

    /** Called with every book a build reads from the store (the books source's demand). */
    public Builder demand(Consumer<MarketKey> demand) {
      this.demand = Objects.requireNonNull(demand, "demand");
      return this;
    }

    /** Persists the games lists and manifests to {@code tier}. */
    public Builder fileTier(FileTier tier) {
      this.fileTier = Optional.of(Objects.requireNonNull(tier, "tier"));
      return this;
    }

    /** Registers the build timers and call counters in {@code registry}. */
    public Builder meterRegistry(MeterRegistry registry) {
      this.registry = Optional.of(Objects.requireNonNull(registry, "registry"));
      return this;
    }

    /** The odds resource's policy (default ttl 30 s, stale up to 30 min). */
    public Builder oddsPolicy(ResourcePolicy policy) {
      this.oddsPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The games list's policy (default ttl 10 min, stale up to 36 h); persisted with a tier. */
    public Builder gamesPolicy(ResourcePolicy policy) {
      this.gamesPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The manifest's policy (default ttl 60 s, stale up to 6 h); persisted with a tier. */
    public Builder manifestPolicy(ResourcePolicy policy) {
      this.manifestPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The book batches' policy (default ttl 5 s, stale up to 2 min). */
    public Builder booksPolicy(ResourcePolicy policy) {
      this.booksPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Most inputs fetched at once (default 8). */
    public Builder maxConcurrency(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConcurrency must be >= 1, was " + max);
      }
      this.maxConcurrency = max;
      return this;
    }

    /** Longest a build waits for its inputs (default 20 s). */
    public Builder fetchTimeout(Duration timeout) {
      this.fetchTimeout = positive("fetchTimeout", timeout);
      return this;
    }

    /** How long input changes are gathered before a rebuild (default 250 ms). */
    public Builder debounce(Duration debounce) {
      this.debounce = positive("debounce", debounce);
      return this;
    }

    /** How often the watched dates are rebuilt without a change, for TTLs (default 5 s). */
    public Builder recheck(Duration recheck) {
      this.recheck = positive("recheck", recheck);
      return this;
    }

    /** Builds the view; call {@link SlateView#start()} for background rebuilds. */
    public SlateView build() {
      return new SlateView(this);
    }

    private static Duration positive(String what, Duration d) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, was " + d);
      }
      return d;
    }
  }
}
