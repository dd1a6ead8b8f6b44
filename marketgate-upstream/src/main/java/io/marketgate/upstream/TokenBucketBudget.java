package io.marketgate.upstream;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BandwidthBuilder.BandwidthBuilderBuildStage;
import io.github.bucket4j.BandwidthBuilder.BandwidthBuilderRefillStage;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.marketgate.cache.Clock;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * The {@link Budget} of one upstream credential: a Bucket4j token bucket (plus optional buckets per
 * endpoint), a bound on concurrent calls, a Resilience4j circuit breaker, retries with exponential
 * backoff and full jitter, correction from the upstream's quota headers, and counters per endpoint
 * and outcome. Built from a {@link BudgetConfig}.
 *
 * <p>Thread-safe: create one per credential and share it with every caller of that upstream. It
 * owns no threads; waiting happens on the caller's thread through the {@link Sleeper}.
 */
public final class TokenBucketBudget implements Budget {

  /*
   * One attempt: credits check (refuse when the upstream said too few are left) -> breaker
   * permission (refuse when open) -> concurrency slot -> tokens from the endpoint bucket, then the
   * main bucket (Bucket4j blocking consume with the rest of maxWait as deadline; Bucket4j reserves
   * the tokens and says how long to park, so waiters are served in reservation order without
   * spinning) -> send. A refusal at any step returns what was taken (permission, slot, tokens,
   * credits) and is counted as an outcome but not as an attempt sent. Refusals are not retried: the
   * caller's wait is already spent.
   *
   * Time: Bucket4j reads a TimeMeter, Resilience4j a java.time.Clock; both are BudgetTime over the
   * injected cache Clock, and every wait (Bucket4j's park, backoff, Retry-After) goes through the
   * Sleeper. With a ManualClock and Sleeper.advancing the whole budget runs without sleeping. Only
   * the concurrency slot waits in real time (a Semaphore), which tests never exercise with a
   * manual clock.
   *
   * Outcomes and the breaker: OK and CLIENT_ERROR are successes for the breaker (the upstream is
   * healthy, our request was wrong); SERVER_ERROR, TIMEOUT and MALFORMED are failures; 429 is
   * neither (the permission is released) because the venue is answering, just asking us to slow
   * down. Retried: RATE_LIMITED, SERVER_ERROR, TIMEOUT, MALFORMED; never CLIENT_ERROR.
   *
   * 429: the wait is Retry-After when sent (seconds or HTTP-date), else the exponential ceiling
   * base * 2^(n-1). Every bucket the call used is drained to -rate * wait (consumeIgnoringRateLimits
   * drives it into debt), so concurrent and later callers of the same budget pause as well instead
   * of each discovering the 429 for itself. Draining "to" a level rather than "by" an amount keeps
   * eight simultaneous 429s from stacking eight penalties. The retry itself waits a full-jitter
   * delay (random in [0, ceiling]) or the Retry-After, then queues for tokens like everyone else. A
   * Retry-After longer than maxBackoff ends the call at once (the drain still stops the others).
   *
   * 418 (Binance IP ban): the breaker is opened until Retry-After (default 2 minutes, the shortest
   * documented ban) with transitionToOpenStateFor, so every call is refused as CIRCUIT_OPEN without
   * reaching the venue; afterwards the breaker half-opens and probes.
   *
   * Quota headers: creditsRemaining replaces the remembered credits (each send first reserves its
   * cost from them, so parallel calls cannot overspend what the last answer said was left);
   * windowUsed lowers the main bucket to capacity - used when the server counted more than we did
   * (another process on the same IP, or our own restart). We never raise the bucket from a header:
   * attempts still in flight are not in the server's count yet.
   */

  private static final System.Logger LOG = System.getLogger(TokenBucketBudget.class.getName());
  private static final Duration DEFAULT_BAN = Duration.ofMinutes(2);
  private static final long UNKNOWN = -1;

