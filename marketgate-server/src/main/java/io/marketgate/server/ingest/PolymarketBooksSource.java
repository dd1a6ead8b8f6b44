package io.marketgate.server.ingest;

import io.marketgate.cache.Clock;
import io.marketgate.model.Venue;
import io.marketgate.server.ingest.SourceStatus.Kind;
import io.marketgate.server.ingest.SourceStatus.State;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.polymarket.PolymarketBookStream;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Keeps the books of a fixed set of Polymarket outcome tokens in {@link MarketData#orderBooks()}
 * from the CLOB market channel, with the stream's silence watchdog and REST re-syncs (see {@link
 * PolymarketBookStream}). The stream's thread is the only writer of the Polymarket keys.
 *
 * <p>Thread-safe. The gateway owns it: {@link #start()} once, {@link #close()} at shutdown.
 */
public final class PolymarketBooksSource implements Source {

  /*
   * State. STOPPED after close; STARTING until the first data message; LIVE while connected with
   * every book live; DEGRADED when a book is stale (silent beyond the watchdog window, or awaiting
   * a re-sync after a drift), when the stream sent nothing for the watchdog window, or when the
   * stream is down but REST re-syncs succeed; DOWN when the stream is down and the last re-sync
   * failed. silentAfter is the readers' staleness threshold (default 500 ms): the HTTP layer labels
   * a Polymarket book older than that "stale", and /health reports the source silent past it.
   */

  /** The source name. */
  public static final String NAME = "polymarket.books";

  private final MarketData data;
  private final Clock clock;
  private final UpstreamClient client;
  private final Duration silenceWindow;
  private final SourceHealth health;
  private final PolymarketBookStream stream;
  private volatile boolean started;
  private volatile boolean closed;

  private PolymarketBooksSource(Builder b) {
    this.data = b.data;
    this.clock = b.data.clock();
    this.client = b.client;
    this.silenceWindow = b.silenceWindow;
    this.health =
        new SourceHealth(NAME, Venue.POLYMARKET.id(), Kind.STREAM, clock, b.staleAfter, 1);
    this.stream =
        b.streamSettings
            .apply(
                PolymarketBookStream.builder(client, b.webSocketUri, data.orderBooks())
                    .assets(b.assets)
                    .clock(clock)
                    .silenceWindow(b.silenceWindow)
                    .resyncInterval(b.resyncInterval)
                    .onData(health::dataOnly))
            .build();
  }

  /**
   * A builder of a source that publishes into {@code data}, re-syncs over REST through {@code
   * client} (budget {@code BudgetConfig.polymarketClob()}) and streams from {@code webSocketUri}.
   */
  public static Builder builder(MarketData data, UpstreamClient client, URI webSocketUri) {
    return new Builder(data, client, webSocketUri);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("source " + NAME + " is closed");
    }
    if (!started) {
      started = true;
      stream.start();
    }
  }

  @Override
  public void refreshNow() {
    stream.resyncNow();
  }

  /** The assets followed. */
  public List<String> assets() {
    return stream.assets();
  }

  @Override
  public SourceStatus status() {
    PolymarketBookStream.Stats s = stream.stats();
    if (!s.lastError().isEmpty()) {
      health.note(s.lastError());
    }
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("messages", s.messages());
    counters.put("bookEvents", s.bookEvents());
    counters.put("priceChanges", s.priceChanges());
    counters.put("malformed", s.malformed());
    counters.put("unapplicable", s.unapplicable());
    counters.put("topMismatches", s.topMismatches());
    counters.put("silences", s.silences());
    counters.put("resyncCalls", s.resyncCalls());
    counters.put("resyncFailures", s.resyncFailures());
    counters.put("corrections", s.corrections());
    counters.put("superseded", s.superseded());
    counters.put("reconnects", s.reconnects());
    counters.put("pongs", s.pongs());
    counters.put("staleBooks", (long) s.staleAssets());
    counters.put("connected", s.connected() ? 1L : 0L);
    counters.put("restFailing", s.restFailing() ? 1L : 0L);
    return health.status(
        state(s), stream.assets().size(), s.staleMarks(), client.budget().status(), counters);
  }

  private State state(PolymarketBookStream.Stats s) {
    if (closed) {
      return State.STOPPED;
    }
    if (health.age().isEmpty()) {
      return State.STARTING;
    }
    boolean silent = health.age().get().compareTo(silenceWindow) > 0;
    if (s.connected() && !silent && s.staleAssets() == 0) {
      return State.LIVE;
    }
    if (s.connected() || !s.restFailing()) {
      return State.DEGRADED;
    }
    return State.DOWN;
  }

  @Override
  public synchronized void close() {
    closed = true;
    health.closed();
    stream.close();
  }

  @Override
  public String toString() {
    return "PolymarketBooksSource[" + stream.assets().size() + " assets]";
  }

  /** Configures and builds a {@link PolymarketBooksSource}. Not thread-safe. */
  public static final class Builder {
    private final MarketData data;
    private final UpstreamClient client;
    private final URI webSocketUri;
    private List<String> assets = List.of();
    private Duration staleAfter = Duration.ofMillis(500);
    private Duration silenceWindow = Duration.ofSeconds(15);
    private Duration resyncInterval = Duration.ofSeconds(60);
    private UnaryOperator<PolymarketBookStream.Builder> streamSettings = UnaryOperator.identity();

    private Builder(MarketData data, UpstreamClient client, URI webSocketUri) {
      this.data = Objects.requireNonNull(data, "data");
      this.client = Objects.requireNonNull(client, "client");
      this.webSocketUri = Objects.requireNonNull(webSocketUri, "webSocketUri");
    }

    /** Outcome token ids whose books are kept; at least one. */
    public Builder assets(Collection<String> assets) {
      this.assets = List.copyOf(assets);
      return this;
    }

    /** How old a book may be before readers are told it is stale (default 500 ms). */
    public Builder staleAfter(Duration staleAfter) {
      this.staleAfter = SourceHealth.requirePositive("staleAfter", staleAfter);
      return this;
    }

    /** How long an asset may be silent before it is stale and re-synced (default 15 s). */
    public Builder silenceWindow(Duration window) {
      this.silenceWindow = SourceHealth.requirePositive("silenceWindow", window);
      return this;
    }

    /** How often every book is re-synced over REST (default 60 s). */
    public Builder resyncInterval(Duration interval) {
      this.resyncInterval = SourceHealth.requirePositive("resyncInterval", interval);
      return this;
    }

    /** Extra settings of the stream, such as its reconnect backoff or watchdog tick. */
    public Builder streamSettings(UnaryOperator<PolymarketBookStream.Builder> settings) {
      this.streamSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Builds the source; call {@link Source#start()} to connect. */
    public PolymarketBooksSource build() {
      return new PolymarketBooksSource(this);
    }
  }
}
