package io.marketgate.server.ingest;

import io.marketgate.cache.Clock;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import io.marketgate.model.MarketKey;
import io.marketgate.model.OrderBook;
import io.marketgate.model.Venue;
import io.marketgate.server.ingest.SourceStatus.Kind;
import io.marketgate.server.ingest.SourceStatus.State;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.binance.BinanceBookStream;
import io.marketgate.upstream.binance.BinanceRest;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Keeps the Binance spot books of a fixed set of symbols in {@link MarketData#orderBooks()} from
 * one combined-stream connection ({@link BinanceBookStream}), with REST depth snapshots through the
 * Binance weight budget; keeps each symbol's bookTicker top of book in {@link #tops()}.
 *
 * <p>Thread-safe. The stream's event loop is the only writer of the Binance keys of {@code
 * orderBooks()} and of {@code tops()}. The gateway owns the source: {@link #start()} once, {@link
 * #close()} at shutdown.
 */
public final class BinanceBooksSource implements Source {

  /*
   * State: LIVE when connected and every symbol's book is live and younger than staleAfter
   * (silentAfter of this source, so the HTTP layer labels older books stale by the same window);
   * DEGRADED when connected but some book is stale, missing or old (a resync in progress); DOWN
   * when disconnected after data was seen; STARTING before any book. Epoch bumps are the stale
   * marks the stream publishes (gaps, malformed payloads, disconnects), counted by a store
   * listener. At start the REQUEST_WEIGHT limit is read once from exchangeInfo (the documented
   * figure differs between copies) and applied to the budget when it differs.
   */

  /** The source name. */
  public static final String NAME = "binance.books";

  private static final System.Logger LOG = System.getLogger(BinanceBooksSource.class.getName());

  private final MarketData data;
  private final Clock clock;
  private final UpstreamClient client;
  private final List<String> symbols;
  private final BinanceBookStream stream;
  private final KeyedSnapshotStore<MarketKey, OrderBook> tops;
  private final SourceHealth health;
  private final AtomicLong epochBumps = new AtomicLong();
  private final BiConsumer<MarketKey, Snapshot<OrderBook>> observer = this::observe;
  private volatile boolean started;
  private volatile boolean closed;

  private BinanceBooksSource(Builder b) {
    this.data = b.data;
    this.clock = b.data.clock();
    this.client = b.client;
    this.symbols = List.copyOf(b.symbols);
    this.health =
        new SourceHealth(
            NAME, Venue.BINANCE.id(), Kind.STREAM, clock, b.staleAfter, 3, "failures", "publishes");
    this.tops =
        KeyedSnapshotStore.<MarketKey, OrderBook>builder(NAME + ".tops")
            .source("binance.ws")
            .clock(clock)
            .historySize(1)
            .build();
    data.orderBooks().addListener(observer);
    this.stream =
        b.streamSettings
            .apply(
                BinanceBookStream.builder(b.client, b.streamUrl, data.orderBooks())
                    .tops(tops)
                    .symbols(symbols)
                    .clock(clock)
                    .depthLimit(b.depthLimit))
            .build();
  }

  /**
   * A builder of a source publishing into {@code data}, fetching snapshots through {@code client}
   * (its base URI is the REST host) and streaming from {@code streamUrl}.
   */
  public static Builder builder(MarketData data, UpstreamClient client, URI streamUrl) {
    return new Builder(data, client, streamUrl);
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
    if (started) {
      return;
    }
    started = true;
    stream.start();
    Thread.ofPlatform().daemon().name(NAME + "-limits").start(this::readWeightLimit);
  }

  /** The bookTicker top of book of each symbol, as a one-level-a-side book. */
  public KeyedSnapshotStore<MarketKey, OrderBook> tops() {
    return tops;
  }

  /** Reconnecting on demand is not offered: the stream resyncs by itself; does nothing. */
  @Override
  public void refreshNow() {
    LOG.log(Level.DEBUG, "{0}: refresh asked; the stream resyncs books by itself", NAME);
  }

  @Override
  public SourceStatus status() {
    BinanceBookStream.Stats s = stream.stats();
    Map<String, Long> extra = new LinkedHashMap<>();
    extra.put("messages", s.messages());
    extra.put("diffs", s.diffs());
    extra.put("tickers", s.tickers());
    extra.put("gaps", s.gaps());
    extra.put("resyncs", s.resyncs());
    extra.put("duplicates", s.duplicates());
    extra.put("snapshots", s.snapshots());
    extra.put("snapshotFailures", s.snapshotFailures());
    extra.put("snapshotsTooOld", s.snapshotsTooOld());
    extra.put("reconnects", s.reconnects());
    extra.put("rotations", s.rotations());
    extra.put("malformed", s.malformed());
    extra.put("serverErrors", s.serverErrors());
    extra.put("controlMessages", s.controlMessages());
    extra.put("liveBooks", (long) liveBooks());
    extra.put("connected", s.connected() ? 1L : 0L);
    return health.status(
        state(s), symbols.size(), epochBumps.get(), client.budget().status(), extra);
  }

  @Override
  public void close() {
    closed = true;
    health.closed();
    stream.close();
    data.orderBooks().removeListener(observer);
  }

  private State state(BinanceBookStream.Stats s) {
    if (closed) {
      return State.STOPPED;
    }
    if (!s.connected()) {
      return health.age().isEmpty() ? State.STARTING : State.DOWN;
    }
    if (health.age().isEmpty()) {
      return State.STARTING;
    }
    return liveBooks() == symbols.size() ? State.LIVE : State.DEGRADED;
  }

  /** Books that are live and younger than the stale window now. */
  private int liveBooks() {
    long now = clock.nanoTime();
    int live = 0;
    for (String symbol : symbols) {
      Snapshot<OrderBook> s =
          data.orderBooks().latest(new MarketKey(Venue.BINANCE, symbol)).orElse(null);
      if (s != null && !s.isStale(now, health.silentAfter())) {
        live++;
      }
    }
    return live;
  }

  private void observe(MarketKey key, Snapshot<OrderBook> snapshot) {
    if (key.venue() != Venue.BINANCE) {
      return;
    }
    if (snapshot.provenance() == Provenance.STALE) {
      epochBumps.incrementAndGet();
    } else {
      health.count("publishes");
      health.dataOnly();
    }
  }

  private void readWeightLimit() {
    if (!(client.budget() instanceof TokenBucketBudget budget)) {
      return;
    }
    try {
      OptionalLong limit = BinanceRest.create(client).requestWeightPerMinute(symbols.get(0));
      if (limit.isPresent() && limit.getAsLong() != budget.limit().capacity()) {
        LOG.log(
            Level.INFO,
            "{0}: exchangeInfo says REQUEST_WEIGHT {1} a minute; budget was {2}",
            NAME,
            limit.getAsLong(),
            budget.limit().capacity());
        budget.replaceLimit(
            io.marketgate.upstream.BudgetConfig.Limit.fixedWindow(
                limit.getAsLong(), Duration.ofMinutes(1)));
      }
    } catch (RuntimeException e) {
      health.note("exchangeInfo: " + SourceHealth.describe(e));
    }
  }

  @Override
  public String toString() {
    return "BinanceBooksSource[" + symbols + "]";
  }

  /** Configures and builds a {@link BinanceBooksSource}. Not thread-safe. */
  public static final class Builder {
    private final MarketData data;
    private final UpstreamClient client;
    private final URI streamUrl;
    private final Set<String> symbols = new LinkedHashSet<>();
    private int depthLimit = BinanceRest.DEFAULT_DEPTH_LIMIT;
    private Duration staleAfter = BinanceBookStream.DEFAULT_STALE_AFTER;
    private UnaryOperator<BinanceBookStream.Builder> streamSettings = UnaryOperator.identity();

    private Builder(MarketData data, UpstreamClient client, URI streamUrl) {
      this.data = Objects.requireNonNull(data, "data");
      this.client = Objects.requireNonNull(client, "client");
      this.streamUrl = Objects.requireNonNull(streamUrl, "streamUrl");
    }

    /** The symbols whose books are kept (at least one). */
    public Builder symbols(Collection<String> symbols) {
      List<String> add = new ArrayList<>();
      for (String s : Objects.requireNonNull(symbols, "symbols")) {
        if (s == null || s.isBlank()) {
          throw new IllegalArgumentException(NAME + ": a symbol is blank");
        }
        add.add(s.strip().toUpperCase(java.util.Locale.ROOT));
      }
      this.symbols.addAll(add);
      return this;
    }

    /** Levels per side of each REST snapshot (default 1,000). */
    public Builder depthLimit(int limit) {
      this.depthLimit = limit;
      return this;
    }

    /** How old a book may be before it counts as stale (default 1 s). */
    public Builder staleAfter(Duration staleAfter) {
      this.staleAfter = SourceHealth.requirePositive("staleAfter", staleAfter);
      return this;
    }

    /** Extra settings of the stream, such as its reconnect backoff. */
    public Builder streamSettings(UnaryOperator<BinanceBookStream.Builder> settings) {
      this.streamSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Builds the source; call {@link Source#start()} to connect. */
    public BinanceBooksSource build() {
      if (symbols.isEmpty()) {
        throw new IllegalArgumentException(NAME + ": at least one symbol is needed");
      }
      return new BinanceBooksSource(this);
    }
  }
}
