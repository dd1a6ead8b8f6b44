package io.marketgate.server.ingest;

import io.marketgate.model.Venue;
import io.marketgate.server.ingest.SourceStatus.Kind;
import io.marketgate.server.ingest.SourceStatus.State;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.odds.OddsApiFeed;
import io.marketgate.upstream.odds.OddsApiResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * Polls The Odds API for one sport on a jittered policy (every 60 s by default) and keeps {@link
 * MarketData#oddsEvents()} in line with it, within the account's credits: when the credits left
 * would not pay for the next poll (plus a reserve), or the API refuses the key (401, which is also
 * how it says the quota is spent), polling stops, the source reports DOWN with the reason, and
 * {@link #refreshNow()} resumes it.
 *
 * <p>Thread-safe. Polls run one at a time on the scheduler; this source is the single writer of the
 * {@code odds_api} event keys. The gateway owns it: {@link #start()} once, {@link #close()} at
 * shutdown.
 */
public final class OddsApiSource implements Source {

  /** The source name. */
  public static final String NAME = "odds_api.odds";

  private final UpstreamClient client;
  private final OddsApiFeed feed;
  private final String sport;
  private final long reserveCredits;
  private final OddsEventSync sync;
  private final String name;
  private final SourceHealth health;
  private final PollLoop loop;

  private volatile boolean stopped;
  private volatile OptionalLong creditsRemaining = OptionalLong.empty();
  private volatile int keys;

  private OddsApiSource(Builder b) {
    this.client = b.client;
    this.feed = b.feed;
    this.sport = b.sport;
    this.name = b.named ? NAME + "." + b.sport : NAME;
    this.reserveCredits = b.reserveCredits;
    this.sync = new OddsEventSync(b.data, b.removeAfter, b.evictAfterStart);
    this.health =
        new SourceHealth(
            name,
            Venue.ODDS_API.id(),
            Kind.POLL,
            b.data.clock(),
            b.silentAfter.orElse(b.policy.interval().multipliedBy(3)),
            b.downAfterFailures,
            "polls",
            "publishes",
            "unchanged",
            "failures",
            "stale",
            "removed",
            "malformed",
            "skippedNoCredits");
    ScheduledExecutorService scheduler = b.scheduler.orElseGet(() -> PollLoop.ownScheduler(name));
    this.loop =
        new PollLoop(name, scheduler, b.scheduler.isEmpty(), b.policy, b.random, this::pollOnce);
  }

  /**
   * A builder of a source that publishes into {@code data} what {@code feed} fetches; {@code
   * client} is the feed's client, whose budget the status reports.
   */
  public static Builder builder(MarketData data, UpstreamClient client, OddsApiFeed feed) {
    return new Builder(data, client, feed);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start() {
    loop.start();
  }

  /** Polls now, resuming polling if it had stopped for credits. */
  @Override
  public void refreshNow() {
    stopped = false;
    loop.runNow();
  }

  @Override
  public SourceStatus status() {
    Map<String, Long> extra = new LinkedHashMap<>();
    creditsRemaining.ifPresent(c -> extra.put("creditsRemaining", c));
    extra.put("creditsPerPoll", (long) feed.cost());
    State state = stopped ? State.DOWN : health.pollState();
    return health.status(state, keys, 0, client.budget().status(), extra);
  }

  @Override
  public void close() {
    health.closed();
    loop.close();
  }

  /** One poll, unless polling stopped for credits; never throws. */
  synchronized void pollOnce() {
    if (health.isClosed()) {
      return;
    }
    if (stopped) {
      health.count("skippedNoCredits");
      return;
    }
    health.count("polls");
    OddsApiResult result;
    try {
      result = feed.fetch(sport);
    } catch (UpstreamException e) {
      health.failure(e);
      if (e.status().filter(s -> s == 401).isPresent()) {
        stop("The Odds API refused the key (quota spent or key invalid): " + e.getMessage());
      }
      return;
    } catch (RuntimeException e) {
      health.failure(e);
      return;
    }
    sync.apply(result.events(), health);
    keys = sync.size();
    health.count("malformed", (long) result.malformedEvents() + result.malformedLines());
    health.data();
    OptionalLong remaining = result.quota().remaining();
    if (remaining.isPresent()) {
      creditsRemaining = remaining;
      if (remaining.getAsLong() < feed.cost() + reserveCredits) {
        stop(
            "credits spent: "
                + remaining.getAsLong()
                + " left, a poll costs "
                + feed.cost()
                + " and "
                + reserveCredits
                + " are reserved; polling stopped until refreshNow()");
      }
    }
  }

  private void stop(String reason) {
    stopped = true;
    health.note(reason);
  }

  @Override
  public String toString() {
    return "OddsApiSource[" + sport + "]";
  }

  /** Configures and builds an {@link OddsApiSource}. Not thread-safe. */
  public static final class Builder {
    private final MarketData data;
    private final UpstreamClient client;
    private final OddsApiFeed feed;
    private String sport = "basketball_nba";
    private boolean named;
    private PollPolicy policy = PollPolicy.every(Duration.ofSeconds(60));
    private Duration evictAfterStart = Duration.ofHours(4);
    private Duration removeAfter = Duration.ofMinutes(30);
    private Optional<Duration> silentAfter = Optional.empty();
    private long reserveCredits;
    private int downAfterFailures = 3;
    private Optional<ScheduledExecutorService> scheduler = Optional.empty();
    private RandomGenerator random = RandomGenerator.getDefault();

    private Builder(MarketData data, UpstreamClient client, OddsApiFeed feed) {
      this.data = Objects.requireNonNull(data, "data");
      this.client = Objects.requireNonNull(client, "client");
      this.feed = Objects.requireNonNull(feed, "feed");
    }

    /** The sport key to poll (default {@code basketball_nba}). */
    public Builder sport(String sport) {
      if (sport == null || sport.isBlank()) {
        throw new IllegalArgumentException("odds_api.odds: sport is blank");
      }
      this.sport = sport.strip();
      return this;
    }

    /**
     * Names the source {@code odds_api.odds.<sport>} instead of {@code odds_api.odds}, for a
     * gateway that polls several sports with one key (default false).
     */
    public Builder namedBySport(boolean named) {
      this.named = named;
      return this;
    }

    /** How often to poll (default every 60 s ± 10 %). */
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

    /** How old the last good answer may get before the source is DEGRADED (default 3 intervals). */
    public Builder silentAfter(Duration silentAfter) {
      this.silentAfter = Optional.of(SourceHealth.requirePositive("silentAfter", silentAfter));
      return this;
    }

    /** Credits never spent by polling (default 0): polling stops before going below them. */
    public Builder reserveCredits(long credits) {
      if (credits < 0) {
        throw new IllegalArgumentException("reserveCredits must not be negative, was " + credits);
      }
      this.reserveCredits = credits;
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
    public OddsApiSource build() {
      return new OddsApiSource(this);
    }
  }
}
