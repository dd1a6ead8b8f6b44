package io.marketgate.upstream;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The validated settings of one {@link TokenBucketBudget}, with factories for the venues'
 * documented tiers. Immutable.
 *
 * @param name budget name, used in counters, logs and errors, for example {@code kalshi}
 * @param limit the bucket every call takes from
 * @param endpointLimits extra buckets by endpoint label ({@link UpstreamRequest#endpoint()}): a
 *     call of such an endpoint takes from its own bucket and from {@code limit}
 * @param charge what one call takes from the buckets
 * @param maxConcurrentCalls most attempts in flight (or waiting for tokens) at once
 * @param maxWait longest one attempt waits for a concurrency slot or for tokens; a call that would
 *     wait longer is refused as {@link Outcome#RATE_LIMITED} without being sent
 * @param retry how often and how long to back off
 * @param breaker when the circuit opens and how it probes
 * @param quotaHeaders what the upstream's response headers say about its quota
 */
public record BudgetConfig(
    String name,
    Limit limit,
    Map<String, Limit> endpointLimits,
    Charge charge,
    int maxConcurrentCalls,
    Duration maxWait,
    Retry retry,
    Breaker breaker,
    QuotaHeaders quotaHeaders) {

  /** Validates the parts and copies the endpoint limits. */
  public BudgetConfig {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("budget name must not be blank");
    }
    Objects.requireNonNull(limit, "limit of budget " + name);
    Objects.requireNonNull(charge, "charge of budget " + name);
    Objects.requireNonNull(maxWait, "maxWait of budget " + name);
    Objects.requireNonNull(retry, "retry of budget " + name);
    Objects.requireNonNull(breaker, "breaker of budget " + name);
    Objects.requireNonNull(quotaHeaders, "quotaHeaders of budget " + name);
    endpointLimits.forEach(
        (k, v) -> {
          if (k.isBlank()) {
            throw new IllegalArgumentException("budget " + name + ": endpoint label is blank");
          }
          Objects.requireNonNull(v, "budget " + name + ": limit of endpoint " + k);
        });
    endpointLimits = Collections.unmodifiableMap(new TreeMap<>(endpointLimits));
    if (maxConcurrentCalls < 1) {
      throw new IllegalArgumentException(
          "budget " + name + ": maxConcurrentCalls must be >= 1, was " + maxConcurrentCalls);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException(
          "budget " + name + ": maxWait must not be negative, was " + maxWait);
    }
  }

  /**
   * A budget called {@code name} limited by {@code limit}, charging each call its cost, with 8
   * concurrent calls, 10 s of waiting, {@link Retry#DEFAULT}, {@link Breaker#DEFAULT} and no quota
   * headers.
   */
  public static BudgetConfig of(String name, Limit limit) {
    return new BudgetConfig(
        name,
        limit,
        Map.of(),
        Charge.COST,
        8,
        Duration.ofSeconds(10),
        Retry.DEFAULT,
        Breaker.DEFAULT,
        QuotaHeaders.none());
  }

  /**
   * Kalshi's read bucket for {@code tier}: the tier's read tokens per second, a call costs its
   * {@link UpstreamRequest#cost()} (most cost 10), and a burst of half a second of tokens. The read
   * bucket's size is not documented (the write bucket holds two seconds). A burst equal to the
   * venue's own is too much: while our first calls are in flight our bucket refills but the
   * venue's, already full, cannot, so we end up ahead of it by the refill during one round trip and
   * draw a 429 (measured against the simulator: one 429 in each of 4 runs with a one-second burst,
   * none in 7 runs with half a second). Kalshi sends no quota headers and no {@code Retry-After}.
   */
  public static BudgetConfig kalshi(KalshiTier tier) {
    long rate = tier.readTokensPerSecond();
    return of("kalshi", Limit.perSecond(rate, Math.max(1, rate / 2)))
        .withMaxConcurrentCalls(10)
        .withRetry(new Retry(4, Duration.ofMillis(250), Duration.ofSeconds(8)));
  }

  /**
   * The Odds API v4: at most 30 calls per second (each call takes one token whatever its cost), and
   * the credit quota read from the {@code x-requests-*} headers; {@link UpstreamRequest#cost()} is
   * the call's credits.
   */
  public static BudgetConfig theOddsApi() {
    return of("the-odds-api", Limit.slidingWindow(30, Duration.ofSeconds(1)))
        .withCharge(Charge.CALL)
        .withMaxConcurrentCalls(4)
        .withRetry(new Retry(3, Duration.ofMillis(500), Duration.ofSeconds(10)))
        .withQuotaHeaders(QuotaHeaders.theOddsApi());
  }

  /**
   * The Polymarket CLOB's documented sliding windows: 9,000 calls per 10 s for the whole CLOB, and
   * per endpoint label {@code polymarket.book} 1,500, {@code polymarket.books} 500, {@code
   * polymarket.price} 1,500, {@code polymarket.prices} 500, {@code polymarket.midpoint} 1,500,
   * {@code polymarket.midpoints} 500 and {@code polymarket.prices_history} 1,000 per 10 s.
   */
  public static BudgetConfig polymarketClob() {
    Duration w = Duration.ofSeconds(10);
    return of("polymarket", Limit.slidingWindow(9_000, w))
        .withCharge(Charge.CALL)
        .withEndpointLimits(
            Map.of(
                "polymarket.book", Limit.slidingWindow(1_500, w),
                "polymarket.books", Limit.slidingWindow(500, w),
                "polymarket.price", Limit.slidingWindow(1_500, w),
                "polymarket.prices", Limit.slidingWindow(500, w),
                "polymarket.midpoint", Limit.slidingWindow(1_500, w),
                "polymarket.midpoints", Limit.slidingWindow(500, w),
                "polymarket.prices_history", Limit.slidingWindow(1_000, w)));
  }

  /**
   * Binance spot REST: {@code weightPerMinute} of {@code REQUEST_WEIGHT} in minute windows aligned
   * to the clock (read the current figure from {@code exchangeInfo} and apply it with {@link
   * TokenBucketBudget#replaceLimit}); a call costs its weight; the bucket follows {@code
   * X-MBX-USED-WEIGHT-1M}.
   */
  public static BudgetConfig binance(long weightPerMinute) {
    return of("binance", Limit.fixedWindow(weightPerMinute, Duration.ofMinutes(1)))
        .withQuotaHeaders(QuotaHeaders.binanceUsedWeight());
  }

  /** Binance with the current documented default of 6,000 weight per minute. */
  public static BudgetConfig binance() {
    return binance(6_000);
  }

  /** This config under another name, for a second credential of the same upstream. */
  public BudgetConfig withName(String name) {
    return new BudgetConfig(
        name,
        limit,
        endpointLimits,
        charge,
        maxConcurrentCalls,
        maxWait,
        retry,
        breaker,
        quotaHeaders);
  }

  /** This config with another main bucket. */
  public BudgetConfig withLimit(Limit limit) {
    return new BudgetConfig(
        name,
        limit,
        endpointLimits,
        charge,
        maxConcurrentCalls,
        maxWait,
        retry,
        breaker,
        quotaHeaders);
  }

  /** This config with other per-endpoint buckets. */
  public BudgetConfig withEndpointLimits(Map<String, Limit> endpointLimits) {
    return new BudgetConfig(
        name,
        limit,
        endpointLimits,
        charge,
        maxConcurrentCalls,
        maxWait,
        retry,
        breaker,
        quotaHeaders);
  }

  /** This config with another charge per call. */
  public BudgetConfig withCharge(Charge charge) {
    return new BudgetConfig(
        name,
        limit,
        endpointLimits,
        charge,
        maxConcurrentCalls,
        maxWait,
        retry,
        breaker,
        quotaHeaders);
  }

  /** This config with another concurrency bound. */
  public BudgetConfig withMaxConcurrentCalls(int maxConcurrentCalls) {
    return new BudgetConfig(
        name,
        limit,
        endpointLimits,
        charge,
        maxConcurrentCalls,
        maxWait,
        retry,
        breaker,
        quotaHeaders);
  }

  /** This config with another longest wait for a slot or tokens. */
  public BudgetConfig withMaxWait(Duration maxWait) {
    return new BudgetConfig(
        name,
        limit,
        endpointLimits,
        charge,
        maxConcurrentCalls,
        maxWait,
        retry,
        breaker,
        quotaHeaders);
  }

  /** This config with another retry policy. */
  public BudgetConfig withRetry(Retry retry) {
    return new BudgetConfig(
        name,
        limit,
        endpointLimits,
        charge,
        maxConcurrentCalls,
        maxWait,
        retry,
        breaker,
        quotaHeaders);
  }

  /** This config with another circuit breaker. */
  public BudgetConfig withBreaker(Breaker breaker) {
    return new BudgetConfig(
        name,
        limit,
        endpointLimits,
        charge,
        maxConcurrentCalls,
        maxWait,
        retry,
        breaker,
        quotaHeaders);
  }

  /** This config with another reader of quota headers. */
  public BudgetConfig withQuotaHeaders(QuotaHeaders quotaHeaders) {
    return new BudgetConfig(
        name,
        limit,
        endpointLimits,
        charge,
        maxConcurrentCalls,
        maxWait,
        retry,
        breaker,
        quotaHeaders);
  }

  /** Kalshi's documented API tiers. */
  public enum KalshiTier {
    /** Signup tier: 200 read tokens/s (20 calls/s at cost 10). */
    BASIC(200),
    /** 300 read tokens/s. */
    ADVANCED(300),
    /** 1,000 read tokens/s. */
    PREMIER(1_000),
    /** 2,000 read tokens/s. */
    PARAGON(2_000),
    /** 4,000 read tokens/s. */
    PRIME(4_000);

    private final long readTokensPerSecond;

    KalshiTier(long readTokensPerSecond) {
      this.readTokensPerSecond = readTokensPerSecond;
    }

    /** The read bucket's refill per second. */
    public long readTokensPerSecond() {
      return readTokensPerSecond;
    }
  }

  /** What one call takes from the buckets. */
  public enum Charge {
    /** Its {@link UpstreamRequest#cost()}: Kalshi tokens, Binance weight. */
    COST,
    /** One token whatever its cost: per-call limits, where the cost counts credits instead. */
    CALL
  }

  /**
   * One token bucket.
   *
   * @param capacity most tokens the bucket holds (the burst); it starts full
   * @param refillTokens tokens added per {@code refillPeriod}
   * @param refillPeriod the refill period
   * @param refill how the tokens are added
   */
  public record Limit(long capacity, long refillTokens, Duration refillPeriod, Refill refill) {

    /** Validates the parts. */
    public Limit {
      Objects.requireNonNull(refillPeriod, "refillPeriod");
      Objects.requireNonNull(refill, "refill");
      if (capacity < 1) {
        throw new IllegalArgumentException("limit capacity must be >= 1, was " + capacity);
      }
      if (refillTokens < 1) {
        throw new IllegalArgumentException("limit refillTokens must be >= 1, was " + refillTokens);
      }
      if (refillPeriod.isNegative() || refillPeriod.isZero()) {
        throw new IllegalArgumentException(
            "limit refillPeriod must be positive, was " + refillPeriod);
      }
    }

    /** A bucket refilled smoothly with {@code tokensPerSecond}, holding {@code capacity}. */
    public static Limit perSecond(long tokensPerSecond, long capacity) {
      return new Limit(capacity, tokensPerSecond, Duration.ofSeconds(1), Refill.GREEDY);
    }

    /**
     * A bucket that never lets more than {@code calls} through in any {@code window}, for limits
     * documented as sliding windows: a tenth of them as burst, the rest refilled smoothly over the
     * window, so that burst + one window of refill = {@code calls}.
     */
    public static Limit slidingWindow(long calls, Duration window) {
      if (calls < 2) {
        throw new IllegalArgumentException("a sliding window needs >= 2 calls, was " + calls);
      }
      long burst = Math.max(1, calls / 10);
      return new Limit(burst, calls - burst, window, Refill.GREEDY);
    }

    /**
     * {@code tokens} per {@code window}, refilled all at once at window boundaries aligned to the
     * epoch (minute windows start at :00), for counters that reset on the clock (Binance).
     */
    public static Limit fixedWindow(long tokens, Duration window) {
      return new Limit(tokens, tokens, window, Refill.FIXED_WINDOW);
    }

    /** The long-run refill rate. */
    public double tokensPerSecond() {
      return refillTokens * 1e9 / refillPeriod.toNanos();
    }

    /** How tokens are added. */
    public enum Refill {
      /** Continuously, a token as soon as its fraction of the period has passed. */
      GREEDY,
      /** All at once at each period boundary, aligned to the epoch. */
      FIXED_WINDOW
    }
  }

  /**
   * Retries with exponential backoff and full jitter: before retry {@code n} (1-based) the call
   * waits a random time in {@code [0, min(maxBackoff, baseBackoff × 2^(n-1))]}, or what the
   * upstream's {@code Retry-After} says.
   *
   * @param maxAttempts attempts including the first; 1 means no retries
   * @param baseBackoff ceiling of the first backoff
   * @param maxBackoff largest backoff ceiling; a {@code Retry-After} longer than this is not waited
   *     for and ends the call
   */
  public record Retry(int maxAttempts, Duration baseBackoff, Duration maxBackoff) {

    /** Four attempts, 250 ms base, 10 s ceiling. */
    public static final Retry DEFAULT =
        new Retry(4, Duration.ofMillis(250), Duration.ofSeconds(10));

    /** Validates the parts. */
    public Retry {
      Objects.requireNonNull(baseBackoff, "baseBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("retry maxAttempts must be >= 1, was " + maxAttempts);
      }
      if (baseBackoff.isNegative() || baseBackoff.isZero()) {
        throw new IllegalArgumentException(
            "retry baseBackoff must be positive, was " + baseBackoff);
      }
      if (maxBackoff.compareTo(baseBackoff) < 0) {
        throw new IllegalArgumentException(
            "retry maxBackoff must be >= baseBackoff " + baseBackoff + ", was " + maxBackoff);
      }
    }

    /** One attempt, no retries. */
    public static Retry none() {
      return new Retry(1, Duration.ofMillis(1), Duration.ofMillis(1));
    }

    /** The ceiling of the backoff before retry {@code n} (1-based), before jitter. */
    public Duration ceiling(int n) {
      int shift = Math.min(Math.max(n - 1, 0), 30);
      long nanos = baseBackoff.toNanos();
      long max = maxBackoff.toNanos();
      return Duration.ofNanos(nanos > (max >> shift) ? max : Math.min(max, nanos << shift));
    }
  }

  /**
   * When the circuit breaker opens and how it probes (Resilience4j, count-based window).
   *
   * @param failureRatePercent failure rate, in percent, at or above which the circuit opens
   * @param slidingWindowCalls how many of the last attempts the rate is computed over
   * @param minimumCalls attempts needed before the rate counts
   * @param waitInOpen how long the circuit stays open before it half-opens
   * @param halfOpenCalls probe attempts let through while half-open
   */
  public record Breaker(
      float failureRatePercent,
      int slidingWindowCalls,
      int minimumCalls,
      Duration waitInOpen,
      int halfOpenCalls) {

    /** Opens at 50 % failures of the last 20 attempts (at least 10), waits 10 s, probes with 2. */
    public static final Breaker DEFAULT = new Breaker(50f, 20, 10, Duration.ofSeconds(10), 2);

    /** Validates the parts. */
    public Breaker {
      Objects.requireNonNull(waitInOpen, "waitInOpen");
      if (!(failureRatePercent > 0f && failureRatePercent <= 100f)) {
        throw new IllegalArgumentException(
            "breaker failureRatePercent must be in (0, 100], was " + failureRatePercent);
      }
      if (slidingWindowCalls < 1) {
        throw new IllegalArgumentException(
            "breaker slidingWindowCalls must be >= 1, was " + slidingWindowCalls);
      }
      if (minimumCalls < 1 || minimumCalls > slidingWindowCalls) {
        throw new IllegalArgumentException(
            "breaker minimumCalls must be in [1, slidingWindowCalls "
                + slidingWindowCalls
                + "], was "
                + minimumCalls);
      }
      if (waitInOpen.isNegative() || waitInOpen.isZero()) {
        throw new IllegalArgumentException(
            "breaker waitInOpen must be positive, was " + waitInOpen);
      }
      if (halfOpenCalls < 1) {
        throw new IllegalArgumentException(
            "breaker halfOpenCalls must be >= 1, was " + halfOpenCalls);
      }
    }
  }
}
