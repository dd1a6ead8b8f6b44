package io.marketgate.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.Snapshot;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.EventKey;
import io.marketgate.model.Market;
import io.marketgate.model.MarketKey;
import io.marketgate.model.ModelException;
import io.marketgate.model.OddsEvent;
import io.marketgate.server.api.ModelJson;
import io.marketgate.server.ingest.MarketData;
import io.marketgate.server.slate.Slate;
import io.marketgate.server.slate.SlateJson;
import io.undertow.server.handlers.sse.ServerSentEventConnection;
import io.undertow.server.handlers.sse.ServerSentEventHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/stream}: server-sent events of snapshot updates, resumable with {@code
 * Last-Event-ID}, conflated per client and key. Created and closed by {@link GatewayHttpServer};
 * the store listeners run on ingest writer threads, everything else on Undertow IO threads.
 */
final class StreamHub implements AutoCloseable {

  /*
   * The log. Store listeners (on the ingest writer threads) append each publish to one global ring
   * under a short lock, which gives every update a hub sequence g in ring order, and then only flag
   * interested clients as dirty (an atomic increment, and at most one queued task per client). They
   * never write to a socket, never render JSON and never wait for a client.
   *
   * A client. Its drain runs on its connection's IO thread, serialized by the `wip` counter (the
   * usual missed-signal loop). It reads the ring from its cursor into `pending`, a map by store and
   * key that keeps only the latest update of each key (conflation) in ascending g order, and sends
   * everything pending only when no earlier send is still in flight. A client that does not read
   * therefore holds at most one pending update per key it follows and never slows anyone else; when
   * it falls behind the whole ring it is resynced. Undertow's own queue never holds more than one
   * batch.
   *
   * Ids. An update's event id is "{instance}.{g}". Updates are sent in ascending g and each key's
   * latest update is sent no later than any higher g, so a client that saw id g holds the latest
   * value as of g of every key it follows: resuming means replaying the ring after g (conflated).
   * If g is no longer in the ring (or comes from another server instance) the client gets the
   * current snapshot of every key it follows as events of type `resync`; a fresh connection gets
   * them as type `snapshot`. Such a batch carries an id only on its last event, so a client that
   * drops mid-batch resumes from before it and gets the whole batch again.
   *
   * Memory: the ring holds references to the published (immutable) snapshots and their rendered
   * event text, at most `streamRingSize` of them.
   */

  private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final HttpString X_ACCEL_BUFFERING = new HttpString("X-Accel-Buffering");

  /** The stores a topic can name. */
  enum Store {
    MARKETS("markets"),
    BOOKS("books"),
    EVENTS("events"),
    SLATE("slate");

    final String topic;

    Store(String topic) {
      this.topic = topic;
    }

