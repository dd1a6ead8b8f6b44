package io.marketgate.server.ingest;

import io.marketgate.cache.CachedResource;
import io.marketgate.cache.ResourcePolicy;
import io.marketgate.cache.Served;
import io.marketgate.model.Market;
import io.marketgate.model.MarketKey;
import io.marketgate.model.Venue;
import io.marketgate.server.ingest.SourceStatus.Kind;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.kalshi.KalshiMarket;
import io.marketgate.upstream.kalshi.KalshiRest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

/**
 * Polls the Kalshi markets of a few series (for example the NBA's {@code KXNBAGAME}, {@code
 * KXNBASPREAD}, {@code KXNBATOTAL}) on a jittered policy and keeps {@link MarketData#markets()}
 * equal to what Kalshi lists: changed markets are published, unchanged ones are not (versions and
 * ETags stay put), markets that left the listing are marked stale at once and removed after a grace
 * period, as are markets listed closed or settled.
 *
 * <p>Thread-safe. Polls run one at a time on the scheduler; this source is the single writer of
 * every market key it publishes. The gateway owns it: {@link #start()} once, {@link #close()} at
 * shutdown.
 */
public final class KalshiMarketsSource implements Source {

  /*
   * The per-series listing is a CachedResource<series, List<KalshiMarket>>: each poll calls
   * refresh(series) for every series at once, so a refreshNow() that lands while a poll is in
   * flight joins that load instead of calling Kalshi again, and any other reader of marketLists()
   * (a slate builder warming up, an admin route) shares the same single-flight cache and is served
   * the last good listing, labelled stale, while Kalshi fails. The store, not the resource, is what
   * consumers read; the resource's ttl is two intervals so that it serves fresh between polls.
   *
   * A series whose listing failed in a poll is left alone: none of its markets counts as missing,
   * so a failure never removes data; the store simply ages. A market missing from a successful
   * listing is marked STALE (epoch bump) at once and removed after the grace period; one that
   * comes back within it is republished LIVE.
   */

  /** The source name. */
  public static final String NAME = "kalshi.markets";

  /** The NBA game, spread and total series. */
  public static final List<String> NBA_SERIES = List.of("KXNBAGAME", "KXNBASPREAD", "KXNBATOTAL");

  private static final Set<String> ENDED =
      Set.of("closed", "settled", "finalized", "determined", "deactivated");

  private final MarketData data;
  private final UpstreamClient client;
  private final List<String> series;
  private final Duration pollTimeout;
  private final CachedResource<String, List<KalshiMarket>> listings;
  private final KeyedPublisher<MarketKey, Market> publisher;
  private final SourceHealth health;
  private final PollLoop loop;
  private volatile int keys;

  private KalshiMarketsSource(Builder b) {
    this.data = b.data;
    this.client = b.client;
    this.series = List.copyOf(b.series);
    this.pollTimeout = b.pollTimeout;
    KalshiRest rest = b.rest.orElseGet(() -> KalshiRest.create(b.client));
    String status = b.status;
    Duration ttl = b.policy.interval().multipliedBy(2);
    this.listings =
        CachedResource.<String, List<KalshiMarket>>builder(
                NAME,
                s -> rest.markets(KalshiRest.MarketQuery.all().seriesTicker(s).status(status)))
            .policy(ResourcePolicy.of(ttl).withMaxStale(ttl.plus(b.removeAfter)))
            .clock(data.clock())
            .build();
    this.publisher = new KeyedPublisher<>(data.markets(), data.clock(), b.removeAfter);
    this.health =
        new SourceHealth(
            NAME,
            Venue.KALSHI.id(),
            Kind.POLL,
            data.clock(),
            b.silentAfter.orElse(b.policy.interval().multipliedBy(3)),
            b.downAfterFailures,
            "polls",
            "publishes",
            "unchanged",
            "failures",
            "stale",
            "removed",
            "malformed");
    ScheduledExecutorService scheduler = b.scheduler.orElseGet(() -> PollLoop.ownScheduler(NAME));
    this.loop =
        new PollLoop(NAME, scheduler, b.scheduler.isEmpty(), b.policy, b.random, this::pollOnce);
  }

