package io.marketgate.server.ingest;

import io.marketgate.model.Venue;
import io.marketgate.server.ingest.SourceStatus.Kind;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.odds.UnabatedFeed;
import io.marketgate.upstream.odds.UnabatedState;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * Polls an Unabated-style feed (a snapshot, then its changes every few seconds) and keeps {@link
 * MarketData#oddsEvents()} in line with the feed's state: changed events published, events gone
 * from the feed removed after a grace period, events that started long ago evicted. A re-snapshot
 * (the changes cursor went stale) counts as an epoch bump.
 *
 * <p>Thread-safe. Polls run one at a time on the scheduler; this source is the single writer of the
 * {@code unabated} event keys and the only caller of its feed. The gateway owns it: {@link
 * #start()} once, {@link #close()} at shutdown.
 */
public final class UnabatedSource implements Source {

  /** The source name. */
  public static final String NAME = "unabated.odds";

  private final UpstreamClient client;
  private final UnabatedFeed feed;
  private final OddsEventSync sync;
  private final SourceHealth health;
  private final PollLoop loop;

  private volatile int keys;
  private volatile long snapshots;
  private volatile long malformedItems;

  private UnabatedSource(Builder b) {
    this.client = b.client;
    this.feed = b.feed;
    this.sync = new OddsEventSync(b.data, Venue.UNABATED, b.removeAfter, b.evictAfterStart);
    this.health =
        new SourceHealth(
            NAME,
            Venue.UNABATED.id(),
            Kind.POLL,
            b.data.clock(),
            b.silentAfter.orElse(b.policy.interval().multipliedBy(6)),
            b.downAfterFailures,
            "polls",
            "publishes",
            "unchanged",
            "failures",
            "stale",
            "removed");
    ScheduledExecutorService scheduler = b.scheduler.orElseGet(() -> PollLoop.ownScheduler(NAME));
    this.loop =
        new PollLoop(NAME, scheduler, b.scheduler.isEmpty(), b.policy, b.random, this::pollOnce);
  }

  /**
   * A builder of a source that publishes into {@code data} what {@code feed} polls; {@code client}
   * is the feed's client, whose budget the status reports.
   */
  public static Builder builder(MarketData data, UpstreamClient client, UnabatedFeed feed) {
    return new Builder(data, client, feed);
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

  @Override
  public SourceStatus status() {
    return health.status(
        health.pollState(),
        keys,
        Math.max(0, snapshots - 1),
        client.budget().status(),
        Map.of("snapshots", snapshots, "malformed", malformedItems));
  }

  @Override
  public void close() {
    health.closed();
    loop.close();
  }

  /** One poll of the feed; never throws. */
  synchronized void pollOnce() {
    if (health.isClosed()) {
      return;
    }
    health.count("polls");
    UnabatedState state;
    try {
      state = feed.poll();
    } catch (RuntimeException e) {
      health.failure(e);
      return;
    }
    sync.apply(state.events(), health);
    keys = sync.size();
    snapshots = state.snapshots();
    malformedItems = state.malformedItems();
    health.data();
  }

  @Override
  public String toString() {
    return "UnabatedSource[" + feed + "]";
  }

  /** Configures and builds an {@link UnabatedSource}. Not thread-safe. */
  public static final class Builder {
    private final MarketData data;
    private final UpstreamClient client;
    private final UnabatedFeed feed;
    private PollPolicy policy = PollPolicy.every(Duration.ofSeconds(5));
    private Duration evictAfterStart = Duration.ofHours(4);
    private Duration removeAfter = Duration.ofMinutes(30);
    private Optional<Duration> silentAfter = Optional.empty();
    private int downAfterFailures = 3;
    private Optional<ScheduledExecutorService> scheduler = Optional.empty();
    private RandomGenerator random = RandomGenerator.getDefault();

    private Builder(MarketData data, UpstreamClient client, UnabatedFeed feed) {
      this.data = Objects.requireNonNull(data, "data");
      this.client = Objects.requireNonNull(client, "client");
      this.feed = Objects.requireNonNull(feed, "feed");
    }

    /**
     * How often to poll (default every 5 s ± 10 %; Unabated asks for at most one call a second).
     */
    public Builder policy(PollPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** How long after its start an event is evicted (default 4 h). */
    public Builder evictAfterStart(Duration age) {
      this.evictAfterStart = SourceHealth.requirePositive("evictAfterStart", age);
      return this;
    }

    /** How long an event stays after it left the feed (default 30 min). */
    public Builder removeAfter(Duration grace) {
      this.removeAfter = SourceHealth.requirePositive("removeAfter", grace);
      return this;
    }

    /** How old the last good answer may get before the source is DEGRADED (default 6 intervals). */
    public Builder silentAfter(Duration silentAfter) {
      this.silentAfter = Optional.of(SourceHealth.requirePositive("silentAfter", silentAfter));
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
    public UnabatedSource build() {
      return new UnabatedSource(this);
    }
  }
}
