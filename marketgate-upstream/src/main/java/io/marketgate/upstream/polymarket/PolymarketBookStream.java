package io.marketgate.upstream.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.cache.Clock;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.SnapshotStore;
import io.marketgate.model.MarketKey;
import io.marketgate.model.ModelException;
import io.marketgate.model.MutableOrderBook;
import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Side;
import io.marketgate.model.Venue;
import io.marketgate.upstream.EventLoopListener;
import io.marketgate.upstream.UpstreamClient;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Keeps Polymarket order books live from the CLOB market-channel WebSocket and publishes every book
 * state into a {@code KeyedSnapshotStore<MarketKey, OrderBook>} under {@code polymarket:TOKEN_ID}.
 *
 * <p>Threading: all state lives on one private event-loop thread, the single writer of every book
 * this stream publishes; REST re-syncs run on a second thread and hand their answers back to the
 * loop. {@link #stats}, {@link #info} and {@link #close} may be called from any thread. The creator
 * owns the stream and must {@link #close} it.
 */
public final class PolymarketBookStream implements AutoCloseable {

  /*
   * The market channel has no sequence numbers, so a lost message is invisible on the wire. Three
   * things keep a book honest instead:
   *
   * Watchdog. Every watchdogTick (real time) the loop compares, on the injected Clock, each
   * asset's last message time with silenceWindow. A silent asset is marked STALE at once
   * (SnapshotStore.markStale: epoch bump, readers learn it) and re-synced over REST. A connected
   * stream that delivered no data message for any asset for silenceWindow is frozen (PING/PONG
   * may well continue: py-clob-client#292) and is reconnected at once. A partly silent stream is
   * reconnected when REST proves it missed data: the REST book of a silent asset differs from
   * ours and is newer than our last message.
   *
   * Re-sync. POST /books every resyncInterval for every asset, and after every (re)connect. A REST
   * book older (by the venue's timestamp) than the last message applied is superseded and
   * dropped. A REST book that differs from ours replaces it in a new epoch (publishDiscontinuous,
   * counted as a correction); an equal one leaves the store untouched, or brings a STALE book
   * back live. While an asset is STALE, messages keep its mutable book current but nothing is
   * published until a REST answer or a fresh `book` event confirms it.
   *
   * Top-of-book check. price_change entries and best_bid_ask events carry the venue's best bid and
   * ask after the change; when ours differ after applying the message, our book has lost a message:
   * it is marked STALE and re-synced.
   *
   * Disconnect (close, error, periodic reconnect after maxConnectionAge): every book is marked
   * STALE and a reconnect is scheduled with exponential backoff and equal jitter; a failed
   * connect attempt only schedules the next one. While the stream is down, REST re-syncs run every
   * silenceWindow and publish what they get.
   * The subscription is sent with initial_dump, so each asset's `book` arrives first; it is
   * published in a new epoch. Subscriptions cannot be changed on a live connection (unconfirmed),
   * so the stream is built with its assets.
   *
   * Keep-alive: the text "PING" every pingInterval; "PONG" answers are counted, not data.
   */
  private static final System.Logger LOG = System.getLogger(PolymarketBookStream.class.getName());
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** The largest number of assets one connection is said to carry (unconfirmed). */
  public static final int MAX_ASSETS_PER_CONNECTION = 500;

  private final PolymarketRest rest;
  private final UpstreamClient client;
  private final URI uri;
  private final KeyedSnapshotStore<MarketKey, OrderBook> store;
  private final Clock clock;
  private final long silenceNanos;
  private final long resyncNanos;
  private final long maxConnectionAgeNanos;
  private final long restRetryNanos;
  private final Duration pingInterval;
  private final Duration watchdogTick;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration connectTimeout;
  private final RandomGenerator random;
  private final Runnable onData;
  private final List<String> assetIds;
  private final ScheduledExecutorService loop;
  private final ExecutorService restThread;

  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong bookEvents = new AtomicLong();
  private final AtomicLong priceChanges = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong unapplicable = new AtomicLong();
  private final AtomicLong topMismatches = new AtomicLong();
  private final AtomicLong silences = new AtomicLong();
  private final AtomicLong resyncCalls = new AtomicLong();
  private final AtomicLong resyncFailures = new AtomicLong();
  private final AtomicLong corrections = new AtomicLong();
  private final AtomicLong superseded = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong pongs = new AtomicLong();
  private final AtomicLong staleMarks = new AtomicLong();
  private final AtomicInteger staleAssets = new AtomicInteger();
  private final Map<String, AssetInfo> infos = new ConcurrentHashMap<>();
  private volatile boolean connected;
  private volatile boolean restFailing;
  private volatile boolean closed;
  private volatile String lastError = "";

  // Event-loop state: touched only on the loop thread.
  private final Map<String, Asset> assets = new LinkedHashMap<>();
  private final Set<String> pendingResync = new LinkedHashSet<>();
  private boolean restInFlight;
  private long nextRestAttemptNanos;
  private long lastPeriodicResyncNanos;
  private long connectedAtNanos;
  private long lastDataNanos;
  private long generation;
  private int attempt;
  private boolean everOpened;
  private WebSocket socket;
  private CompletableFuture<WebSocket> sends = CompletableFuture.completedFuture(null);
  private ScheduledFuture<?> reconnectTask;
  private ScheduledFuture<?> pingTask;
  private ScheduledFuture<?> watchdogTask;

  /** One followed asset and its book. */
  private static final class Asset {
    final String id;
    final MarketKey key;
    final MutableOrderBook book = new MutableOrderBook();
    boolean hasBook;
    boolean discontinuous = true;
    boolean stale;
    boolean silent;
    long lastMessageNanos;
    long lastWireMillis = Long.MIN_VALUE;

    Asset(String id) {
      this.id = id;
      this.key = new MarketKey(Venue.POLYMARKET, id);
    }
  }

  /**
   * What the stream knows of one asset besides its book, from {@code book}, {@code
   * tick_size_change}, {@code last_trade_price} and {@code best_bid_ask} events.
   *
   * @param tickSize the current tick size, if known
   * @param lastTradePrice the last trade price, if known
   * @param lastTradeSize the last trade size, if known
   * @param announcedBestBid the best bid the venue last announced, if any
   * @param announcedBestAsk the best ask the venue last announced, if any
   */
  public record AssetInfo(
      Optional<BigDecimal> tickSize,
      Optional<BigDecimal> lastTradePrice,
      Optional<BigDecimal> lastTradeSize,
      Optional<BigDecimal> announcedBestBid,
      Optional<BigDecimal> announcedBestAsk) {

    static final AssetInfo NONE =
        new AssetInfo(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    /** Validates the parts. */
    public AssetInfo {
      Objects.requireNonNull(tickSize, "tickSize");
      Objects.requireNonNull(lastTradePrice, "lastTradePrice");
      Objects.requireNonNull(lastTradeSize, "lastTradeSize");
      Objects.requireNonNull(announcedBestBid, "announcedBestBid");
      Objects.requireNonNull(announcedBestAsk, "announcedBestAsk");
    }
  }

  /**
   * Counters of a stream, read at one moment.
   *
   * @param messages WebSocket data messages received (not counting {@code PONG})
   * @param bookEvents {@code book} events applied
   * @param priceChanges {@code price_change} events applied
   * @param malformed events that could not be parsed or applied; never published
   * @param unapplicable changes for an asset without a book yet (re-synced instead)
   * @param topMismatches times our best bid/ask differed from the venue's announced one
   * @param silences times the watchdog found an asset silent beyond the window
   * @param resyncCalls REST re-sync calls made
   * @param resyncFailures REST re-sync calls that failed
   * @param corrections books replaced because REST showed they had drifted
   * @param superseded REST books dropped because the stream had newer data
   * @param reconnects connections opened after the first one
   * @param pongs {@code PONG} keep-alive answers received
   * @param staleMarks times a book was marked stale (each an epoch bump)
   * @param staleAssets assets whose book is stale now
   * @param connected whether a connection is open now
   * @param restFailing whether the last REST re-sync failed
   * @param lastError the last problem seen, empty when none
   */
  public record Stats(
      long messages,
      long bookEvents,
      long priceChanges,
      long malformed,
      long unapplicable,
      long topMismatches,
      long silences,
      long resyncCalls,
      long resyncFailures,
      long corrections,
      long superseded,
      long reconnects,
      long pongs,
      long staleMarks,
      int staleAssets,
      boolean connected,
      boolean restFailing,
      String lastError) {}

  private PolymarketBookStream(Builder b) {
    this.client = b.client;
    this.rest = b.rest.orElseGet(() -> PolymarketRest.create(b.client));
    this.uri = b.uri;
    this.store = b.store;
    this.clock = b.clock;
    this.silenceNanos = b.silenceWindow.toNanos();
    this.resyncNanos = b.resyncInterval.toNanos();
    this.maxConnectionAgeNanos = b.maxConnectionAge.toNanos();
    this.restRetryNanos = Math.min(b.silenceWindow.toNanos(), Duration.ofSeconds(2).toNanos());
    this.pingInterval = b.pingInterval;
    this.watchdogTick =
        b.watchdogTick.orElseGet(
            () ->
                Duration.ofNanos(
                    Math.max(
                        Duration.ofMillis(10).toNanos(),
                        Math.min(b.silenceWindow.toNanos() / 5, Duration.ofSeconds(1).toNanos()))));
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.connectTimeout = b.connectTimeout;
    this.random = b.random;
    this.onData = b.onData;
    this.assetIds = List.copyOf(b.assets);
    for (String a : b.assets) {
      assets.put(a, new Asset(a));
      infos.put(a, AssetInfo.NONE);
    }
    int n = THREADS.incrementAndGet();
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("polymarket-ws-" + n).daemon().factory());
    this.restThread =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("polymarket-resync-" + n).daemon().factory());
  }

  /**
   * A builder of a stream connecting to {@code webSocketUri} (for example {@code
   * wss://ws-subscriptions-clob.polymarket.com/ws/market}) with the HTTP client of {@code client},
   * re-syncing over REST through {@code client}, publishing into {@code store}.
   */
  public static Builder builder(
      UpstreamClient client, URI webSocketUri, KeyedSnapshotStore<MarketKey, OrderBook> store) {
    return new Builder(client, webSocketUri, store);
  }

  /** Connects, subscribes the configured assets and starts the watchdog; returns at once. */
  public void start() {
    if (closed) {
      throw new IllegalStateException("PolymarketBookStream is closed");
    }
    submit(
        () -> {
          if (watchdogTask != null) {
            return;
          }
          long now = clock.nanoTime();
          lastPeriodicResyncNanos = now;
          for (Asset a : assets.values()) {
            a.lastMessageNanos = now;
          }
          long tick = watchdogTick.toNanos();
          watchdogTask =
              loop.scheduleWithFixedDelay(this::watchdog, tick, tick, TimeUnit.NANOSECONDS);
          connect();
        });
  }

  /** The assets this stream follows, in configuration order. */
  public List<String> assets() {
    return assetIds;
  }

  /** What the stream knows of {@code assetId} besides its book, if it follows that asset. */
  public Optional<AssetInfo> info(String assetId) {
    return Optional.ofNullable(infos.get(assetId));
  }

  /** Re-syncs every book over REST now (admin); returns at once. */
  public void resyncNow() {
    submit(() -> requestResync(assets.values(), "requested"));
  }

  /** The counters now. */
  public Stats stats() {
    return new Stats(
        messages.get(),
        bookEvents.get(),
        priceChanges.get(),
        malformed.get(),
        unapplicable.get(),
        topMismatches.get(),
        silences.get(),
        resyncCalls.get(),
        resyncFailures.get(),
        corrections.get(),
        superseded.get(),
        reconnects.get(),
        pongs.get(),
        staleMarks.get(),
        staleAssets.get(),
        connected,
        restFailing,
        lastError);
  }

  /**
   * Closes the connection, stops reconnecting, marks every book STALE and stops both threads; waits
   * up to five seconds. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    submit(
        () -> {
          cancel(reconnectTask);
          cancel(pingTask);
          cancel(watchdogTask);
          generation++;
          WebSocket ws = socket;
          socket = null;
          connected = false;
          if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closing")
                .orTimeout(2, TimeUnit.SECONDS)
                .whenComplete((w, e) -> ws.abort());
          }
          for (Asset a : assets.values()) {
            markStale(a);
          }
        });
    loop.shutdown();
    restThread.shutdownNow();
    try {
      if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      loop.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  // ------------------------------------------------------------------ connection (loop thread)

  private void connect() {
    if (closed) {
      return;
    }
    long gen = ++generation;
    client
        .http()
        .newWebSocketBuilder()
        .connectTimeout(connectTimeout)
        .buildAsync(uri, listener(gen))
        .whenComplete(
            (ws, e) -> {
              if (e != null) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                submit(() -> disconnected(gen, "connect failed: " + cause));
              }
            });
  }

  private void opened(long gen, WebSocket ws) {
    if (gen != generation || closed) {
      ws.abort();
      return;
    }
    socket = ws;
    sends = CompletableFuture.completedFuture(ws);
    connected = true;
    if (everOpened) {
      reconnects.incrementAndGet();
    }
    everOpened = true;
    long now = clock.nanoTime();
    connectedAtNanos = now;
    lastDataNanos = now;
    for (Asset a : assets.values()) {
      a.lastMessageNanos = now;
    }
    if (assets.size() > MAX_ASSETS_PER_CONNECTION) {
      LOG.log(
          Level.WARNING,
          "polymarket.ws: {0} assets on one connection; more than {1} may be refused",
          assets.size(),
          MAX_ASSETS_PER_CONNECTION);
    }
    LOG.log(
        Level.INFO, "polymarket.ws connected to {0}; subscribing {1} assets", uri, assets.size());
    ObjectNode sub = PolymarketJson.MAPPER.createObjectNode();
    ArrayNode ids = sub.putArray("assets_ids");
    assets.keySet().forEach(ids::add);
    sub.put("type", "market");
    sub.put("initial_dump", true);
    sub.put("custom_feature_enabled", true);
    send(sub.toString());
    long ping = pingInterval.toNanos();
    cancel(pingTask);
    pingTask = loop.scheduleAtFixedRate(() -> ping(gen), ping, ping, TimeUnit.NANOSECONDS);
    requestResync(assets.values(), "connected");
  }

  private void ping(long gen) {
    if (gen == generation && socket != null) {
      send("PING");
    }
  }

  private void disconnected(long gen, String reason) {
    if (gen != generation) {
      return;
    }
    generation++;
    WebSocket ws = socket;
    socket = null;
    connected = false;
    cancel(pingTask);
    if (ws != null) {
      ws.abort();
      // A lost connection breaks every book's continuity; a failed attempt changes nothing
      // (books published from REST meanwhile stay as they are).
      for (Asset a : assets.values()) {
        markStale(a);
        a.discontinuous = true;
      }
    }
    if (closed) {
      return;
    }
    lastError = reason;
    long delay = backoffMillis(attempt++, initialBackoff, maxBackoff, random);
    LOG.log(
        Level.WARNING, "polymarket.ws disconnected ({0}); reconnecting in {1} ms", reason, delay);
    reconnectTask = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  /** Drops the connection on purpose and connects again (frozen or too old). */
  private void reconnect(String reason) {
    if (socket == null) {
      return;
    }
    attempt = 0;
    disconnected(generation, reason);
  }

  /** Delay before reconnect attempt {@code n} (0-based): equal jitter over a capped doubling. */
  static long backoffMillis(int n, Duration initial, Duration max, RandomGenerator random) {
    long base = initial.toMillis() << Math.min(n, 20);
    long capped = Math.max(1, Math.min(base, max.toMillis()));
    long half = capped / 2;
    return half + random.nextLong(capped - half + 1);
  }

  private void send(String text) {
    WebSocket ws = socket;
    if (ws == null) {
      return;
    }
    long gen = generation;
    // The JDK WebSocket allows one outstanding send: chain them.
    sends =
        sends
            .thenCompose(unused -> ws.sendText(text, true))
            .whenComplete(
                (w, e) -> {
                  if (e != null) {
                    submit(() -> disconnected(gen, "send failed: " + e.getClass().getSimpleName()));
                  }
                });
  }

  // ------------------------------------------------------------------ watchdog (loop thread)

  /** One watchdog pass: silences, periodic re-sync, connection age, REST retries. */
  void watchdog() {
    if (closed) {
      return;
    }
    long now = clock.nanoTime();
    if (connected) {
      List<Asset> silent = new ArrayList<>();
      for (Asset a : assets.values()) {
        if (!a.silent && now - a.lastMessageNanos > silenceNanos) {
          silent.add(a);
        }
      }
      if (!silent.isEmpty()) {
        silences.addAndGet(silent.size());
        for (Asset a : silent) {
          a.silent = true;
          markStale(a);
        }
        requestResync(silent, "silent for more than " + silenceNanos / 1_000_000 + " ms");
      }
      if (!assets.isEmpty() && now - lastDataNanos > silenceNanos) {
        lastError = "no data for " + (now - lastDataNanos) / 1_000_000 + " ms: stream frozen";
        LOG.log(Level.WARNING, "polymarket.ws {0}; reconnecting", lastError);
        reconnect(lastError);
      } else if (now - connectedAtNanos > maxConnectionAgeNanos) {
        reconnect("periodic reconnect after " + maxConnectionAgeNanos / 1_000_000_000 + " s");
      }
    }
    if (now - lastPeriodicResyncNanos >= resyncNanos) {
      lastPeriodicResyncNanos = now;
      requestResync(assets.values(), "periodic");
    }
    if (!connected && now - lastPeriodicResyncNanos >= silenceNanos) {
      // No stream: REST is the only source; keep it as fresh as the watchdog window.
      lastPeriodicResyncNanos = now;
      requestResync(assets.values(), "stream down");
    }
    startResync(now);
  }

  // ------------------------------------------------------------------ REST re-sync

  private void requestResync(Collection<Asset> which, String reason) {
    if (which.isEmpty()) {
      return;
    }
    boolean added = false;
    for (Asset a : which) {
      added |= pendingResync.add(a.id);
    }
    if (added) {
      LOG.log(Level.DEBUG, "polymarket re-sync of {0} assets: {1}", which.size(), reason);
    }
    startResync(clock.nanoTime());
  }

  private void startResync(long now) {
    if (restInFlight || pendingResync.isEmpty() || closed || now - nextRestAttemptNanos < 0) {
      return;
    }
    List<String> ids = List.copyOf(pendingResync);
    pendingResync.clear();
    restInFlight = true;
    resyncCalls.incrementAndGet();
    try {
      restThread.execute(
          () -> {
            Map<String, PolymarketBook> books;
            try {
              books = rest.books(ids);
            } catch (RuntimeException e) {
              submit(() -> resyncFailed(ids, e));
              return;
            }
            submit(() -> resynced(ids, books));
          });
    } catch (RejectedExecutionException e) {
      restInFlight = false;
    }
  }

  private void resyncFailed(List<String> ids, RuntimeException e) {
    restInFlight = false;
    restFailing = true;
    resyncFailures.incrementAndGet();
    lastError = "re-sync failed: " + e.getMessage();
    LOG.log(Level.WARNING, "polymarket {0}", lastError);
    pendingResync.addAll(ids);
    nextRestAttemptNanos = clock.nanoTime() + restRetryNanos;
  }

  private void resynced(List<String> ids, Map<String, PolymarketBook> books) {
    restInFlight = false;
    restFailing = false;
    boolean froze = false;
    for (String id : ids) {
      Asset a = assets.get(id);
      PolymarketBook rb = books.get(id);
      if (a == null || rb == null) {
        continue;
      }
      long ts = rb.timestamp().map(java.time.Instant::toEpochMilli).orElse(Long.MIN_VALUE);
      if (a.hasBook && ts != Long.MIN_VALUE && ts < a.lastWireMillis) {
        superseded.incrementAndGet();
        if (a.stale) {
          pendingResync.add(id);
          nextRestAttemptNanos = clock.nanoTime() + restRetryNanos;
        }
        continue;
      }
      boolean differs = !a.hasBook || !a.book.snapshot().equals(rb.book());
      if (a.hasBook && differs) {
        corrections.incrementAndGet();
        froze |= a.silent;
      }
      if (ts != Long.MIN_VALUE) {
        a.lastWireMillis = Math.max(a.lastWireMillis, ts);
      }
      updateInfo(a, rb);
      if (differs || a.stale) {
        a.book.reset(rb.book());
        a.hasBook = true;
        publish(a, differs);
        // With no connection, the stream's next book still follows a gap.
        a.discontinuous |= !connected;
      }
    }
    if (froze && connected) {
      reconnect("REST shows changes the silent stream never sent: stream frozen");
    }
    startResync(clock.nanoTime());
  }

  // ------------------------------------------------------------------ publishing

  /**
   * Publishes the asset's book: into the epoch {@link #markStale} opened when it is stale, into a
   * new epoch when continuity broke without a stale mark (a correction, a reconnect), else into the
   * current one.
   */
  private void publish(Asset a, boolean discontinuity) {
    SnapshotStore<OrderBook> s = store.store(a.key);
    OrderBook value = a.book.snapshot();
    if (a.stale || s.latest().isEmpty()) {
      s.publish(value);
    } else if (discontinuity || a.discontinuous) {
      s.publishDiscontinuous(value, Provenance.LIVE);
    } else {
      s.publish(value);
    }
    if (a.stale) {
      a.stale = false;
      staleAssets.decrementAndGet();
    }
    a.discontinuous = false;
  }

  private void markStale(Asset a) {
    if (a.stale) {
      return;
    }
    Optional<SnapshotStore<OrderBook>> s = store.find(a.key);
    if (s.isPresent() && s.get().latest().isPresent()) {
      s.get().markStale();
      staleMarks.incrementAndGet();
      a.stale = true;
      staleAssets.incrementAndGet();
    }
  }

  // ------------------------------------------------------------------ messages (loop thread)

  private void received(long gen, String text) {
    if (gen != generation) {
      return;
    }
    String t = text.strip();
    if (t.equalsIgnoreCase("PONG")) {
      pongs.incrementAndGet();
      return;
    }
    if (t.equalsIgnoreCase("PING")) {
      send("PONG");
      return;
    }
    messages.incrementAndGet();
    List<JsonNode> events;
    try {
      events = PolymarketJson.elements(PolymarketJson.parse(t));
    } catch (PolymarketJson.Malformed e) {
      malformed(text, e.getMessage());
      return;
    }
    long now = clock.nanoTime();
    boolean data = false;
    for (JsonNode e : events) {
      PolymarketJson.WireEvent event;
      try {
        event = PolymarketJson.event(e);
      } catch (PolymarketJson.Malformed ex) {
        malformed(text, ex.getMessage());
        continue;
      }
      data |= apply(event, now, text);
    }
    if (data) {
      lastDataNanos = now;
      try {
        onData.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "polymarket.ws onData hook failed", e);
      }
    }
  }

  /** Applies one event; returns whether it concerned a followed asset. */
  private boolean apply(PolymarketJson.WireEvent event, long now, String text) {
    if (event instanceof PolymarketJson.Grouped g) {
      boolean any = false;
      for (PolymarketJson.PriceChanges pc : g.groups()) {
        any |= apply(pc, now, text);
      }
      return any;
    }
    Optional<String> id = event.assetId();
    Asset a = id.map(assets::get).orElse(null);
    if (a == null) {
      return false;
    }
    a.lastMessageNanos = now;
    a.silent = false;
    try {
      switch (event) {
        case PolymarketJson.BookEvent b -> book(a, b.book());
        case PolymarketJson.PriceChanges pc -> changes(a, pc);
        case PolymarketJson.TickSizeChange tc ->
            infos.compute(
                a.id,
                (k, old) -> {
                  AssetInfo i = old == null ? AssetInfo.NONE : old;
                  return new AssetInfo(
                      Optional.of(tc.newTickSize()),
                      i.lastTradePrice(),
                      i.lastTradeSize(),
                      i.announcedBestBid(),
                      i.announcedBestAsk());
                });
        case PolymarketJson.LastTrade lt ->
            infos.compute(
                a.id,
                (k, old) -> {
                  AssetInfo i = old == null ? AssetInfo.NONE : old;
                  return new AssetInfo(
                      i.tickSize(),
                      Optional.of(lt.price()),
                      lt.size(),
                      i.announcedBestBid(),
                      i.announcedBestAsk());
                });
        case PolymarketJson.BestBidAsk bba -> bestBidAsk(a, bba.bestBid(), bba.bestAsk());
        case PolymarketJson.Grouped g -> {}
        case PolymarketJson.Other o -> {}
      }
    } catch (ModelException e) {
      malformed(text, e.getMessage());
    }
    return true;
  }

  private void book(Asset a, PolymarketBook b) {
    bookEvents.incrementAndGet();
    a.book.reset(b.book());
    a.hasBook = true;
    b.timestamp().ifPresent(ts -> a.lastWireMillis = Math.max(a.lastWireMillis, ts.toEpochMilli()));
    updateInfo(a, b);
    publish(a, false);
  }

  private void changes(Asset a, PolymarketJson.PriceChanges pc) {
    priceChanges.incrementAndGet();
    if (!a.hasBook) {
      unapplicable.incrementAndGet();
      requestResync(List.of(a), "price_change before any book");
      return;
    }
    for (PolymarketJson.Change c : pc.changes()) {
      a.book.set(c.side(), c.price(), c.size());
    }
    pc.timestamp()
        .ifPresent(ts -> a.lastWireMillis = Math.max(a.lastWireMillis, ts.toEpochMilli()));
    PolymarketJson.Change last = pc.changes().isEmpty() ? null : pc.changes().getLast();
    if (last != null && (last.bestBid().isPresent() || last.bestAsk().isPresent())) {
      if (!topMatches(a, last.bestBid(), last.bestAsk())) {
        return;
      }
    }
    if (!a.stale) {
      publish(a, false);
    }
  }

  private void bestBidAsk(Asset a, Optional<BigDecimal> bid, Optional<BigDecimal> ask) {
    infos.compute(
        a.id,
        (k, old) -> {
          AssetInfo i = old == null ? AssetInfo.NONE : old;
          return new AssetInfo(i.tickSize(), i.lastTradePrice(), i.lastTradeSize(), bid, ask);
        });
    if (a.hasBook) {
      topMatches(a, bid, ask);
    }
  }

  /** Whether our top of book agrees with the venue's; if not, marks stale and re-syncs. */
  private boolean topMatches(Asset a, Optional<BigDecimal> bid, Optional<BigDecimal> ask) {
    boolean ok = sameTop(a.book.best(Side.BID), bid) && sameTop(a.book.best(Side.ASK), ask);
    if (!ok) {
      topMismatches.incrementAndGet();
      lastError =
          "top of book of "
              + PolymarketJson.abbreviate(a.id)
              + " differs from the venue's best_bid/best_ask";
      markStale(a);
      requestResync(List.of(a), "top of book mismatch");
    }
    return ok;
  }

  /** An announced price of zero or none means an empty side. */
  private static boolean sameTop(Optional<PriceLevel> ours, Optional<BigDecimal> announced) {
    Optional<BigDecimal> theirs = announced.filter(p -> p.signum() > 0);
    if (theirs.isEmpty()) {
      return ours.isEmpty() || announced.isEmpty();
    }
    return ours.isPresent() && ours.get().price().compareTo(theirs.get()) == 0;
  }

  private void updateInfo(Asset a, PolymarketBook b) {
    infos.compute(
        a.id,
        (k, old) -> {
          AssetInfo i = old == null ? AssetInfo.NONE : old;
          return new AssetInfo(
              b.tickSize().or(i::tickSize),
              b.lastTradePrice().or(i::lastTradePrice),
              i.lastTradeSize(),
              i.announcedBestBid(),
              i.announcedBestAsk());
        });
  }

  private void malformed(String text, String why) {
    malformed.incrementAndGet();
    String excerpt = text.length() <= 300 ? text : text.substring(0, 300) + "...";
    lastError = "malformed message: " + why;
    LOG.log(Level.WARNING, "polymarket.ws malformed message ({0}): {1}", why, excerpt);
  }

  private void submit(Runnable task) {
    try {
      loop.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              LOG.log(Level.WARNING, "polymarket.ws loop task failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      // Closed: nothing left to do.
    }
  }

  /** The listener of connection {@code gen}: whole messages, opening and end go to the loop. */
  private EventLoopListener listener(long gen) {
    return new EventLoopListener(
        this::submit,
        new EventLoopListener.Handler() {
          @Override
          public void opened(WebSocket ws) {
            PolymarketBookStream.this.opened(gen, ws);
          }

          @Override
          public void received(String message) {
            PolymarketBookStream.this.received(gen, message);
          }

          @Override
          public void unexpected(String message, RuntimeException e) {
            PolymarketBookStream.this.malformed(message, "unexpected " + e);
          }

          @Override
          public void disconnected(String reason) {
            PolymarketBookStream.this.disconnected(gen, reason);
          }
        });
  }

  @Override
  public String toString() {
    return "PolymarketBookStream[" + uri + ", " + stats() + "]";
  }

  /** Configures and builds a {@link PolymarketBookStream}. Not thread-safe. */
  public static final class Builder {
    private final UpstreamClient client;
    private final URI uri;
    private final KeyedSnapshotStore<MarketKey, OrderBook> store;
    private final Set<String> assets = new LinkedHashSet<>();
    private Optional<PolymarketRest> rest = Optional.empty();
    private Clock clock = Clock.system();
    private Duration silenceWindow = Duration.ofSeconds(15);
    private Duration resyncInterval = Duration.ofSeconds(60);
    private Duration maxConnectionAge = Duration.ofMinutes(30);
    private Duration pingInterval = Duration.ofSeconds(10);
    private Optional<Duration> watchdogTick = Optional.empty();
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private RandomGenerator random = RandomGenerator.getDefault();
    private Runnable onData = () -> {};

    private Builder(
        UpstreamClient client, URI uri, KeyedSnapshotStore<MarketKey, OrderBook> store) {
      this.client = Objects.requireNonNull(client, "client");
      this.uri = Objects.requireNonNull(uri, "webSocketUri");
      this.store = Objects.requireNonNull(store, "store");
    }

    /** Outcome token ids to follow. */
    public Builder assets(Collection<String> tokenIds) {
      for (String t : Objects.requireNonNull(tokenIds, "tokenIds")) {
        assets.add(PolymarketRest.requireToken(t));
      }
      return this;
    }

    /** The REST adapter to re-sync with (default {@link PolymarketRest#create} over the client). */
    public Builder rest(PolymarketRest rest) {
      this.rest = Optional.of(Objects.requireNonNull(rest, "rest"));
      return this;
    }

    /** The clock the watchdog measures silence on (default the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long an asset may send nothing before it is stale and re-synced (default 15 s). */
    public Builder silenceWindow(Duration window) {
      this.silenceWindow = positive("silenceWindow", window);
      return this;
    }

    /** How often every book is re-synced over REST (default 60 s). */
    public Builder resyncInterval(Duration interval) {
      this.resyncInterval = positive("resyncInterval", interval);
      return this;
    }

    /** How long one connection is used before a planned reconnect (default 30 min). */
    public Builder maxConnectionAge(Duration age) {
      this.maxConnectionAge = positive("maxConnectionAge", age);
      return this;
    }

    /** How often the text {@code PING} is sent (default 10 s). */
    public Builder pingInterval(Duration interval) {
      this.pingInterval = positive("pingInterval", interval);
      return this;
    }

    /**
     * How often, in real time, the watchdog looks (default a fifth of the silence window, between
     * 10 ms and 1 s).
     */
    public Builder watchdogTick(Duration tick) {
      this.watchdogTick = Optional.of(positive("watchdogTick", tick));
      return this;
    }

    /** Reconnect backoff: first delay and cap, before jitter (default 500 ms and 30 s). */
    public Builder backoff(Duration initial, Duration max) {
      if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "backoff needs 0 < initial <= max, were " + initial + " and " + max);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** Timeout of the WebSocket handshake (default 10 s). */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive("connectTimeout", connectTimeout);
      return this;
    }

    /** Source of the backoff jitter (default {@link RandomGenerator#getDefault()}). */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * A hook run on the stream's thread after every data message about a followed asset; must be
     * fast and must not block.
     */
    public Builder onData(Runnable onData) {
      this.onData = Objects.requireNonNull(onData, "onData");
      return this;
    }

    /** Builds the stream; call {@link PolymarketBookStream#start()} to connect. */
    public PolymarketBookStream build() {
      if (assets.isEmpty()) {
        throw new IllegalArgumentException("a Polymarket stream needs at least one asset");
      }
      return new PolymarketBookStream(this);
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