  /**
   * A builder of a source that publishes into {@code data} and calls Kalshi through {@code client}.
   */
  public static Builder builder(MarketData data, UpstreamClient client) {
    return new Builder(data, client);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start() {
    loop.start();
  }

  @Override
  public void refreshNow() {
    loop.runNow();
  }

  /**
   * The per-series market listings this source polls, as a single-flight cache keyed by series
   * ticker: share it instead of calling Kalshi's market list elsewhere.
   */
  public CachedResource<String, List<KalshiMarket>> marketLists() {
    return listings;
  }

  @Override
  public SourceStatus status() {
    return health.status(health.pollState(), keys, 0, client.budget().status(), Map.of());
  }

  @Override
  public void close() {
    health.closed();
    loop.close();
  }

  /** One poll: every series listed at once, then the store brought in line; never throws. */
  synchronized void pollOnce() {
    if (health.isClosed()) {
      return;
    }
    health.count("polls");
    Map<String, CompletableFuture<Served<List<KalshiMarket>>>> calls = new LinkedHashMap<>();
    for (String s : series) {
      calls.put(s, listings.refresh(s));
    }
    Map<MarketKey, Market> seen = new LinkedHashMap<>();
    Set<String> listed = new HashSet<>();
    Optional<Throwable> failure = Optional.empty();
    for (Map.Entry<String, CompletableFuture<Served<List<KalshiMarket>>>> call : calls.entrySet()) {
      try {
        List<KalshiMarket> markets =
            call.getValue().get(pollTimeout.toNanos(), TimeUnit.NANOSECONDS).value();
        listed.add(call.getKey());
        for (KalshiMarket m : markets) {
          try {
            Market market = toMarket(m, call.getKey());
            seen.put(market.key(), market);
          } catch (RuntimeException e) {
            health.count("malformed");
            health.note("market " + m.ticker() + " skipped: " + SourceHealth.describe(e));
          }
        }
      } catch (ExecutionException e) {
        failure = Optional.of(e.getCause());
      } catch (TimeoutException e) {
        failure =
            Optional.of(
                new TimeoutException(
                    "series " + call.getKey() + " not listed within " + pollTimeout));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    KeyedPublisher.Synced synced =
        publisher.sync(
            seen,
            key ->
                data.markets()
                    .latest(key)
                    .map(l -> listed.contains(seriesOf(l.value())))
                    .orElse(false),
            market -> ENDED.contains(market.status()));
    health.count("publishes", synced.published());
    health.count("unchanged", synced.unchanged());
    health.count("stale", synced.markedStale());
    health.count("removed", synced.removed());
    keys = publisher.size();
    if (failure.isPresent()) {
      health.failure(failure.get());
    } else {
      health.data();
    }
  }

  private static String seriesOf(Market market) {
    return market.seriesTicker().orElse("");
  }

  /** The model market of a Kalshi market listed under {@code polledSeries}. */
  static Market toMarket(KalshiMarket m, String polledSeries) {
    int dash = m.eventTicker().indexOf('-');
    String seriesTicker = dash > 0 ? m.eventTicker().substring(0, dash) : polledSeries;
    Map<String, String> attributes = new LinkedHashMap<>();
    put(attributes, "market_type", m.marketType());
    put(attributes, "subtitle", m.subtitle());
    put(attributes, "yes_sub_title", m.yesSubTitle());
    put(attributes, "no_sub_title", m.noSubTitle());
    put(attributes, "strike_type", m.strikeType());
    putDecimal(attributes, "floor_strike", m.floorStrike());
    putDecimal(attributes, "cap_strike", m.capStrike());
    putDecimal(attributes, "no_bid", m.noBid());
    putDecimal(attributes, "no_ask", m.noAsk());
    putDecimal(attributes, "volume_24h", m.volume24h());
    putDecimal(attributes, "liquidity", m.liquidity());
    put(attributes, "result", m.result());
    put(attributes, "price_level_structure", m.priceLevelStructure());
    putTime(attributes, "open_time", m.openTime());
    putTime(attributes, "expected_expiration_time", m.expectedExpirationTime());
    return new Market(
        new MarketKey(Venue.KALSHI, m.ticker()),
        m.eventTicker(),
        Optional.of(seriesTicker),
        m.title().orElse(""),
        m.status().orElse("unknown").toLowerCase(Locale.ROOT),
        m.yesBid(),
        m.yesAsk(),
        m.lastPrice(),
        m.volume(),
        m.openInterest(),
        m.closeTime(),
        attributes);
  }

  private static void put(Map<String, String> out, String name, Optional<String> value) {
    value.filter(v -> !v.isEmpty()).ifPresent(v -> out.put(name, v));
  }

  private static void putDecimal(Map<String, String> out, String name, Optional<BigDecimal> value) {
    value.ifPresent(v -> out.put(name, v.toPlainString()));
  }

  private static void putTime(Map<String, String> out, String name, Optional<Instant> value) {
    value.ifPresent(v -> out.put(name, v.toString()));
  }

  @Override
  public String toString() {
    return "KalshiMarketsSource" + series;
  }

  /** Configures and builds a {@link KalshiMarketsSource}. Not thread-safe. */
  public static final class Builder {
    private final MarketData data;
    private final UpstreamClient client;
    private List<String> series = NBA_SERIES;
    private String status = "open";
    private PollPolicy policy = PollPolicy.every(Duration.ofSeconds(30));
    private Duration removeAfter = Duration.ofMinutes(10);
    private Optional<Duration> silentAfter = Optional.empty();
    private Duration pollTimeout = Duration.ofMinutes(2);
    private int downAfterFailures = 3;
    private Optional<KalshiRest> rest = Optional.empty();
    private Optional<ScheduledExecutorService> scheduler = Optional.empty();
    private RandomGenerator random = RandomGenerator.getDefault();

    private Builder(MarketData data, UpstreamClient client) {
      this.data = Objects.requireNonNull(data, "data");
      this.client = Objects.requireNonNull(client, "client");
    }

    /** The series to poll (default {@link #NBA_SERIES}). */
    public Builder series(List<String> series) {
      if (series.isEmpty()) {
        throw new IllegalArgumentException("kalshi.markets needs at least one series");
      }
      List<String> copy = new ArrayList<>();
      for (String s : series) {
        if (s == null || s.isBlank()) {
          throw new IllegalArgumentException("kalshi.markets: a series ticker is blank");
        }
        copy.add(s.strip());
      }
      this.series = List.copyOf(copy);
      return this;
    }

    /** The status filter of the listing (default {@code open}). */
    public Builder status(String status) {
      if (status == null || status.isBlank()) {
        throw new IllegalArgumentException("kalshi.markets: status filter is blank");
      }
      this.status = status.strip();
      return this;
    }

    /** How often to poll (default every 30 s ± 10 %). */
    public Builder policy(PollPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** How long a market stays after it left the listing or closed (default 10 min). */
    public Builder removeAfter(Duration grace) {
      this.removeAfter = SourceHealth.requirePositive("removeAfter", grace);
      return this;
    }

    /**
     * How old the last good listing may get before the source is DEGRADED (default 3 intervals).
     */
    public Builder silentAfter(Duration silentAfter) {
      this.silentAfter = Optional.of(SourceHealth.requirePositive("silentAfter", silentAfter));
      return this;
    }

    /** The longest one poll waits for its listings (default 2 min). */
    public Builder pollTimeout(Duration timeout) {
      this.pollTimeout = SourceHealth.requirePositive("pollTimeout", timeout);
      return this;
    }

    /** Failed polls in a row after which the source is DOWN (default 3). */
    public Builder downAfterFailures(int failures) {
      if (failures < 1) {
        throw new IllegalArgumentException("downAfterFailures must be at least 1, was " + failures);
      }
      this.downAfterFailures = failures;
      return this;
    }

    /** The REST adapter to call (default {@link KalshiRest#create} over the client). */
    public Builder rest(KalshiRest rest) {
      this.rest = Optional.of(Objects.requireNonNull(rest, "rest"));
      return this;
    }

    /** A shared scheduler to poll on (default: an own daemon thread, shut down on close). */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Optional.of(Objects.requireNonNull(scheduler, "scheduler"));
      return this;
    }

    /** The source of jitter (default {@link RandomGenerator#getDefault()}). */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Builds the source; call {@link Source#start()} to poll. */
    public KalshiMarketsSource build() {
      return new KalshiMarketsSource(this);
    }
  }
}
