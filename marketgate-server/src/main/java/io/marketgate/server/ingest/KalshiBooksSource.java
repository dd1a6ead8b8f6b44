package io.marketgate.server.ingest;

import io.marketgate.cache.CachedResource;
import io.marketgate.cache.Clock;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.ResourcePolicy;
import io.marketgate.cache.Snapshot;
import io.marketgate.cache.SnapshotStore;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.Market;
import io.marketgate.model.MarketKey;
import io.marketgate.model.Venue;
import io.marketgate.server.ingest.SourceStatus.Kind;
import io.marketgate.server.ingest.SourceStatus.State;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.kalshi.KalshiBookStream;
import io.marketgate.upstream.kalshi.KalshiRest;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Keeps Kalshi order books in {@link MarketData#books()} for an always-on set (fixed tickers, and
 * every trading market of chosen series as {@link MarketData#markets()} lists them) and for books
 * consumers asked for recently through {@link #demand(MarketKey)}. Books come from the order-book
 * WebSocket; the batch REST order-book call bootstraps them and stands in while the stream is down,
 * silent, or has no snapshot yet. Books nobody asked for within the demand window (and not
 * always-on) are evicted.
 *
 * <p>Thread-safe. {@link #demand} is cheap and never blocks: call it on every book request. One
 * reconcile runs at a time on the scheduler. This source is the only writer of the Kalshi keys of
 * {@code books()}. The gateway owns it: {@link #start()} once, {@link #close()} at shutdown.
 */
public final class KalshiBooksSource implements Source {

  /*
   * Writers. The stream publishes into a private store (streamBooks), never into MarketData; a
   * listener relays each of its publishes into books() for active tickers. REST results are
   * published by the reconcile thread and by the first-fetch callback. All writes into books()
   * happen under writeLock, so each key has one writer at a time although three threads write.
   * Lock order: writeLock is never held while taking streamLock or calling into the stream
   * (closing a stream relays its stale marks, which takes writeLock).
   *
   * Relay. A STALE publish of the stream (gap, resync, disconnect) marks the served book stale
   * (epoch bump, counted in epochBumps) unless it is stale already; a live one is published when
   * it differs from what is served. REST data is published only if the stream has not published
   * that ticker since the REST call started, so an older REST answer never overwrites a newer
   * stream update.
   *
   * Fallback. Each reconcile fetches, in batches of at most 100 tickers, the active books the
   * stream does not cover (no snapshot yet, or STALE), or every active book when the stream is
   * disconnected or silent beyond silentAfter. Silence alone is ambiguous (quiet markets send
   * nothing), so it only makes the source DEGRADED and turns on REST; the stream is restarted only
   * when REST proves it wrong: a book whose REST answer differs from the stream's live value while
   * the stream sent nothing for it during the call and has been silent beyond silentAfter; or a
   * connected stream silent beyond silentAfter that still owes snapshots (a subscription always
   * gets one at once, so this is a dead, half-open connection, which the simulator's abrupt
   * disconnects do produce).
   *
   * Demand. KalshiBookStream has no unsubscribe, so an evicted ticker stays subscribed ("idle")
   * and its messages are dropped by the relay. When more than maxIdleSubscriptions pile up, the
   * stream is replaced by a new one subscribed to the active tickers only (a reconnect: every
   * served book gets a stale mark and an epoch bump). A never-seen ticker is fetched once through
   * a CachedResource (single-flight per ticker, failures remembered for negativeTtl so a bad
   * ticker cannot make every request call Kalshi) and subscribed only when that fetch succeeded.
   */

  /** The source name. */
  public static final String NAME = "kalshi.books";

  private static final System.Logger LOG = System.getLogger(KalshiBooksSource.class.getName());
  private static final Set<String> TRADING = Set.of("active", "open");

  private final MarketData data;
  private final Clock clock;
  private final UpstreamClient client;
  private final KalshiRest rest;
  private final URI webSocketUri;
  private final UnaryOperator<KalshiBookStream.Builder> streamSettings;
  private final Set<String> alwaysOnTickers;
  private final Set<String> alwaysOnSeries;
  private final long demandWindowNanos;
  private final int maxDemanded;
  private final int maxIdleSubscriptions;
  private final int maxRestCallsPerPoll;
  private final boolean webSocket;
  private final SourceHealth health;
  private final PollLoop loop;
  private final CachedResource<String, BinaryBook> firstFetch;
  private final KeyedSnapshotStore<MarketKey, BinaryBook> streamBooks;

  private final ConcurrentHashMap<String, Long> demanded = new ConcurrentHashMap<>();
  private final Set<String> active = ConcurrentHashMap.newKeySet();
  private final AtomicLong epochBumps = new AtomicLong();
  private final Object writeLock = new Object();
  private final Object streamLock = new Object();
  private final Object observeLock = new Object();

  private volatile boolean closed;
  private volatile KalshiBookStream stream;
  private volatile long lastRestOkNanos;
  private volatile boolean restEverOk;

  // Guarded by streamLock.
  private final Set<String> streamTickers = new LinkedHashSet<>();

  // Guarded by observeLock.
  private final Map<String, Long> retired = new HashMap<>();
  private long lastMessages = -1;
  private long lastStreamNanos;
  private long connectedSinceNanos;
  private boolean wasConnected;

  private KalshiBooksSource(Builder b) {
    this.data = b.data;
    this.clock = b.data.clock();
    this.client = b.client;
    this.rest = b.rest.orElseGet(() -> KalshiRest.create(b.client));
    this.webSocketUri = b.webSocketUri;
    this.streamSettings = b.streamSettings;
    this.alwaysOnTickers = Set.copyOf(b.alwaysOnTickers);
    this.alwaysOnSeries = Set.copyOf(b.alwaysOnSeries);
    this.demandWindowNanos = b.demandWindow.toNanos();
    this.maxDemanded = b.maxDemanded;
    this.maxIdleSubscriptions = b.maxIdleSubscriptions;
    this.maxRestCallsPerPoll = b.maxRestCallsPerPoll;
    this.webSocket = b.webSocket;
    this.health =
        new SourceHealth(
            NAME,
            Venue.KALSHI.id(),
            Kind.STREAM,
            clock,
            b.silentAfter,
            b.downAfterFailures,
            "polls",
            "publishes",
            "unchanged",
            "failures",
            "restCalls",
            "restPublishes",
            "restSuperseded",
            "demands",
            "demandRejected",
            "demandFailures",
            "evicted",
            "streamMismatches",
            "streamRestarts");
    this.firstFetch =
        CachedResource.<String, BinaryBook>builder(
                NAME + ".first",
                ticker -> {
                  health.count("restCalls");
                  return rest.orderbook(ticker, 0);
                })
            .policy(ResourcePolicy.of(Duration.ofSeconds(2)).withNegativeTtl(b.negativeTtl))
            .clock(clock)
            .maximumSize(Math.max(16, b.maxDemanded))
            .build();
    this.streamBooks =
        KeyedSnapshotStore.<MarketKey, BinaryBook>builder(NAME + ".stream")
            .source("kalshi.ws")
            .clock(clock)
            .historySize(1)
            .build();
    this.streamBooks.addListener(this::relay);
    this.stream = newStream(List.of());
    ScheduledExecutorService scheduler = b.scheduler.orElseGet(() -> PollLoop.ownScheduler(NAME));
    this.loop =
        new PollLoop(
            NAME, scheduler, b.scheduler.isEmpty(), b.fallbackPolicy, b.random, this::pollOnce);
  }

  /**
   * A builder of a source that publishes into {@code data}, calls Kalshi REST through {@code
   * client} and streams from {@code webSocketUri} (for example {@code
   * KalshiEnvironment.PRODUCTION.webSocket()}) with the client's HTTP client and signer.
   */
  public static Builder builder(MarketData data, UpstreamClient client, URI webSocketUri) {
    return new Builder(data, client, webSocketUri);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start() {
    if (closed) {
      throw new IllegalStateException("source " + NAME + " is closed");
    }
    if (!loop.started()) {
      long now = clock.nanoTime();
      synchronized (observeLock) {
        lastStreamNanos = now;
        connectedSinceNanos = now;
      }
      if (webSocket) {
        stream.start();
      }
      loop.start();
    }
  }

  @Override
  public void refreshNow() {
    loop.runNow();
  }

  /**
   * Notes that a consumer asked for the book of {@code key} now: keeps it subscribed for the demand
   * window and, for a book not served yet, fetches it over REST at once (one call however many ask)
   * and subscribes it. Never blocks; keys of other venues are ignored.
   */
  public void demand(MarketKey key) {
    Objects.requireNonNull(key, "key");
    if (key.venue() != Venue.KALSHI || closed) {
      return;
    }
    health.count("demands");
    String ticker = key.ticker();
    if (demanded.size() >= maxDemanded && !demanded.containsKey(ticker)) {
      health.count("demandRejected");
      return;
    }
    demanded.put(ticker, clock.nanoTime());
    if (active.contains(ticker)) {
      return;
    }
    firstFetch
        .getAsync(ticker)
        .whenComplete(
            (served, failure) -> {
              if (failure != null) {
                health.count("demandFailures");
                health.note("first fetch of " + ticker + ": " + SourceHealth.describe(failure));
              } else {
                activate(List.of(ticker), Map.of(ticker, served.value()));
              }
            });
  }

  @Override
  public SourceStatus status() {
    long now = clock.nanoTime();
    KalshiBookStream.Stats stats = observeStream(now);
    Map<String, Long> extra = new LinkedHashMap<>(streamCounters(stats));
    int subscribed;
    synchronized (streamLock) {
      subscribed = streamTickers.size();
    }
    extra.put("subscribed", (long) subscribed);
    extra.put("idleSubscriptions", (long) Math.max(0, subscribed - active.size()));
    extra.put("demanded", (long) demanded.size());
    extra.put("uncovered", (long) uncovered().size());
    extra.put("connected", stats.connected() ? 1L : 0L);
    return health.status(
        state(now, stats), active.size(), epochBumps.get(), client.budget().status(), extra);
  }

  @Override
  public void close() {
    synchronized (writeLock) {
      closed = true;
    }
    health.closed();
    loop.close();
    synchronized (streamLock) {
      stream.close();
    }
  }

  // ------------------------------------------------------------------ reconcile

  /** One reconcile: subscriptions, evictions, the REST fallback, the watchdog; never throws. */
  synchronized void pollOnce() {
    if (closed) {
      return;
    }
    health.count("polls");
    long now = clock.nanoTime();
    Set<String> always = alwaysOn();
    demanded.entrySet().removeIf(e -> now - e.getValue() > demandWindowNanos);
    Set<String> wanted = new LinkedHashSet<>(always);
    wanted.addAll(demanded.keySet());

    List<String> newAlways = new ArrayList<>();
    for (String t : always) {
      if (!active.contains(t)) {
        newAlways.add(t);
      }
    }
    activate(newAlways, Map.of());
    evictUnwanted(wanted);

    KalshiBookStream.Stats stats = observeStream(now);
    boolean silent = silent(now);
    boolean untrusted = !webSocket || !stats.connected() || silent;
    List<String> uncovered = uncovered();
    List<String> fetch = untrusted ? List.copyOf(active) : uncovered;
    int mismatches = 0;
    int calls = 0;
    for (int from = 0;
        from < fetch.size() && calls < maxRestCallsPerPoll;
        from += KalshiRest.MAX_BATCH_TICKERS, calls++) {
      List<String> chunk =
          fetch.subList(from, Math.min(fetch.size(), from + KalshiRest.MAX_BATCH_TICKERS));
      mismatches += restFetch(chunk, untrusted && stats.connected());
    }
    if (mismatches > 0) {
      health.count("streamMismatches", mismatches);
      restartStream(
          "stream silent and "
              + mismatches
              + " books differ from REST: the stream froze; reconnecting");
    } else if (stats.connected() && silent && !uncovered.isEmpty()) {
      restartStream(
          "stream connected but silent with "
              + uncovered.size()
              + " books never snapshotted: the connection is dead; reconnecting");
    } else if (idleSubscriptions() > maxIdleSubscriptions) {
      restartStream("more than " + maxIdleSubscriptions + " idle subscriptions; resubscribing");
    }
  }

  private Set<String> alwaysOn() {
    Set<String> out = new LinkedHashSet<>(alwaysOnTickers);
    if (!alwaysOnSeries.isEmpty()) {
      for (MarketKey k : data.markets().keysWithPrefix(Venue.KALSHI.id() + ":")) {
        data.markets()
            .latest(k)
            .filter(s -> s.provenance() == Provenance.LIVE)
            .map(Snapshot::value)
            .filter(KalshiBooksSource::isAlwaysOnCandidate)
            .filter(m -> m.seriesTicker().map(alwaysOnSeries::contains).orElse(false))
            .ifPresent(m -> out.add(k.ticker()));
      }
    }
    return out;
  }

  private static boolean isAlwaysOnCandidate(Market m) {
    return TRADING.contains(m.status());
  }

  /** Makes {@code tickers} active, publishes the REST books given, and subscribes them. */
  private void activate(List<String> tickers, Map<String, BinaryBook> books) {
    if (tickers.isEmpty()) {
      return;
    }
    List<String> fresh = new ArrayList<>();
    synchronized (writeLock) {
      if (closed) {
        return;
      }
      for (String t : tickers) {
        if (active.add(t)) {
          fresh.add(t);
        }
        BinaryBook book = books.get(t);
        if (book != null && !streamCovers(t)) {
          publishRest(t, book);
        }
      }
    }
    if (!fresh.isEmpty()) {
      subscribe(fresh);
    }
  }

  private void subscribe(List<String> tickers) {
    if (!webSocket) {
      return;
    }
    synchronized (streamLock) {
      List<String> add = new ArrayList<>();
      for (String t : tickers) {
        if (streamTickers.add(t)) {
          add.add(t);
        }
      }
      if (!add.isEmpty() && !closed) {
        stream.subscribe(add);
      }
    }
  }

  private void evictUnwanted(Set<String> wanted) {
    int evicted = 0;
    synchronized (writeLock) {
      for (String t : List.copyOf(active)) {
        if (!wanted.contains(t)) {
          active.remove(t);
          data.books().remove(new MarketKey(Venue.KALSHI, t));
          evicted++;
        }
      }
      // Empty stores that readers created for books nobody wants any more.
      evicted +=
          data.books()
              .removeIf(
                  (k, latest) ->
                      k.venue() == Venue.KALSHI
                          && !active.contains(k.ticker())
                          && !wanted.contains(k.ticker()));
    }
    health.count("evicted", evicted);
  }

  /** Fetches {@code chunk} over REST and publishes it; returns how many books proved a freeze. */
  private int restFetch(List<String> chunk, boolean streamSilent) {
    Map<String, Long> seqBefore = new HashMap<>();
    for (String t : chunk) {
      seqBefore.put(t, streamSeq(t));
    }
    Map<String, BinaryBook> books;
    health.count("restCalls");
    try {
      books = rest.orderbooks(chunk);
    } catch (RuntimeException e) {
      health.failure(e);
      return 0;
    }
    lastRestOkNanos = clock.nanoTime();
    restEverOk = true;
    health.data();
    int mismatches = 0;
    synchronized (writeLock) {
      for (Map.Entry<String, BinaryBook> e : books.entrySet()) {
        String t = e.getKey();
        if (closed || !active.contains(t)) {
          continue;
        }
        if (streamSeq(t) != seqBefore.get(t)) {
          health.count("restSuperseded");
          continue;
        }
        Optional<Snapshot<BinaryBook>> fromStream =
            streamBooks.latest(new MarketKey(Venue.KALSHI, t));
        if (streamSilent
            && fromStream.isPresent()
            && fromStream.get().provenance() == Provenance.LIVE
            && !fromStream.get().value().equals(e.getValue())) {
          mismatches++;
        }
        publishRest(t, e.getValue());
      }
    }
    return mismatches;
  }

  /** Publishes a REST book of {@code ticker} (caller holds writeLock). */
  private void publishRest(String ticker, BinaryBook book) {
    if (KeyedPublisher.publishIfChanged(data.books(), new MarketKey(Venue.KALSHI, ticker), book)) {
      health.count("publishes");
      health.count("restPublishes");
    } else {
      health.count("unchanged");
    }
  }

  private void restartStream(String reason) {
    LOG.log(Level.WARNING, "{0}: {1}", NAME, reason);
    health.note(reason);
    synchronized (streamLock) {
      if (closed) {
        return;
      }
      KalshiBookStream old = stream;
      old.close();
      KalshiBookStream.Stats last = old.stats();
      synchronized (observeLock) {
        streamCounters(last).forEach((k, v) -> retired.merge(k, v, Long::sum));
        lastMessages = retired.getOrDefault("messages", 0L);
        long now = clock.nanoTime();
        lastStreamNanos = now;
        connectedSinceNanos = now;
        wasConnected = false;
      }
      streamBooks.removeIf((k, latest) -> !active.contains(k.ticker()));
      streamTickers.clear();
      streamTickers.addAll(active);
      stream = newStream(List.copyOf(streamTickers));
      stream.start();
    }
    health.count("streamRestarts");
  }

  private KalshiBookStream newStream(List<String> tickers) {
    return streamSettings
        .apply(KalshiBookStream.builder(client, webSocketUri, streamBooks).tickers(tickers))
        .build();
  }

  // ------------------------------------------------------------------ relay (stream thread)

  private void relay(MarketKey key, Snapshot<BinaryBook> snapshot) {
    synchronized (writeLock) {
      if (closed || !active.contains(key.ticker())) {
        return;
      }
      if (snapshot.provenance() == Provenance.STALE) {
        Optional<SnapshotStore<BinaryBook>> served = data.books().find(key);
        if (served.isPresent()
            && served.get().latest().map(l -> l.provenance() != Provenance.STALE).orElse(false)) {
          served.get().markStale();
          epochBumps.incrementAndGet();
        }
        return;
      }
      if (KeyedPublisher.publishIfChanged(data.books(), key, snapshot.value())) {
        health.count("publishes");
      } else {
        health.count("unchanged");
      }
    }
    health.dataOnly();
    synchronized (observeLock) {
      lastStreamNanos = clock.nanoTime();
    }
  }

  // ------------------------------------------------------------------ health

  private KalshiBookStream.Stats observeStream(long now) {
    KalshiBookStream.Stats stats = stream.stats();
    synchronized (observeLock) {
      long total = retired.getOrDefault("messages", 0L) + stats.messages();
      if (total != lastMessages) {
        lastMessages = total;
        lastStreamNanos = now;
      }
      if (stats.connected() && !wasConnected) {
        connectedSinceNanos = now;
      }
      wasConnected = stats.connected();
    }
    return stats;
  }

  /** Whether the stream is connected with books to carry but sent nothing for silentAfter. */
  private boolean silent(long now) {
    if (active.isEmpty()) {
      return false;
    }
    synchronized (observeLock) {
      long since = Math.max(lastStreamNanos, connectedSinceNanos);
      return wasConnected && now - since > health.silentAfter().toNanos();
    }
  }

  private State state(long now, KalshiBookStream.Stats stats) {
    if (closed) {
      return State.STOPPED;
    }
    boolean connected = stats.connected();
    if ((connected || !webSocket) && active.isEmpty()) {
      return State.LIVE;
    }
    boolean restOk =
        restEverOk
            && health.consecutiveFailures() == 0
            && now - lastRestOkNanos <= health.silentAfter().toNanos();
    if (health.age().isEmpty()) {
      return !connected && health.hasFailedEnoughToBeDown() ? State.DOWN : State.STARTING;
    }
    if (!webSocket) {
      return restOk ? State.LIVE : State.DOWN;
    }
    if (connected && !silent(now) && uncovered().isEmpty()) {
      return State.LIVE;
    }
    if (connected || restOk) {
      return State.DEGRADED;
    }
    return State.DOWN;
  }

  private List<String> uncovered() {
    List<String> out = new ArrayList<>();
    for (String t : active) {
      if (!streamCovers(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private boolean streamCovers(String ticker) {
    return streamBooks
        .latest(new MarketKey(Venue.KALSHI, ticker))
        .map(s -> s.provenance() == Provenance.LIVE)
        .orElse(false);
  }

  private long streamSeq(String ticker) {
    return streamBooks.latest(new MarketKey(Venue.KALSHI, ticker)).map(Snapshot::seq).orElse(0L);
  }

  private int idleSubscriptions() {
    synchronized (streamLock) {
      int idle = 0;
      for (String t : streamTickers) {
        if (!active.contains(t)) {
          idle++;
        }
      }
      return idle;
    }
  }

  private Map<String, Long> streamCounters(KalshiBookStream.Stats s) {
    Map<String, Long> now = new LinkedHashMap<>();
    now.put("messages", s.messages());
    now.put("gaps", s.gaps());
    now.put("duplicates", s.duplicates());
    now.put("resyncs", s.resyncs());
    now.put("reconnects", s.reconnects());
    now.put("malformed", s.malformed());
    now.put("serverErrors", s.errors());
    synchronized (observeLock) {
      retired.forEach((k, v) -> now.merge(k, v, Long::sum));
    }
    return now;
  }

  @Override
  public String toString() {
    return "KalshiBooksSource[" + webSocketUri + ", active " + active.size() + "]";
  }

  /** Configures and builds a {@link KalshiBooksSource}. Not thread-safe. */
  public static final class Builder {
    private final MarketData data;
    private final UpstreamClient client;
    private final URI webSocketUri;
    private Set<String> alwaysOnTickers = Set.of();
    private Set<String> alwaysOnSeries = Set.of();
    private Duration demandWindow = Duration.ofMinutes(10);
    private PollPolicy fallbackPolicy = PollPolicy.every(Duration.ofSeconds(2));
    private Duration silentAfter = Duration.ofSeconds(30);
    private Duration negativeTtl = Duration.ofSeconds(30);
    private int maxDemanded = 1_000;
    private int maxIdleSubscriptions = 200;
    private int maxRestCallsPerPoll = 10;
    private int downAfterFailures = 3;
    private boolean webSocket = true;
    private Optional<KalshiRest> rest = Optional.empty();
    private UnaryOperator<KalshiBookStream.Builder> streamSettings = UnaryOperator.identity();
    private Optional<ScheduledExecutorService> scheduler = Optional.empty();
    private RandomGenerator random = RandomGenerator.getDefault();

    private Builder(MarketData data, UpstreamClient client, URI webSocketUri) {
      this.data = Objects.requireNonNull(data, "data");
      this.client = Objects.requireNonNull(client, "client");
      this.webSocketUri = Objects.requireNonNull(webSocketUri, "webSocketUri");
    }

    /** Tickers whose books are always kept (default none). */
    public Builder alwaysOnTickers(Collection<String> tickers) {
      this.alwaysOnTickers = tickers(tickers);
      return this;
    }

    /**
     * Series whose trading markets, as {@link MarketData#markets()} lists them, are always kept
     * (default none), for example {@link KalshiMarketsSource#NBA_SERIES}.
     */
    public Builder alwaysOnSeries(Collection<String> series) {
      this.alwaysOnSeries = tickers(series);
      return this;
    }

    /** How long a demanded book is kept after the last request for it (default 10 min). */
    public Builder demandWindow(Duration window) {
      this.demandWindow = SourceHealth.requirePositive("demandWindow", window);
      return this;
    }

    /** How often to reconcile and run the REST fallback (default every 2 s ± 10 %). */
    public Builder fallbackPolicy(PollPolicy policy) {
      this.fallbackPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Whether books come from the WebSocket (default) or from the batch REST call alone, every
     * {@link #fallbackPolicy} interval; REST-only spends read tokens on every poll.
     */
    public Builder webSocket(boolean webSocket) {
      this.webSocket = webSocket;
      return this;
    }

    /** How long a connected stream may send nothing before it is distrusted (default 30 s). */
    public Builder silentAfter(Duration silentAfter) {
      this.silentAfter = SourceHealth.requirePositive("silentAfter", silentAfter);
      return this;
    }

    /** How long a failed first fetch of a demanded book is remembered (default 30 s). */
    public Builder negativeTtl(Duration negativeTtl) {
      this.negativeTtl = Objects.requireNonNull(negativeTtl, "negativeTtl");
      return this;
    }

    /** Most books kept for demand at once; further demands are refused (default 1000). */
    public Builder maxDemanded(int max) {
      this.maxDemanded = positive("maxDemanded", max);
      return this;
    }

    /** Idle subscriptions tolerated before the stream is resubscribed (default 200). */
    public Builder maxIdleSubscriptions(int max) {
      this.maxIdleSubscriptions = positive("maxIdleSubscriptions", max);
      return this;
    }

    /** Most batch REST calls one reconcile makes (default 10, i.e. 1000 books). */
    public Builder maxRestCallsPerPoll(int max) {
      this.maxRestCallsPerPoll = positive("maxRestCallsPerPoll", max);
      return this;
    }

    /** Failed REST calls in a row that, with no stream, make the source DOWN (default 3). */
    public Builder downAfterFailures(int failures) {
      this.downAfterFailures = positive("downAfterFailures", failures);
      return this;
    }

    /** The REST adapter to call (default {@link KalshiRest#create} over the client). */
    public Builder rest(KalshiRest rest) {
      this.rest = Optional.of(Objects.requireNonNull(rest, "rest"));
      return this;
    }

    /** Extra settings of each stream this source builds, such as its reconnect backoff. */
    public Builder streamSettings(UnaryOperator<KalshiBookStream.Builder> settings) {
      this.streamSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** A shared scheduler to reconcile on (default: an own daemon thread, shut down on close). */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Optional.of(Objects.requireNonNull(scheduler, "scheduler"));
      return this;
    }

    /** The source of jitter (default {@link RandomGenerator#getDefault()}). */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Builds the source; call {@link Source#start()} to connect and poll. */
    public KalshiBooksSource build() {
      return new KalshiBooksSource(this);
    }

    private static Set<String> tickers(Collection<String> values) {
      Set<String> out = new LinkedHashSet<>();
      for (String v : Objects.requireNonNull(values, "values")) {
        if (v == null || v.isBlank()) {
          throw new IllegalArgumentException("kalshi.books: a ticker or series is blank");
        }
        out.add(v.strip());
      }
      return Set.copyOf(out);
    }

    private static int positive(String what, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(what + " must be at least 1, was " + value);
      }
      return value;
    }
  }
}