  private final BudgetConfig config;
  private final BudgetTime time;
  private final Sleeper sleeper;
  private final BlockingStrategy parking;
  private final DoubleSupplier jitter;
  private final Semaphore slots;
  private final CircuitBreaker breaker;
  private final CallCounters counters;
  private final Bucket mainBucket;
  private volatile BudgetConfig.Limit mainLimit;
  private final Map<String, Bucket> endpointBuckets;
  private final AtomicLong creditsRemaining = new AtomicLong(UNKNOWN);

  TokenBucketBudget(BudgetConfig config, Clock clock, Sleeper sleeper, DoubleSupplier jitter) {
    this.config = Objects.requireNonNull(config, "config");
    this.time = new BudgetTime(Objects.requireNonNull(clock, "clock"));
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.parking = nanos -> sleeper.sleep(Duration.ofNanos(nanos));
    this.jitter = Objects.requireNonNull(jitter, "jitter");
    this.slots = new Semaphore(config.maxConcurrentCalls(), true);
    this.counters = new CallCounters(clock);
    this.mainLimit = config.limit();
    this.mainBucket = newBucket(config.limit());
    Map<String, Bucket> perEndpoint = new TreeMap<>();
    config
        .endpointLimits()
        .forEach((endpoint, limit) -> perEndpoint.put(endpoint, newBucket(limit)));
    this.endpointBuckets = Map.copyOf(perEndpoint);
    BudgetConfig.Breaker b = config.breaker();
    this.breaker =
        CircuitBreaker.of(
            config.name(),
            CircuitBreakerConfig.custom()
                .failureRateThreshold(b.failureRatePercent())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.slidingWindowCalls())
                .minimumNumberOfCalls(b.minimumCalls())
                .waitDurationInOpenState(b.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
                .writableStackTraceEnabled(false)
                .clock(time)
                .build());
    breaker
        .getEventPublisher()
        .onStateTransition(
            e ->
                LOG.log(
                    Level.WARNING,
                    "budget {0}: circuit {1}",
                    config.name(),
                    e.getStateTransition()));
  }

  /** A budget built from {@code config} on the system clock, really sleeping when it waits. */
  public static TokenBucketBudget create(BudgetConfig config) {
    return create(config, Clock.system(), Sleeper.system());
  }

  /**
   * A budget built from {@code config} that reads {@code clock} for every decision and waits
   * through {@code sleeper}.
   */
  public static TokenBucketBudget create(BudgetConfig config, Clock clock, Sleeper sleeper) {
    return new TokenBucketBudget(
        config, clock, sleeper, () -> ThreadLocalRandom.current().nextDouble());
  }

  @Override
  public String name() {
    return config.name();
  }

  /**
   * The settings this budget was built from (the main limit as built, see {@link #replaceLimit}).
   */
  public BudgetConfig config() {
    return config;
  }

  /** The main bucket's limit now. */
  public BudgetConfig.Limit limit() {
    return mainLimit;
  }

  /**
   * Replaces the main bucket's limit, keeping the tokens it holds (at most the new capacity): for
   * limits learnt at runtime, such as Binance's {@code REQUEST_WEIGHT} from {@code exchangeInfo}.
   */
  public void replaceLimit(BudgetConfig.Limit limit) {
    Objects.requireNonNull(limit, "limit");
    mainBucket.replaceConfiguration(
        BucketConfiguration.builder().addLimit(bandwidth(limit)).build(),
        TokensInheritanceStrategy.AS_IS);
    mainLimit = limit;
  }

