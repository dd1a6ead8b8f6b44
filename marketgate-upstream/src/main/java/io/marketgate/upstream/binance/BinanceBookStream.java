package io.marketgate.upstream.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.cache.Clock;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.SnapshotStore;
import io.marketgate.model.MarketKey;
import io.marketgate.model.OrderBook;
import io.marketgate.model.Venue;
import io.marketgate.upstream.EventLoopListener;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Keeps Binance spot order books live from one combined-stream WebSocket ({@code
 * /stream?streams=…}, {@code <symbol>@depth@100ms} and {@code <symbol>@bookTicker} per symbol) and
 * REST depth snapshots, and publishes each symbol's book into a {@code
 * KeyedSnapshotStore<MarketKey, OrderBook>} (and, when given, its top of book into a second one).
 *
 * <p>Threading: all state lives on one private event-loop thread, the single writer of every key
 * this stream publishes; snapshots are fetched on a second private thread and handed back to the
 * loop. {@link #subscribe}, {@link #stats} and {@link #close} may be called from any thread. The
 * creator owns the stream and must {@link #close} it.
 */
public final class BinanceBookStream implements AutoCloseable {

  /*
   * One loop thread, as KalshiBookStream: the JDK WebSocket listener only assembles text frames and
   * hands whole messages to the loop, which parses and applies them and then requests the next
   * (back-pressure). Connections carry a generation; callbacks and snapshot answers of an older one
   * are dropped.
   *
   * Books: one DepthSynchronizer per symbol (the documented procedure; see its comment). A GAP, or
   * a malformed payload on a symbol's depth stream, marks that symbol's book STALE (markStale: epoch
   * bump) and fetches a new snapshot for that symbol only; the other symbols are untouched. The
   * first book after a stale mark is published with publishDiscontinuous (one epoch for the whole
   * break). Tops (bookTicker) are published when their u is newer than the last one.
   *
   * Snapshots: one per symbol as soon as its stream is open (at connect, or after its SUBSCRIBE),
   * so a quiet symbol has a book too; after a gap or a malformed payload once the next diff is
   * buffered. Fetched on the snapshot thread through BinanceRest, so they go through the REST
   * budget (weight, X-MBX-USED-WEIGHT-1M, 429/418 Retry-After, circuit). A failure is retried when
   * the synchronizer says the retry interval has passed (a one-second housekeeping tick asks every
   * symbol).
   *
   * Control messages: symbols added while connected are subscribed with SUBSCRIBE messages paced
   * by ControlPacer (default 4 a second, Binance counts 5 incoming messages a second including
   * pongs). Symbols known at connect time go in the URL and cost no control message.
   *
   * Connection age: Binance closes a connection after 24 h; the stream reconnects on its own after
   * maxConnectionAge (default 23 h), a planned disconnect that resyncs every book like any other.
   * Pings: the JDK WebSocket answers every Ping with a Pong echoing its payload (tested against a
   * loopback server). Disconnects mark every book and top STALE and reconnect with capped,
   * jittered exponential backoff, reset when a message arrives on the new connection.
   */
  private static final System.Logger LOG = System.getLogger(BinanceBookStream.class.getName());
  private static final AtomicInteger THREADS = new AtomicInteger();

  /** Most symbols on one connection: two streams each, Binance allows 1,024 streams. */
  public static final int MAX_SYMBOLS = 512;

  /** The staleness threshold readers should apply to Binance books by default. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(1);

  private static final int SYMBOLS_PER_SUBSCRIBE = 50;

  private final BinanceRest rest;
  private final UpstreamClient client;
  private final URI streamBase;
  private final KeyedSnapshotStore<MarketKey, OrderBook> books;
  private final Optional<KeyedSnapshotStore<MarketKey, OrderBook>> tops;
  private final Clock clock;
  private final int depthLimit;
  private final Duration maxConnectionAge;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration connectTimeout;
  private final Duration snapshotRetry;
  private final RandomGenerator random;
  private final ScheduledExecutorService loop;
  private final ExecutorService fetcher;
  private final ControlPacer pacer;

  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong diffs = new AtomicLong();
  private final AtomicLong tickers = new AtomicLong();
  private final AtomicLong gaps = new AtomicLong();
  private final AtomicLong resyncs = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong snapshots = new AtomicLong();
  private final AtomicLong snapshotFailures = new AtomicLong();
  private final AtomicLong snapshotsTooOld = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong rotations = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong serverErrors = new AtomicLong();
  private final AtomicLong controlMessages = new AtomicLong();
  private volatile boolean connected;
  private volatile boolean closed;

  // Event-loop state: touched only on the loop thread.
  private final Map<String, Sym> symbols = new LinkedHashMap<>();
  private final ArrayDeque<List<String>> pendingSubscribes = new ArrayDeque<>();
  private final Set<String> loggedMalformed = new HashSet<>();
  private final Set<String> onConnection = new HashSet<>();
  private boolean started;
  private boolean connecting;
  private long generation;
  private long nextCommandId;
  private int attempt;
  private boolean everOpened;
  private WebSocket socket;
  private CompletableFuture<WebSocket> sends = CompletableFuture.completedFuture(null);
  private ScheduledFuture<?> reconnectTask;
  private ScheduledFuture<?> rotateTask;
  private ScheduledFuture<?> drainTask;
  private ScheduledFuture<?> housekeeping;

  /** One symbol: its synchronizer and what was published for it. */
  private static final class Sym {
    final String symbol;
    final MarketKey key;
    final DepthSynchronizer sync;
    boolean discontinuous = true;
    boolean stale;
    boolean topStale;
    long lastTopId = -1;

    Sym(String symbol, DepthSynchronizer sync) {
      this.symbol = symbol;
      this.key = new MarketKey(Venue.BINANCE, symbol);
      this.sync = sync;
    }
  }

  /**
   * Counters of a stream, read at one moment.
   *
   * @param messages text messages received
   * @param diffs depth diffs received
   * @param tickers bookTicker messages received
   * @param gaps continuity breaks of a symbol's diff stream
   * @param resyncs books dropped and re-fetched (gaps and malformed depth payloads)
   * @param duplicates diffs ignored because the book was already past them
   * @param snapshots REST snapshots requested
   * @param snapshotFailures REST snapshots that failed
   * @param snapshotsTooOld snapshots older than the buffered stream, fetched again
   * @param reconnects connections opened after the first one
   * @param rotations planned reconnects before the 24 h connection limit
   * @param malformed messages that could not be parsed
   * @param serverErrors error replies to control messages
   * @param controlMessages SUBSCRIBE messages sent
   * @param connected whether a connection is open now
   */
  public record Stats(
      long messages,
      long diffs,
      long tickers,
      long gaps,
      long resyncs,
      long duplicates,
      long snapshots,
      long snapshotFailures,
      long snapshotsTooOld,
      long reconnects,
      long rotations,
      long malformed,
      long serverErrors,
      long controlMessages,
      boolean connected) {}

  private BinanceBookStream(Builder b) {
    this.client = b.client;
    this.rest = BinanceRest.create(b.client);
    this.streamBase = b.streamBase;
    this.books = b.books;
    this.tops = b.tops;
    this.clock = b.clock;
    this.depthLimit = b.depthLimit;
    this.maxConnectionAge = b.maxConnectionAge;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.connectTimeout = b.connectTimeout;
    this.snapshotRetry = b.snapshotRetry;
    this.random = b.random;
    this.pacer = new ControlPacer(b.clock, b.controlMessagesPerSecond);
    int n = THREADS.incrementAndGet();
    ScheduledThreadPoolExecutor loopExecutor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "binance-ws-" + n);
              t.setDaemon(true);
              return t;
            });
    // On close, timers (reconnect, rotation, pacing) are dropped rather than waited for.
    loopExecutor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    loopExecutor.setRemoveOnCancelPolicy(true);
    this.loop = loopExecutor;
    this.fetcher =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "binance-snapshots-" + n);
              t.setDaemon(true);
              return t;
            });
    for (String s : b.symbols) {
      symbols.put(s, newSym(s));
    }
  }

  /**
   * A builder of a stream that connects to {@code streamBase} (for example {@code
   * wss://stream.binance.com:9443}) with the HTTP client of {@code client}, fetches snapshots from
   * the REST host of {@code client} through its budget, and publishes into {@code books}.
   */
  public static Builder builder(
      UpstreamClient client, URI streamBase, KeyedSnapshotStore<MarketKey, OrderBook> books) {
    return new Builder(client, streamBase, books);
  }

  /** Connects with the configured symbols; returns at once. */
  public void start() {
    if (closed) {
      throw new IllegalStateException("BinanceBookStream is closed");
    }
    submit(
        () -> {
          started = true;
          connect();
          housekeeping = loop.scheduleWithFixedDelay(this::housekeep, 1, 1, TimeUnit.SECONDS);
        });
  }

  /** Adds {@code symbols}; subscribes them now if connected (paced), else on connect. */
  public void subscribe(Collection<String> symbolList) {
    List<String> add = new ArrayList<>();
    for (String s : Objects.requireNonNull(symbolList, "symbols")) {
      add.add(BinanceRest.requireSymbol(s));
    }
    if (closed) {
      throw new IllegalStateException("BinanceBookStream is closed");
    }
    submit(
        () -> {
          List<String> fresh = new ArrayList<>();
          for (String s : add) {
            if (!symbols.containsKey(s)) {
              if (symbols.size() >= MAX_SYMBOLS) {
                LOG.log(
                    Level.WARNING,
                    "binance.ws: not subscribing {0}: {1} symbols is the most one connection"
                        + " carries",
                    s,
                    MAX_SYMBOLS);
                continue;
              }
              symbols.put(s, newSym(s));
              fresh.add(s);
            }
          }
          if (socket != null) {
            subscribeMissing();
          } else if (started && !connecting && !fresh.isEmpty() && reconnectTask == null) {
            connect();
          }
        });
  }

  /** The counters now. */
  public Stats stats() {
    return new Stats(
        messages.get(),
        diffs.get(),
        tickers.get(),
        gaps.get(),
        resyncs.get(),
        duplicates.get(),
        snapshots.get(),
        snapshotFailures.get(),
        snapshotsTooOld.get(),
        reconnects.get(),
        rotations.get(),
        malformed.get(),
        serverErrors.get(),
        controlMessages.get(),
        connected);
  }

  /** The URI of a connection carrying {@code symbols}: {@code …/stream?streams=a@x/a@y/…}. */
  static URI streamUri(URI base, Collection<String> symbols) {
    String root = base.toString();
    if (root.endsWith("/")) {
      root = root.substring(0, root.length() - 1);
    }
    StringBuilder sb = new StringBuilder(root).append("/stream?streams=");
    boolean first = true;
    for (String s : symbols) {
      for (String stream : streamsOf(s)) {
        if (!first) {
          sb.append('/');
        }
        sb.append(stream);
        first = false;
      }
    }
    return URI.create(sb.toString());
  }

  /** The stream names of one symbol: its diff stream and its bookTicker. */
  static List<String> streamsOf(String symbol) {
    String lower = symbol.toLowerCase(Locale.ROOT);
    return List.of(lower + "@depth@100ms", lower + "@bookTicker");
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
          cancel(rotateTask);
          cancel(drainTask);
          cancel(housekeeping);
          generation++;
          WebSocket ws = socket;
          socket = null;
          connected = false;
          if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closing")
                .orTimeout(2, TimeUnit.SECONDS)
                .whenComplete((w, e) -> ws.abort());
          }
          for (Sym s : symbols.values()) {
            s.sync.reset();
            markStale(s);
          }
        });
    loop.shutdown();
    fetcher.shutdownNow();
    try {
      if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      loop.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  // ------------------------------------------------------------------ connection (loop thread)

  private void connect() {
    if (closed) {
      return;
    }
    if (symbols.isEmpty()) {
      return; // connects when the first symbol is subscribed
    }
    long gen = ++generation;
    reconnectTask = null;
    connecting = true;
    pendingSubscribes.clear();
    onConnection.clear();
    onConnection.addAll(symbols.keySet());
    URI uri = streamUri(streamBase, symbols.keySet());
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
    connecting = false;
    sends = CompletableFuture.completedFuture(ws);
    connected = true;
    pacer.reset();
    if (everOpened) {
      reconnects.incrementAndGet();
    }
    everOpened = true;
    LOG.log(Level.INFO, "binance.ws connected to {0} with {1} symbols", streamBase, symbols.size());
    for (String symbol : onConnection) {
      Sym s = symbols.get(symbol);
      s.sync.streamOpened();
      maybeFetch(s);
    }
    subscribeMissing();
    rotateTask =
        loop.schedule(
            () -> {
              if (gen == generation && !closed) {
                rotations.incrementAndGet();
                reconnectNow(gen, "connection age limit " + maxConnectionAge + " reached");
              }
            },
            maxConnectionAge.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  private void reconnectNow(long gen, String reason) {
    LOG.log(Level.INFO, "binance.ws reconnecting: {0}", reason);
    dropConnection(gen);
    connect();
  }

  private void disconnected(long gen, String reason) {
    if (gen != generation) {
      return;
    }
    dropConnection(gen);
    if (closed) {
      return;
    }
    long delay = backoffMillis(attempt++, initialBackoff, maxBackoff, random);
    LOG.log(Level.WARNING, "binance.ws disconnected ({0}); reconnecting in {1} ms", reason, delay);
    reconnectTask = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  private void dropConnection(long gen) {
    if (gen != generation) {
      return;
    }
    generation++;
    WebSocket ws = socket;
    socket = null;
    connected = false;
    connecting = false;
    onConnection.clear();
    cancel(rotateTask);
    cancel(drainTask);
    pendingSubscribes.clear();
    if (ws != null) {
      ws.abort();
    }
    for (Sym s : symbols.values()) {
      s.sync.reset();
      s.lastTopId = -1;
      markStale(s);
    }
  }

  /** Delay before reconnect attempt {@code n} (0-based): equal jitter over a capped doubling. */
  static long backoffMillis(int n, Duration initial, Duration max, RandomGenerator random) {
    long base = initial.toMillis() << Math.min(n, 20);
    long capped = Math.max(1, Math.min(base, max.toMillis()));
    long half = capped / 2;
    return half + random.nextLong(capped - half + 1);
  }

  private void housekeep() {
    if (closed || socket == null) {
      return;
    }
    for (Sym s : symbols.values()) {
      maybeFetch(s);
    }
  }

  // ------------------------------------------------------------------ control (loop thread)

  /** Queues SUBSCRIBE messages for the symbols the open connection does not carry yet. */
  private void subscribeMissing() {
    List<String> missing = new ArrayList<>();
    for (String s : symbols.keySet()) {
      if (onConnection.add(s)) {
        missing.add(s);
      }
    }
    for (int from = 0; from < missing.size(); from += SYMBOLS_PER_SUBSCRIBE) {
      pendingSubscribes.add(
          List.copyOf(
              missing.subList(from, Math.min(missing.size(), from + SYMBOLS_PER_SUBSCRIBE))));
    }
    drainControl();
  }

  private void drainControl() {
    drainTask = null;
    while (!pendingSubscribes.isEmpty() && socket != null) {
      long wait = pacer.delayNanos();
      if (wait > 0) {
        drainTask = loop.schedule(this::drainControl, wait, TimeUnit.NANOSECONDS);
        return;
      }
      List<String> batch = pendingSubscribes.poll();
      ObjectNode cmd = BinanceJson.MAPPER.createObjectNode();
      cmd.put("method", "SUBSCRIBE");
      ArrayNode params = cmd.putArray("params");
      for (String s : batch) {
        streamsOf(s).forEach(params::add);
      }
      cmd.put("id", ++nextCommandId);
      pacer.sent();
      controlMessages.incrementAndGet();
      send(cmd.toString());
      for (String symbol : batch) {
        Sym s = symbols.get(symbol);
        s.sync.streamOpened();
        maybeFetch(s);
      }
    }
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

  // ------------------------------------------------------------------ messages (loop thread)

  private void received(long gen, String text) {
    if (gen != generation) {
      return;
    }
    messages.incrementAndGet();
    attempt = 0;
    BinanceJson.Message m;
    try {
      m = BinanceJson.message(text);
    } catch (BinanceJson.Malformed e) {
      malformed(text, e);
      return;
    }
    switch (m) {
      case BinanceJson.Diff d -> diff(d.diff());
      case BinanceJson.Ticker t -> ticker(t.ticker());
      case BinanceJson.Reply r -> reply(r);
      case BinanceJson.Other o -> LOG.log(Level.DEBUG, "binance.ws ignoring {0}", o.what());
    }
  }

  private void diff(DepthDiff d) {
    diffs.incrementAndGet();
    Sym s = symbols.get(d.symbol());
    if (s == null) {
      LOG.log(Level.DEBUG, "binance.ws diff of unsubscribed symbol {0}", d.symbol());
      return;
    }
    switch (s.sync.onDiff(d)) {
      case APPLIED -> publish(s);
      case IGNORED -> duplicates.incrementAndGet();
      case GAP -> {
        gaps.incrementAndGet();
        resync(s, "update ids jump to U=" + d.firstUpdateId());
      }
      case BUFFERED, SYNCED, SNAPSHOT_TOO_OLD -> maybeFetch(s);
    }
  }

  private void ticker(BookTicker t) {
    tickers.incrementAndGet();
    Sym s = symbols.get(t.symbol());
    if (s == null || tops.isEmpty() || t.updateId() <= s.lastTopId) {
      return;
    }
    s.lastTopId = t.updateId();
    SnapshotStore<OrderBook> store = tops.get().store(s.key);
    if (s.topStale && store.latest().isPresent()) {
      store.publishDiscontinuous(t.toBook(), Provenance.LIVE);
    } else {
      store.publish(t.toBook());
    }
    s.topStale = false;
  }

  private void reply(BinanceJson.Reply r) {
    if (!r.ok()) {
      serverErrors.incrementAndGet();
      LOG.log(
          Level.WARNING,
          "binance.ws error reply{0}: {1}",
          r.id().map(id -> " to command " + id).orElse(""),
          r.detail());
    }
  }

  private void resync(Sym s, String reason) {
    resyncs.incrementAndGet();
    LOG.log(Level.INFO, "binance.ws resync of {0}: {1}", s.symbol, reason);
    markStale(s);
    maybeFetch(s);
  }

  private void maybeFetch(Sym s) {
    if (!s.sync.snapshotDue() || closed) {
      return;
    }
    s.sync.snapshotRequested();
    snapshots.incrementAndGet();
    long gen = generation;
    try {
      fetcher.execute(
          () -> {
            try {
              DepthSnapshot snap = rest.depth(s.symbol, depthLimit);
              submit(() -> snapshotArrived(gen, s, snap));
            } catch (UpstreamException | IllegalArgumentException e) {
              submit(() -> snapshotFailed(gen, s, e));
            }
          });
    } catch (RejectedExecutionException e) {
      // Closed.
    }
  }

  private void snapshotArrived(long gen, Sym s, DepthSnapshot snap) {
    if (gen != generation || closed) {
      return;
    }
    switch (s.sync.onSnapshot(snap)) {
      case SYNCED -> publish(s);
      case SNAPSHOT_TOO_OLD -> {
        snapshotsTooOld.incrementAndGet();
        maybeFetch(s);
      }
      case GAP -> {
        gaps.incrementAndGet();
        resync(s, "buffered diffs are not continuous");
      }
      case BUFFERED, APPLIED, IGNORED -> {}
    }
  }

  private void snapshotFailed(long gen, Sym s, RuntimeException e) {
    snapshotFailures.incrementAndGet();
    if (gen != generation || closed) {
      return;
    }
    s.sync.snapshotFailed();
    LOG.log(
        Level.WARNING,
        "binance depth snapshot of {0} failed ({1}); retrying in {2} ms",
        s.symbol,
        e.getMessage(),
        snapshotRetry.toMillis());
  }

  private void publish(Sym s) {
    Optional<OrderBook> book = s.sync.book();
    if (book.isEmpty()) {
      return;
    }
    SnapshotStore<OrderBook> store = books.store(s.key);
    if (s.discontinuous && store.latest().isPresent()) {
      store.publishDiscontinuous(book.get(), Provenance.LIVE);
    } else {
      store.publish(book.get());
    }
    s.discontinuous = false;
    s.stale = false;
  }

  private void markStale(Sym s) {
    s.discontinuous = true;
    if (!s.stale) {
      Optional<SnapshotStore<OrderBook>> store = books.find(s.key);
      if (store.isPresent() && store.get().latest().isPresent()) {
        store.get().markStale();
        s.stale = true;
      }
    }
    if (!s.topStale && tops.isPresent()) {
      Optional<SnapshotStore<OrderBook>> store = tops.get().find(s.key);
      if (store.isPresent() && store.get().latest().isPresent()) {
        store.get().markStale();
        s.topStale = true;
      }
    }
  }

  private void malformed(String text, BinanceJson.Malformed e) {
    malformed.incrementAndGet();
    String stream = e.stream().orElse("(no stream)");
    String excerpt = text.length() <= 300 ? text : text.substring(0, 300) + "...";
    if (loggedMalformed.add(stream)) {
      LOG.log(
          Level.WARNING,
          "binance.ws malformed message on {0} ({1}): {2} (further ones on this stream are"
              + " counted and logged at debug level)",
          stream,
          e.getMessage(),
          excerpt);
    } else {
      LOG.log(Level.DEBUG, "binance.ws malformed message on {0} ({1})", stream, e.getMessage());
    }
    if (e.stream().isPresent() && BinanceJson.kind(stream).equals("depth")) {
      Sym s = symbols.get(BinanceJson.symbolOf(stream));
      if (s != null) {
        // An update of this book may be lost: the book can no longer be trusted.
        s.sync.reset();
        resync(s, "malformed depth payload");
      }
    }
  }

  private Sym newSym(String symbol) {
    return new Sym(
        symbol,
        new DepthSynchronizer(
            symbol, clock, DepthSynchronizer.DEFAULT_MAX_BUFFERED, snapshotRetry));
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }

  private void submit(Runnable task) {
    try {
      loop.execute(task);
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
            BinanceBookStream.this.opened(gen, ws);
          }

          @Override
          public void received(String message) {
            BinanceBookStream.this.received(gen, message);
          }

          @Override
          public void unexpected(String message, RuntimeException e) {
            BinanceBookStream.this.malformed(
                message, new BinanceJson.Malformed(null, "unexpected " + e));
          }

          @Override
          public void disconnected(String reason) {
            BinanceBookStream.this.disconnected(gen, reason);
          }
        });
  }

  @Override
  public String toString() {
    return "BinanceBookStream[" + streamBase + ", " + stats() + "]";
  }

  /** Configures and builds a {@link BinanceBookStream}. Not thread-safe. */
  public static final class Builder {
    private final UpstreamClient client;
    private final URI streamBase;
    private final KeyedSnapshotStore<MarketKey, OrderBook> books;
    private Optional<KeyedSnapshotStore<MarketKey, OrderBook>> tops = Optional.empty();
    private final Set<String> symbols = new LinkedHashSet<>();
    private Clock clock = Clock.system();
    private int depthLimit = BinanceRest.DEFAULT_DEPTH_LIMIT;
    private int controlMessagesPerSecond = 4;
    private Duration maxConnectionAge = Duration.ofHours(23);
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration snapshotRetry = DepthSynchronizer.DEFAULT_SNAPSHOT_RETRY;
    private RandomGenerator random = RandomGenerator.getDefault();

    private Builder(
        UpstreamClient client, URI streamBase, KeyedSnapshotStore<MarketKey, OrderBook> books) {
      this.client = Objects.requireNonNull(client, "client");
      this.streamBase = Objects.requireNonNull(streamBase, "streamBase");
      this.books = Objects.requireNonNull(books, "books");
    }

    /** Symbols to stream from the start (upper or lower case; at most {@value #MAX_SYMBOLS}). */
    public Builder symbols(Collection<String> symbols) {
      for (String s : Objects.requireNonNull(symbols, "symbols")) {
        this.symbols.add(BinanceRest.requireSymbol(s));
      }
      if (this.symbols.size() > MAX_SYMBOLS) {
        throw new IllegalArgumentException(
            "one connection carries at most "
                + MAX_SYMBOLS
                + " symbols, got "
                + this.symbols.size());
      }
      return this;
    }

    /** A store for the bookTicker top of book of each symbol (default: tops are not kept). */
    public Builder tops(KeyedSnapshotStore<MarketKey, OrderBook> tops) {
      this.tops = Optional.of(Objects.requireNonNull(tops, "tops"));
      return this;
    }

    /** The clock of the synchronizers' snapshot retries and the control pacing (default system). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Levels per side of each REST snapshot (default 1,000: weight 50). */
    public Builder depthLimit(int limit) {
      BinanceRest.depthWeight(limit); // validates
      this.depthLimit = limit;
      return this;
    }

    /** Most SUBSCRIBE messages a second, 1 to 5 (default 4: room for a pong). */
    public Builder controlMessagesPerSecond(int perSecond) {
      if (perSecond < 1 || perSecond > 5) {
        throw new IllegalArgumentException(
            "controlMessagesPerSecond must be 1 to 5, was " + perSecond);
      }
      this.controlMessagesPerSecond = perSecond;
      return this;
    }

    /** Age after which a connection is replaced, below Binance's 24 h limit (default 23 h). */
    public Builder maxConnectionAge(Duration age) {
      if (age.isNegative() || age.isZero() || age.compareTo(Duration.ofHours(24)) >= 0) {
        throw new IllegalArgumentException(
            "maxConnectionAge must be positive and under 24 h, was " + age);
      }
      this.maxConnectionAge = age;
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
      this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
      return this;
    }

    /** Wait before a failed or unanswered snapshot is fetched again (default 5 s). */
    public Builder snapshotRetry(Duration retry) {
      if (retry.isNegative() || retry.isZero()) {
        throw new IllegalArgumentException("snapshotRetry must be positive, was " + retry);
      }
      this.snapshotRetry = retry;
      return this;
    }

    /** Source of the backoff jitter (default {@link RandomGenerator#getDefault()}). */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Builds the stream; call {@link BinanceBookStream#start()} to connect. */
    public BinanceBookStream build() {
      return new BinanceBookStream(this);
    }
  }
}
