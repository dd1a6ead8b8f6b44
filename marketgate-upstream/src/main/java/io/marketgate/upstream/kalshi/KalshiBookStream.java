package io.marketgate.upstream.kalshi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.SnapshotStore;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.BinarySide;
import io.marketgate.model.MarketKey;
import io.marketgate.model.ModelException;
import io.marketgate.model.MutableBinaryBook;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Keeps Kalshi order books live from the WebSocket v2 {@code orderbook_delta} channel and publishes
 * every book state into a {@code KeyedSnapshotStore<MarketKey, BinaryBook>}.
 *
 * <p>Threading: all state lives on one private event-loop thread, which is the single writer of
 * every book this stream publishes; {@link #subscribe}, {@link #stats} and {@link #close} may be
 * called from any thread. The creator owns the stream and must {@link #close} it.
 */
public final class KalshiBookStream implements AutoCloseable {

  /*
   * One thread. The JDK WebSocket calls the listener on its executor; the listener only assembles
   * text frames and hands each whole message to the event loop, which parses and applies it and
   * only then requests the next message (back-pressure). Reconnect timers run on the same loop, so
   * no two threads ever touch a book or publish into the store.
   *
   * Connections carry a generation number; callbacks of an older connection are ignored.
   *
   * Subscriptions. By default each ticker gets its own subscription (tickersPerSubscription = 1).
   * Kalshi numbers messages per subscription (sid), not per ticker, so a gap in a sid may have
   * lost a message of any of its tickers; with one ticker per sid a gap costs exactly that book.
   * A resync marks the sid's books STALE (SnapshotStore.markStale, epoch bump), unsubscribes the
   * sid and subscribes its tickers afresh; the new snapshot is published with publishDiscontinuous.
   * update_subscription/get_snapshot is not used because it is unconfirmed.
   *
   * Sequence: the first message of a sid sets the baseline; seq <= last is a duplicate and is
   * ignored; seq > last + 1 is a gap. A delta whose content is malformed, a delta for a book
   * without a snapshot, or a delta that drives a level negative cannot be applied, so the book can
   * no longer be trusted: it is counted and resynced like a gap. An unparseable message without a
   * usable sid is counted, logged once and dropped. A bad message never replaces good data.
   *
   * Disconnect (close, error, failed connect): every book is marked STALE, all sids are forgotten
   * (the server assigns new ones) and a reconnect is scheduled with exponential backoff and equal
   * jitter (half fixed, half random); after the connection opens everything is subscribed again.
   * The backoff resets once the new connection delivers a subscription ack.
   *
   * Pings: the JDK WebSocket answers Ping frames with Pong by itself (tested against a loopback
   * server), so the listener only keeps the message flow going.
   *
   * The handshake is signed with the UpstreamClient's signer over GET and the URI's path
   * (/trade-api/ws/v2). Handshakes do not go through the client's Budget.
   */
  private static final System.Logger LOG = System.getLogger(KalshiBookStream.class.getName());
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final String CHANNEL = "orderbook_delta";

  private final UpstreamClient client;
  private final URI uri;
  private final KeyedSnapshotStore<MarketKey, BinaryBook> store;
  private final int tickersPerSubscription;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration connectTimeout;
  private final RandomGenerator random;
  private final ScheduledExecutorService loop;

  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong gaps = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong resyncs = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();
  private final AtomicLong malformed = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private volatile boolean connected;
  private volatile boolean closed;

  // Event-loop state: touched only on the loop thread.
  private final Set<String> wanted = new LinkedHashSet<>();
  private final Map<String, Book> books = new HashMap<>();
  private final Map<Long, Subscription> subscriptions = new HashMap<>();
  private final Map<Long, List<String>> pending = new HashMap<>();
  private final Set<Long> retired = new HashSet<>();
  private long generation;
  private long nextCommandId;
  private int attempt;
  private boolean everOpened;
  private WebSocket socket;
  private CompletableFuture<WebSocket> sends = CompletableFuture.completedFuture(null);
  private ScheduledFuture<?> reconnectTask;

  /** One book and where its updates come from. */
  private static final class Book {
    final MarketKey key;
    final MutableBinaryBook book = new MutableBinaryBook();
    long sid = -1;
    boolean hasSnapshot;
    boolean discontinuous = true;
    boolean stale;

    Book(MarketKey key) {
      this.key = key;
    }
  }

  /** One server subscription: its tickers and the last sequence number seen. */
  private static final class Subscription {
    final long sid;
    final Set<String> tickers = new LinkedHashSet<>();
    long lastSeq = -1;

    Subscription(long sid) {
      this.sid = sid;
    }
  }

  /**
   * Counters of a stream, read at one moment.
   *
   * @param messages text messages received
   * @param gaps sequence gaps detected
   * @param duplicates messages ignored because their seq was already seen
   * @param resyncs subscriptions re-subscribed to get a fresh snapshot
   * @param reconnects connections opened after the first one
   * @param malformed messages that could not be parsed or applied
   * @param errors {@code error} messages sent by the server
   * @param connected whether a connection is open now
   */
  public record Stats(
      long messages,
      long gaps,
      long duplicates,
      long resyncs,
      long reconnects,
      long malformed,
      long errors,
      boolean connected) {}

  private KalshiBookStream(Builder b) {
    this.client = b.client;
    this.uri = b.uri;
    this.store = b.store;
    this.tickersPerSubscription = b.tickersPerSubscription;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.connectTimeout = b.connectTimeout;
    this.random = b.random;
    this.wanted.addAll(b.tickers);
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "kalshi-ws-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A builder of a stream connecting to {@code webSocketUri} (for example {@link
   * KalshiEnvironment#webSocket()}) with the HTTP client and signer of {@code client}, publishing
   * into {@code store}.
   */
  public static Builder builder(
      UpstreamClient client, URI webSocketUri, KeyedSnapshotStore<MarketKey, BinaryBook> store) {
    return new Builder(client, webSocketUri, store);
  }

  /** Connects and subscribes the configured tickers; returns at once. */
  public void start() {
    if (closed) {
      throw new IllegalStateException("KalshiBookStream is closed");
    }
    loop.execute(this::connect);
  }

  /** Adds {@code tickers} to the stream; subscribes them now if connected, else on connect. */
  public void subscribe(Collection<String> tickers) {
    List<String> add = new ArrayList<>();
    for (String t : Objects.requireNonNull(tickers, "tickers")) {
      add.add(requireTicker(t));
    }
    if (closed) {
      throw new IllegalStateException("KalshiBookStream is closed");
    }
    submit(
        () -> {
          List<String> fresh = new ArrayList<>();
          for (String t : add) {
            if (wanted.add(t)) {
              fresh.add(t);
            }
          }
          if (socket != null && !fresh.isEmpty()) {
            sendSubscribe(fresh);
          }
        });
  }

  /** The counters now. */
  public Stats stats() {
    return new Stats(
        messages.get(),
        gaps.get(),
        duplicates.get(),
        resyncs.get(),
        reconnects.get(),
        malformed.get(),
        errors.get(),
        connected);
  }

  /**
   * Closes the connection, stops reconnecting, marks every book STALE and stops the event loop;
   * waits up to five seconds. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    loop.execute(
        () -> {
          if (reconnectTask != null) {
            reconnectTask.cancel(false);
          }
          generation++;
          WebSocket ws = socket;
          socket = null;
          connected = false;
          if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closing")
                .orTimeout(2, TimeUnit.SECONDS)
                .whenComplete((w, e) -> ws.abort());
          }
          markAllStale();
        });
    loop.shutdown();
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
    long gen = ++generation;
    WebSocket.Builder b = client.http().newWebSocketBuilder().connectTimeout(connectTimeout);
    client.signer().headers("GET", uri).forEach(b::header);
    b.buildAsync(uri, listener(gen))
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
    LOG.log(Level.INFO, "kalshi.ws connected to {0}; subscribing {1} tickers", uri, wanted.size());
    if (!wanted.isEmpty()) {
      sendSubscribe(new ArrayList<>(wanted));
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
    if (ws != null) {
      ws.abort();
    }
    subscriptions.clear();
    pending.clear();
    retired.clear();
    markAllStale();
    if (closed) {
      return;
    }
    long delay = backoffMillis(attempt++, initialBackoff, maxBackoff, random);
    LOG.log(Level.WARNING, "kalshi.ws disconnected ({0}); reconnecting in {1} ms", reason, delay);
    reconnectTask = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
  }

  /** Delay before reconnect attempt {@code n} (0-based): equal jitter over a capped doubling. */
  static long backoffMillis(int n, Duration initial, Duration max, RandomGenerator random) {
    long base = initial.toMillis() << Math.min(n, 20);
    long capped = Math.max(1, Math.min(base, max.toMillis()));
    long half = capped / 2;
    return half + random.nextLong(capped - half + 1);
  }

  private void markAllStale() {
    for (Book b : books.values()) {
      markStale(b);
      b.book.clear();
      b.hasSnapshot = false;
      b.sid = -1;
    }
  }

  private void markStale(Book b) {
    b.discontinuous = true;
    if (!b.stale) {
      Optional<SnapshotStore<BinaryBook>> s = store.find(b.key);
      if (s.isPresent() && s.get().latest().isPresent()) {
        s.get().markStale();
        b.stale = true;
      }
    }
  }

  // ------------------------------------------------------------------ commands (loop thread)

  private void sendSubscribe(List<String> tickers) {
    for (int from = 0; from < tickers.size(); from += tickersPerSubscription) {
      List<String> chunk =
          List.copyOf(
              tickers.subList(from, Math.min(tickers.size(), from + tickersPerSubscription)));
      long id = ++nextCommandId;
      pending.put(id, chunk);
      ObjectNode cmd = KalshiJson.MAPPER.createObjectNode();
      cmd.put("id", id);
      cmd.put("cmd", "subscribe");
      ObjectNode params = cmd.putObject("params");
      params.putArray("channels").add(CHANNEL);
      ArrayNode t = params.putArray("market_tickers");
      chunk.forEach(t::add);
      send(cmd);
    }
  }

  private void sendUnsubscribe(long sid) {
    ObjectNode cmd = KalshiJson.MAPPER.createObjectNode();
    cmd.put("id", ++nextCommandId);
    cmd.put("cmd", "unsubscribe");
    cmd.putObject("params").putArray("sids").add(sid);
    send(cmd);
  }

  private void send(ObjectNode cmd) {
    WebSocket ws = socket;
    if (ws == null) {
      return;
    }
    String text = cmd.toString();
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
    JsonNode root;
    try {
      root = KalshiJson.object(text);
    } catch (KalshiJson.Malformed e) {
      malformed(text, e.getMessage());
      return;
    }
    String type = KalshiJson.text(root, "type").orElse("");
    switch (type) {
      case "subscribed" -> subscribed(root, text);
      case "orderbook_snapshot", "orderbook_delta" -> bookMessage(type, root, text);
      case "error" -> serverError(root);
      case "" -> malformed(text, "no 'type'");
      default -> LOG.log(Level.DEBUG, "kalshi.ws ignoring message type {0}", type);
    }
  }

  private void subscribed(JsonNode root, String text) {
    JsonNode msg = root.path("msg");
    Optional<BigDecimal> id = decimalOrEmpty(root, "id");
    Optional<BigDecimal> sid = decimalOrEmpty(msg, "sid");
    if (id.isEmpty() || sid.isEmpty()) {
      malformed(text, "subscribed without id or msg.sid");
      return;
    }
    List<String> tickers = pending.remove(id.get().longValue());
    if (tickers == null) {
      LOG.log(Level.DEBUG, "kalshi.ws ack for unknown command id {0}", id.get());
      return;
    }
    attempt = 0;
    Subscription s = subscriptions.computeIfAbsent(sid.get().longValue(), Subscription::new);
    s.tickers.addAll(tickers);
    for (String t : tickers) {
      book(t).sid = s.sid;
    }
  }

  private void serverError(JsonNode root) {
    errors.incrementAndGet();
    JsonNode msg = root.path("msg");
    List<String> tickers =
        decimalOrEmpty(root, "id").map(id -> pending.remove(id.longValue())).orElse(null);
    LOG.log(
        Level.WARNING,
        "kalshi.ws error code {0}: {1}{2}",
        KalshiJson.text(msg, "code").orElse("?"),
        KalshiJson.text(msg, "msg").orElse("(no message)"),
        tickers == null ? "" : " (subscribe of " + tickers + " failed; retried on reconnect)");
  }

  private void bookMessage(String type, JsonNode root, String text) {
    Optional<BigDecimal> sidValue;
    Optional<BigDecimal> seqValue;
    try {
      sidValue = KalshiJson.decimal(root, "sid");
      seqValue = KalshiJson.decimal(root, "seq");
    } catch (KalshiJson.Malformed e) {
      malformed(text, e.getMessage());
      return;
    }
    JsonNode msg = root.get("msg");
    if (sidValue.isEmpty() || seqValue.isEmpty() || msg == null || !msg.isObject()) {
      malformed(text, type + " without sid, seq or msg");
      return;
    }
    long sid = sidValue.get().longValue();
    long seq = seqValue.get().longValue();
    String ticker = KalshiJson.text(msg, "market_ticker").orElse("");
    Subscription sub = subscriptions.get(sid);
    if (sub == null
        && type.equals("orderbook_snapshot")
        && !retired.contains(sid)
        && awaitingSnapshot(ticker)) {
      // The snapshot overtook the ack: bind the sid now; the ack merges into it.
      sub = new Subscription(sid);
      subscriptions.put(sid, sub);
    }
    if (sub == null) {
      LOG.log(Level.DEBUG, "kalshi.ws ignoring {0} of unknown sid {1}", type, sid);
      return;
    }
    if (sub.lastSeq >= 0) {
      if (seq <= sub.lastSeq) {
        duplicates.incrementAndGet();
        return;
      }
      if (seq > sub.lastSeq + 1) {
        gaps.incrementAndGet();
        resync(sub, "sequence gap: expected " + (sub.lastSeq + 1) + " but got " + seq);
        return;
      }
    }
    sub.lastSeq = seq;
    try {
      if (type.equals("orderbook_snapshot")) {
        snapshot(sub, ticker, msg);
      } else {
        delta(sub, ticker, msg);
      }
    } catch (KalshiJson.Malformed | ModelException e) {
      malformed(text, e.getMessage());
      resync(sub, "unusable " + type);
    } catch (Unapplicable e) {
      resync(sub, e.getMessage());
    }
  }

  private boolean awaitingSnapshot(String ticker) {
    Book b = books.get(ticker);
    return wanted.contains(ticker) && (b == null || !b.hasSnapshot);
  }

  private void snapshot(Subscription sub, String ticker, JsonNode msg) {
    if (ticker.isEmpty()) {
      throw new KalshiJson.Malformed("orderbook_snapshot without market_ticker");
    }
    if (!sub.tickers.contains(ticker)) {
      if (!awaitingSnapshot(ticker)) {
        LOG.log(Level.DEBUG, "kalshi.ws snapshot of unsubscribed ticker {0}", ticker);
        return;
      }
      sub.tickers.add(ticker);
    }
    BinaryBook parsed = KalshiJson.sides(msg, "orderbook_snapshot " + ticker);
    Book b = book(ticker);
    b.book.reset(parsed);
    b.sid = sub.sid;
    b.hasSnapshot = true;
    SnapshotStore<BinaryBook> s = store.store(b.key);
    if (b.discontinuous && s.latest().isPresent()) {
      s.publishDiscontinuous(b.book.snapshot(), Provenance.LIVE);
    } else {
      s.publish(b.book.snapshot());
    }
    b.discontinuous = false;
    b.stale = false;
  }

  private void delta(Subscription sub, String ticker, JsonNode msg) {
    if (ticker.isEmpty()) {
      throw new KalshiJson.Malformed("orderbook_delta without market_ticker");
    }
    Book b = books.get(ticker);
    if (b == null || !sub.tickers.contains(ticker)) {
      throw new KalshiJson.Malformed("orderbook_delta for " + ticker + " outside sid " + sub.sid);
    }
    if (!b.hasSnapshot || b.sid != sub.sid) {
      throw new Unapplicable("orderbook_delta for " + ticker + " before its snapshot");
    }
    String sideText = KalshiJson.requireText(msg, "side").toLowerCase(Locale.ROOT);
    BinarySide side =
        switch (sideText) {
          case "yes" -> BinarySide.YES;
          case "no" -> BinarySide.NO;
          default -> throw new KalshiJson.Malformed("side " + KalshiJson.quote(sideText));
        };
    BigDecimal price =
        KalshiJson.dollars(msg, "price_dollars", "price")
            .orElseThrow(() -> new KalshiJson.Malformed("delta without price_dollars or price"));
    BigDecimal delta =
        KalshiJson.count(msg, "delta_fp", "delta")
            .orElseThrow(() -> new KalshiJson.Malformed("delta without delta_fp or delta"));
    BigDecimal result = b.book.add(side, price, delta);
    if (result.signum() < 0) {
      throw new Unapplicable(
          ticker + " " + sideText + " level " + price.toPlainString() + " went negative");
    }
    store.store(b.key).publish(b.book.snapshot());
  }

  private void resync(Subscription sub, String reason) {
    resyncs.incrementAndGet();
    LOG.log(Level.INFO, "kalshi.ws resync of {0} (sid {1}): {2}", sub.tickers, sub.sid, reason);
    subscriptions.remove(sub.sid);
    retired.add(sub.sid);
    sendUnsubscribe(sub.sid);
    List<String> again = new ArrayList<>();
    for (String t : sub.tickers) {
      Book b = book(t);
      markStale(b);
      b.book.clear();
      b.hasSnapshot = false;
      b.sid = -1;
      if (wanted.contains(t)) {
        again.add(t);
      }
    }
    if (!again.isEmpty()) {
      sendSubscribe(again);
    }
  }

  private void malformed(String text, String why) {
    malformed.incrementAndGet();
    String excerpt = text.length() <= 300 ? text : text.substring(0, 300) + "...";
    LOG.log(Level.WARNING, "kalshi.ws malformed message ({0}): {1}", why, excerpt);
  }

  private Book book(String ticker) {
    return books.computeIfAbsent(ticker, t -> new Book(new MarketKey(Venue.KALSHI, t)));
  }

  private static Optional<BigDecimal> decimalOrEmpty(JsonNode node, String field) {
    try {
      return KalshiJson.decimal(node, field);
    } catch (KalshiJson.Malformed e) {
      return Optional.empty();
    }
  }

  private void submit(Runnable task) {
    try {
      loop.execute(task);
    } catch (RejectedExecutionException e) {
      // Closed: nothing left to do.
    }
  }

  private static String requireTicker(String ticker) {
    if (ticker == null || ticker.isBlank()) {
      throw new IllegalArgumentException("Kalshi ticker is missing or blank");
    }
    return ticker.strip();
  }

  /** A well-formed message that cannot be applied to the book as it is. */
  private static final class Unapplicable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unapplicable(String message) {
      super(message, null, false, false);
    }
  }

  /** The listener of connection {@code gen}: whole messages, opening and end go to the loop. */
  private EventLoopListener listener(long gen) {
    return new EventLoopListener(
        this::submit,
        new EventLoopListener.Handler() {
          @Override
          public void opened(WebSocket ws) {
            KalshiBookStream.this.opened(gen, ws);
          }

          @Override
          public void received(String message) {
            KalshiBookStream.this.received(gen, message);
          }

          @Override
          public void unexpected(String message, RuntimeException e) {
            KalshiBookStream.this.malformed(message, "unexpected " + e);
          }

          @Override
          public void disconnected(String reason) {
            KalshiBookStream.this.disconnected(gen, reason);
          }
        });
  }

  @Override
  public String toString() {
    return "KalshiBookStream[" + uri + ", " + stats() + "]";
  }

  /** Configures and builds a {@link KalshiBookStream}. Not thread-safe. */
  public static final class Builder {
    private final UpstreamClient client;
    private final URI uri;
    private final KeyedSnapshotStore<MarketKey, BinaryBook> store;
    private final Set<String> tickers = new LinkedHashSet<>();
    private int tickersPerSubscription = 1;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private RandomGenerator random = RandomGenerator.getDefault();

    private Builder(
        UpstreamClient client, URI uri, KeyedSnapshotStore<MarketKey, BinaryBook> store) {
      this.client = Objects.requireNonNull(client, "client");
      this.uri = Objects.requireNonNull(uri, "webSocketUri");
      this.store = Objects.requireNonNull(store, "store");
    }

    /** Tickers to subscribe on start. */
    public Builder tickers(Collection<String> tickers) {
      for (String t : Objects.requireNonNull(tickers, "tickers")) {
        this.tickers.add(requireTicker(t));
      }
      return this;
    }

    /**
     * How many tickers share one subscription (default 1: a sequence gap then resyncs exactly one
     * book).
     */
    public Builder tickersPerSubscription(int n) {
      if (n < 1 || n > 1000) {
        throw new IllegalArgumentException("tickersPerSubscription must be 1 to 1000, was " + n);
      }
      this.tickersPerSubscription = n;
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

    /** Source of the backoff jitter (default {@link RandomGenerator#getDefault()}). */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Builds the stream; call {@link KalshiBookStream#start()} to connect. */
    public KalshiBookStream build() {
      return new KalshiBookStream(this);
    }
  }
}