    static Optional<Store> byTopic(String name) {
      for (Store s : values()) {
        if (s.topic.equals(name)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  /** One update as it goes to clients: event type, hub sequence and the snapshot. */
  static final class Update {
    final long g;
    final Store store;
    final String key;
    final Snapshot<?> snapshot;
    final String type;
    private volatile String data;

    Update(long g, Store store, String key, Snapshot<?> snapshot, String type) {
      this.g = g;
      this.store = store;
      this.key = key;
      this.snapshot = snapshot;
      this.type = type;
    }

    String conflationKey() {
      return store.topic + ':' + key;
    }

    /** The event data, rendered on first use (benign race: every render is equal). */
    String data() {
      String d = data;
      if (d == null) {
        d = render();
        data = d;
      }
      return d;
    }

    private String render() {
      ObjectNode n = NODES.objectNode();
      n.put("topic", conflationKey());
      n.put("store", store.topic);
      n.put("key", key);
      n.put("seq", snapshot.seq());
      n.put("epoch", snapshot.epoch());
      n.put("source", snapshot.provenance().label());
      n.put("as_of", snapshot.wallTime().toString());
      if (!type.equals("update")) {
        n.put(type, true);
      }
      Object v = snapshot.value();
      switch (store) {
        case MARKETS -> n.set("value", ModelJson.market((Market) v));
        case BOOKS -> {
          MarketKey k = MarketKey.parse(key);
          n.set("value", ModelJson.binaryBook(k.venue().id(), k.ticker(), (BinaryBook) v));
        }
        case EVENTS -> n.set("value", ModelJson.oddsEvent((OddsEvent) v));
        case SLATE -> n.set("value", SlateJson.encode((Slate) v));
      }
      return new String(Responses.bytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  /** One subscription: a store and a key prefix, or one exact key. */
  record Topic(Store store, String prefix, boolean exact) {

    boolean matches(Store s, String key) {
      return s == store && (exact ? key.equals(prefix) : key.startsWith(prefix));
    }

    /**
     * Parses {@code store:*}, {@code store:venue}, {@code store:venue:KEY} or {@code
     * store:venue:PREFIX*}; for the slate {@code slate}, {@code slate:LEAGUE} or {@code
     * slate:LEAGUE:DATE}.
     */
    static Topic parse(String text) {
      if (text.equals("slate") || text.startsWith("slate:")) {
        String rest = text.equals("slate") ? "*" : text.substring("slate:".length());
        if (rest.equals("*") || rest.isEmpty()) {
          return new Topic(Store.SLATE, "", false);
        }
        return rest.indexOf(':') < 0
            ? new Topic(Store.SLATE, rest + ':', false)
            : new Topic(Store.SLATE, rest, true);
      }
      int colon = text.indexOf(':');
      Store store =
          Store.byTopic(colon < 0 ? text : text.substring(0, colon))
              .orElseThrow(
                  () ->
                      ApiError.badParameter(
                          "topics",
                          "topic \""
                              + Call.shorten(text)
                              + "\" must start with markets:, books:, events: or slate"));
      String rest = colon < 0 ? "" : text.substring(colon + 1);
      if (rest.isEmpty()) {
        throw ApiError.badParameter(
            "topics",
            "topic \""
                + Call.shorten(text)
                + "\" needs a venue, a key or * (for example books:kalshi)");
      }
      if (rest.equals("*")) {
        return new Topic(store, "", false);
      }
      int second = rest.indexOf(':');
      if (second < 0) {
        return new Topic(store, Call.venue("topics", rest).id() + ':', false);
      }
      Call.venue("topics", rest.substring(0, second));
      if (rest.endsWith("*")) {
        return new Topic(store, rest.substring(0, rest.length() - 1), false);
      }
      try {
        String canonical =
            store == Store.EVENTS
                ? EventKey.parse(rest).toString()
                : MarketKey.parse(rest).toString();
        return new Topic(store, canonical, true);
      } catch (ModelException e) {
        throw ApiError.badParameter(
            "topics", "topic \"" + Call.shorten(text) + "\": " + e.getMessage());
      }
    }
  }

  private final MarketData data;
  private final HttpLimits limits;
  private final HttpMetrics metrics;
  private final String instance;
  private final AtomicReferenceArray<Update> ring;
  private final int mask;
  private final Object appendLock = new Object();
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final BiConsumer<MarketKey, Snapshot<Market>> onMarket;
  private final BiConsumer<MarketKey, Snapshot<BinaryBook>> onBook;
  private final BiConsumer<EventKey, Snapshot<OddsEvent>> onEvent;
  private final Optional<KeyedSnapshotStore<String, Slate>> slates;
  private final BiConsumer<String, Snapshot<Slate>> onSlate;
  private volatile long head;
  private volatile boolean closed;

  StreamHub(MarketData data, HttpLimits limits, HttpMetrics metrics, String instance) {
    this(data, Optional.empty(), limits, metrics, instance);
  }

  StreamHub(
      MarketData data,
      Optional<KeyedSnapshotStore<String, Slate>> slates,
      HttpLimits limits,
      HttpMetrics metrics,
      String instance) {
    this.data = data;
    this.limits = limits;
    this.metrics = metrics;
    this.instance = instance;
    this.ring = new AtomicReferenceArray<>(limits.streamRingSize());
    this.mask = limits.streamRingSize() - 1;
    this.onMarket = (k, s) -> append(Store.MARKETS, k.toString(), s);
    this.onBook = (k, s) -> append(Store.BOOKS, k.toString(), s);
    this.onEvent = (k, s) -> append(Store.EVENTS, k.toString(), s);
    this.slates = slates;
    this.onSlate = (k, s) -> append(Store.SLATE, k, s);
    slates.ifPresent(store -> store.addListener(onSlate));
    data.markets().addListener(onMarket);
    data.books().addListener(onBook);
    data.oddsEvents().addListener(onEvent);
    metrics.streamClients(clients::size);
  }

  /** Called on an ingest writer thread after each publish: log it and flag interested clients. */
  private void append(Store store, String key, Snapshot<?> snapshot) {
    Update u;
    synchronized (appendLock) {
      long g = head + 1;
      u = new Update(g, store, key, snapshot, "update");
      ring.setRelease((int) (g & mask), u);
      head = g;
    }
    for (Client c : clients) {
      if (c.wants(store, key)) {
        c.signal();
      }
    }
  }

  /** Opens a stream for {@code call} (on its IO thread), or answers 400/503. */
  void open(Call call) throws Exception {
    String raw =
        call.query("topics")
            .orElseThrow(
                () ->
                    ApiError.badParameter(
                        "topics", "topics is required, for example topics=books:kalshi,markets:*"));
    List<Topic> topics = new ArrayList<>();
    for (String t : raw.split(",", -1)) {
      if (t.isBlank()) {
        throw ApiError.badParameter("topics", "topics contains an empty topic");
      }
      topics.add(Topic.parse(t.trim()));
    }
    if (topics.size() > limits.maxTopics()) {
      throw ApiError.badParameter(
          "topics", "at most " + limits.maxTopics() + " topics, got " + topics.size());
    }
    if (closed) {
      throw new ApiError(503, "unavailable", "the server is shutting down");
    }
    if (clients.size() >= limits.maxStreamClients()) {
      throw new ApiError(
          503,
          "too_many_streams",
          "the server already serves " + limits.maxStreamClients() + " event streams");
    }
    var io = call.exchange.getIoThread();
    call.exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
    call.exchange.getResponseHeaders().put(X_ACCEL_BUFFERING, "no");
    new ServerSentEventHandler(
            (connection, lastEventId) -> {
              Client c = new Client(connection, io, List.copyOf(topics));
              clients.add(c);
              connection.addCloseTask(closedConnection -> clients.remove(c));
              connection.setKeepAliveTime(limits.streamHeartbeat().toMillis());
              io.execute(() -> c.start(Optional.ofNullable(lastEventId)));
            })
        .handleRequest(call.exchange);
  }

  /** Number of connected clients. */
  int clientCount() {
    return clients.size();
  }

  @Override
  public void close() {
    closed = true;
    data.markets().removeListener(onMarket);
    data.books().removeListener(onBook);
    data.oddsEvents().removeListener(onEvent);
    slates.ifPresent(store -> store.removeListener(onSlate));
    for (Client c : clients) {
      c.shutdown();
    }
    clients.clear();
  }

  /** One connected event-stream client. Drain state is confined to its IO thread. */
  private final class Client implements ServerSentEventConnection.EventCallback {
    private final ServerSentEventConnection connection;
    private final Executor io;
    private final List<Topic> topics;
    private final AtomicInteger wip = new AtomicInteger();
    private final LinkedHashMap<String, Update> pending = new LinkedHashMap<>();
    private long cursor = -1; // -1 until started; IO thread only
    private int inFlight; // IO thread only

    Client(ServerSentEventConnection connection, Executor io, List<Topic> topics) {
      this.connection = connection;
      this.io = io;
      this.topics = topics;
    }

    boolean wants(Store store, String key) {
      for (Topic t : topics) {
        if (t.matches(store, key)) {
          return true;
        }
      }
      return false;
    }

    /** Any thread: the ring or a send completion has something for this client. */
    void signal() {
      if (wip.getAndIncrement() == 0) {
        io.execute(this::drain);
      }
    }

    /** IO thread: positions the cursor from Last-Event-ID or sends the current snapshots. */
    void start(Optional<String> lastEventId) {
      Optional<Long> resumeFrom = lastEventId.flatMap(this::parseId);
      if (resumeFrom.isPresent() && resumable(resumeFrom.get())) {
        cursor = resumeFrom.get();
      } else {
        snapshotAll(lastEventId.isPresent() ? "resync" : "snapshot");
      }
      signal();
    }

    private Optional<Long> parseId(String id) {
      String prefix = instance + '.';
      if (!id.startsWith(prefix)) {
        return Optional.empty();
      }
      try {
        return Optional.of(Long.parseLong(id.substring(prefix.length())));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }

    /** True when every update after {@code g} is still in the ring. */
    private boolean resumable(long g) {
      long h = head;
      if (g < 0 || g > h) {
        return false;
      }
      if (g == h) {
        return true;
      }
      Update first = ring.getAcquire((int) ((g + 1) & mask));
      return first != null && first.g == g + 1;
    }

    private void snapshotAll(String type) {
      if (type.equals("resync")) {
        metrics.resync();
      }
      pending.clear();
      long h = head;
      cursor = h;
      for (Topic t : topics) {
        switch (t.store()) {
          case MARKETS -> snapshots(data.markets(), t, h, type);
          case BOOKS -> snapshots(data.books(), t, h, type);
          case EVENTS -> snapshots(data.oddsEvents(), t, h, type);
          case SLATE -> slates.ifPresent(store -> snapshots(store, t, h, type));
        }
      }
    }

    private <K, T> void snapshots(KeyedSnapshotStore<K, T> store, Topic t, long h, String type) {
      List<K> keys =
          t.exact()
              ? store.keys(k -> k.toString().equals(t.prefix()))
              : store.keysWithPrefix(t.prefix());
      for (K k : keys) {
        store.latest(k).ifPresent(s -> enqueue(new Update(h, t.store(), k.toString(), s, type)));
      }
    }

    private void drain() {
      int missed = 1;
      while (true) {
        try {
          if (cursor >= 0 && connection.isOpen()) {
            pull();
            flush();
          }
        } catch (RuntimeException e) {
          LOG.warn("event stream failed; closing it", e);
          shutdown();
        }
        missed = wip.addAndGet(-missed);
        if (missed == 0) {
          return;
        }
      }
    }

    private void pull() {
      long h = head;
      if (h - cursor > ring.length()) {
        snapshotAll("resync");
        return;
      }
      for (long g = cursor + 1; g <= h; g++) {
        Update u = ring.getAcquire((int) (g & mask));
        if (u == null || u.g != g) {
          snapshotAll("resync");
          return;
        }
        if (wants(u.store, u.key)) {
          enqueue(u);
        }
      }
      cursor = h;
    }

    private void enqueue(Update u) {
      if (pending.remove(u.conflationKey()) != null) {
        metrics.conflated();
      }
      pending.put(u.conflationKey(), u);
    }

    private void flush() {
      if (inFlight > 0 || pending.isEmpty()) {
        return;
      }
      List<Update> batch = new ArrayList<>(pending.values());
      pending.clear();
      int lastSnapshot = -1;
      for (int i = 0; i < batch.size(); i++) {
        if (!batch.get(i).type.equals("update")) {
          lastSnapshot = i;
        }
      }
      inFlight += batch.size();
      for (int i = 0; i < batch.size(); i++) {
        Update u = batch.get(i);
        boolean withId = u.type.equals("update") || i == lastSnapshot;
        connection.send(u.data(), u.type, withId ? instance + '.' + u.g : null, this);
      }
    }

    @Override
    public void done(ServerSentEventConnection c, String data, String event, String id) {
      if (--inFlight == 0) {
        signal();
      }
    }

    @Override
    public void failed(
        ServerSentEventConnection c, String data, String event, String id, IOException e) {
      inFlight--;
      shutdown();
    }

    void shutdown() {
      clients.remove(this);
      try {
        connection.close();
      } catch (IOException | RuntimeException e) {
        LOG.debug("closing an event stream failed", e);
      }
    }
  }
}