  @Override
  public UpstreamResponse execute(UpstreamRequest request, Transport transport) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(transport, "transport");
    String endpoint = request.endpoint();
    counters.call(endpoint);
    long tokens = config.charge() == BudgetConfig.Charge.CALL ? 1 : request.cost();
    List<Bucket> buckets = bucketsFor(request, tokens);
    int maxAttempts = config.retry().maxAttempts();
    UpstreamException last = null;
    for (int attempt = 1; ; attempt++) {
      Sent sent = sendOnce(request, transport, buckets, tokens, attempt > 1, last);
      if (sent.response != null && sent.outcome == Outcome.OK) {
        return sent.response.withAttempts(attempt);
      }
      Optional<Duration> retryAfter =
          sent.response == null
              ? Optional.empty()
              : RetryAfter.of(sent.response, time.clock().wallTime());
      last =
          sent.failure != null
              ? sent.failure
              : new UpstreamException(
                  endpoint,
                  sent.outcome,
                  sent.response.status(),
                  "HTTP "
                      + sent.response.status()
                      + " on attempt "
                      + attempt
                      + " of "
                      + maxAttempts);
      counters.failed(last);
      if (sent.response != null && sent.response.status() == 418) {
        ban(retryAfter.orElse(DEFAULT_BAN));
        throw last;
      }
      Duration ceiling = config.retry().ceiling(attempt);
      if (sent.outcome == Outcome.RATE_LIMITED) {
        drain(buckets, retryAfter.orElse(ceiling));
      }
      if (!retryable(sent.outcome) || attempt >= maxAttempts) {
        throw last;
      }
      Duration delay = retryAfter.orElseGet(() -> jittered(ceiling));
      if (delay.compareTo(config.retry().maxBackoff()) > 0) {
        throw new UpstreamException(
            endpoint,
            sent.outcome,
            last.status().orElse(0),
            "upstream asked to wait "
                + delay.toMillis()
                + " ms, more than the max backoff of "
                + config.retry().maxBackoff().toMillis()
                + " ms",
            last);
      }
      pause(endpoint, delay, last);
    }
  }

  @Override
  public BudgetStatus status() {
    long credits = creditsRemaining.get();
    return new BudgetStatus(
        config.name(),
        circuitState(),
        OptionalLong.of(mainBucket.getAvailableTokens()),
        credits == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(credits),
        counters.lastError(),
        counters.snapshot());
  }

  @Override
  public String toString() {
    return "TokenBucketBudget[" + config.name() + "]";
  }

  /** The result of one attempt: a response or a failure, with its outcome. */
  private record Sent(UpstreamResponse response, UpstreamException failure, Outcome outcome) {}

  private Sent sendOnce(
      UpstreamRequest request,
      Transport transport,
      List<Bucket> buckets,
      long tokens,
      boolean retry,
      UpstreamException previous) {
    String endpoint = request.endpoint();
    long credits = reserveCredits(request, previous);
    if (!breaker.tryAcquirePermission()) {
      refundCredits(credits);
      throw refused(
          endpoint, Outcome.CIRCUIT_OPEN, "circuit of budget " + name() + " is open", previous);
    }
    long start = time.clock().nanoTime();
    UpstreamResponse response = null;
    UpstreamException failure = null;
    long sentAt;
    try {
      acquireSlot(endpoint, previous);
      try {
        takeTokens(endpoint, buckets, tokens, start, previous);
        sentAt = time.clock().nanoTime();
        try {
          response = transport.send(request);
        } catch (UpstreamException e) {
          failure = e;
        }
      } finally {
        slots.release();
      }
    } catch (RuntimeException e) {
      // refused (already counted) or a bug in the transport: nothing was learnt about the upstream
      breaker.releasePermission();
      refundCredits(credits);
      throw e;
    }
    long nanos = time.clock().nanoTime() - sentAt;
    if (response != null) {
      applyQuota(response);
    }
    Outcome outcome = failure != null ? failure.outcome() : response.outcome();
    counters.sent(endpoint, outcome, retry);
    switch (outcome) {
      case OK, CLIENT_ERROR -> breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
      case SERVER_ERROR, TIMEOUT, MALFORMED ->
          breaker.onError(
              nanos,
              TimeUnit.NANOSECONDS,
              failure != null
                  ? failure
                  : new UpstreamException(
                      endpoint, outcome, response.status(), "HTTP " + response.status()));
      case RATE_LIMITED, CIRCUIT_OPEN -> breaker.releasePermission();
    }
    return new Sent(response, failure, outcome);
  }

  private static boolean retryable(Outcome outcome) {
    return switch (outcome) {
      case RATE_LIMITED, SERVER_ERROR, TIMEOUT, MALFORMED -> true;
      case OK, CLIENT_ERROR, CIRCUIT_OPEN -> false;
    };
  }

  /** The buckets a call of {@code request} takes from: its endpoint's, then the main one. */
  private List<Bucket> bucketsFor(UpstreamRequest request, long tokens) {
    List<Bucket> out = new ArrayList<>(2);
    if (tokens == 0) {
      return out;
    }
    BudgetConfig.Limit endpointLimit = config.endpointLimits().get(request.endpoint());
    if (endpointLimit != null) {
      checkCapacity(request, tokens, endpointLimit);
      out.add(endpointBuckets.get(request.endpoint()));
    }
    checkCapacity(request, tokens, mainLimit);
    out.add(mainBucket);
    return out;
  }

  private void checkCapacity(UpstreamRequest request, long tokens, BudgetConfig.Limit limit) {
    if (tokens > limit.capacity()) {
      UpstreamException e =
          new UpstreamException(
              request.endpoint(),
              Outcome.CLIENT_ERROR,
              0,
              "cost "
                  + tokens
                  + " exceeds the capacity "
                  + limit.capacity()
                  + " of budget "
                  + name());
      counters.refused(request.endpoint(), Outcome.CLIENT_ERROR);
      counters.failed(e);
      throw e;
    }
  }

  /** Reserves the call's credits from what the upstream said is left; returns what was reserved. */
  private long reserveCredits(UpstreamRequest request, UpstreamException previous) {
    long cost = request.cost();
    if (cost == 0) {
      return 0;
    }
    while (true) {
      long left = creditsRemaining.get();
      if (left == UNKNOWN) {
        return 0;
      }
      if (left < cost) {
        throw refused(
            request.endpoint(),
            Outcome.RATE_LIMITED,
            "quota of budget " + name() + " has " + left + " credits left, the call costs " + cost,
            previous);
      }
      if (creditsRemaining.compareAndSet(left, left - cost)) {
        return cost;
      }
    }
  }

  private void refundCredits(long credits) {
    if (credits > 0) {
      creditsRemaining.getAndUpdate(left -> left == UNKNOWN ? left : left + credits);
    }
  }

  private void acquireSlot(String endpoint, UpstreamException previous) {
    try {
      if (!slots.tryAcquire(config.maxWait().toNanos(), TimeUnit.NANOSECONDS)) {
        throw refused(
            endpoint,
            Outcome.RATE_LIMITED,
            "no concurrency slot of budget "
                + name()
                + " free within "
                + config.maxWait().toMillis()
                + " ms",
            previous);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw refused(endpoint, Outcome.TIMEOUT, "interrupted while waiting for a slot", previous);
    }
  }

  private void takeTokens(
      String endpoint, List<Bucket> buckets, long tokens, long start, UpstreamException previous) {
    List<Bucket> taken = new ArrayList<>(buckets.size());
    try {
      for (Bucket bucket : buckets) {
        long left = config.maxWait().toNanos() - (time.clock().nanoTime() - start);
        if (!bucket.asBlocking().tryConsume(tokens, Math.max(0, left), parking)) {
          throw refused(
              endpoint,
              Outcome.RATE_LIMITED,
              tokens
                  + " tokens of budget "
                  + name()
                  + " not available within "
                  + config.maxWait().toMillis()
                  + " ms",
              previous);
        }
        taken.add(bucket);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      taken.forEach(b -> b.addTokens(tokens));
      throw refused(endpoint, Outcome.TIMEOUT, "interrupted while waiting for tokens", previous);
    } catch (UpstreamException e) {
      taken.forEach(b -> b.addTokens(tokens));
      throw e;
    }
  }

  private UpstreamException refused(
      String endpoint, Outcome outcome, String message, UpstreamException previous) {
    counters.refused(endpoint, outcome);
    UpstreamException e = new UpstreamException(endpoint, outcome, 0, message, previous);
    counters.failed(e);
    return e;
  }

  private void applyQuota(UpstreamResponse response) {
    QuotaHeaders.Reading q = config.quotaHeaders().read(response);
    q.creditsRemaining().ifPresent(creditsRemaining::set);
    q.windowUsed()
        .ifPresent(
            used -> {
              long target = mainLimit.capacity() - used;
              long available = mainBucket.getAvailableTokens();
              if (available > target) {
                mainBucket.consumeIgnoringRateLimits(available - target);
              }
            });
  }

  /** Drains every bucket to the debt that takes {@code pause} to refill. */
  private void drain(List<Bucket> buckets, Duration pause) {
    for (Bucket b : buckets) {
      BudgetConfig.Limit limit = limitOf(b);
      long target = -(long) Math.ceil(limit.tokensPerSecond() * pause.toNanos() / 1e9);
      long available = b.getAvailableTokens();
      if (available > target) {
        b.consumeIgnoringRateLimits(available - target);
      }
    }
    LOG.log(
        Level.INFO,
        "budget {0}: rate limited, pausing {1} ms",
        name(),
        Long.toString(pause.toMillis()));
  }

  private BudgetConfig.Limit limitOf(Bucket bucket) {
    for (Map.Entry<String, Bucket> e : endpointBuckets.entrySet()) {
      if (e.getValue() == bucket) {
        return config.endpointLimits().get(e.getKey());
      }
    }
    return mainLimit;
  }

  private void ban(Duration duration) {
    LOG.log(
        Level.WARNING,
        "budget {0}: upstream banned us (418), refusing calls for {1} s",
        name(),
        Long.toString(duration.toSeconds()));
    breaker.transitionToOpenStateFor(duration);
  }

  private Duration jittered(Duration ceiling) {
    return Duration.ofNanos((long) (jitter.getAsDouble() * ceiling.toNanos()));
  }

  private void pause(String endpoint, Duration delay, UpstreamException last) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamException(endpoint, Outcome.TIMEOUT, 0, "interrupted during backoff", last);
    }
  }

  private BudgetStatus.CircuitState circuitState() {
    return switch (breaker.getState()) {
      case OPEN, FORCED_OPEN -> BudgetStatus.CircuitState.OPEN;
      case HALF_OPEN -> BudgetStatus.CircuitState.HALF_OPEN;
      case CLOSED, DISABLED, METRICS_ONLY -> BudgetStatus.CircuitState.CLOSED;
    };
  }

  private Bucket newBucket(BudgetConfig.Limit limit) {
    return Bucket.builder().addLimit(bandwidth(limit)).withCustomTimePrecision(time).build();
  }

  private Bandwidth bandwidth(BudgetConfig.Limit limit) {
    BandwidthBuilderRefillStage refill = Bandwidth.builder().capacity(limit.capacity());
    BandwidthBuilderBuildStage built =
        switch (limit.refill()) {
          case GREEDY -> refill.refillGreedy(limit.refillTokens(), limit.refillPeriod());
          case FIXED_WINDOW ->
              refill.refillIntervallyAligned(
                  limit.refillTokens(), limit.refillPeriod(), nextBoundary(limit.refillPeriod()));
        };
    return built.initialTokens(limit.capacity()).build();
  }

  /** The first instant after now that is a whole multiple of {@code period} since the epoch. */
  private Instant nextBoundary(Duration period) {
    long periodMillis = period.toMillis();
    long now = time.millis();
    return Instant.ofEpochMilli((Math.floorDiv(now, periodMillis) + 1) * periodMillis);
  }
}
