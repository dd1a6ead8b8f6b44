package io.marketgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.kalshi.KalshiTier;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.BudgetStatus;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.kalshi.KalshiRest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Eight threads sharing one Basic-tier Kalshi budget stay within the simulator's Basic-tier limiter
 * (no 429 anywhere) and still get the tier's 20 requests per second after the initial burst.
 */
class KalshiBudgetIT {

  private static final int THREADS = 8;
  private static final Duration RUN = Duration.ofSeconds(10);
  private static final Duration STEADY_AFTER = Duration.ofSeconds(2);
  private static final double TIER_CALLS_PER_SECOND = 20.0;

  private VenueSimulator sim;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  /**
   * The brief's scenario with the shipped config: its burst is half a second of tokens (100), half
   * the venue's, so the tokens our bucket refills while the first calls are still in flight cannot
   * put us ahead of the venue's bucket, and the venue never answers 429.
   */
  @Test
  void orderbook_eightThreadsForTenSecondsOnShippedBasicConfig_noRateLimitAndTwentyPerSecond()
      throws Exception {
    Result r = run(BudgetConfig.kalshi(BudgetConfig.KalshiTier.BASIC));

    r.assertWithinVenueLimits();
  }

  /** What one run measured. */
  private record Result(
      List<UpstreamException> failures,
      long completed,
      long simCalls,
      long sim200,
      long sim429,
      BudgetStatus status,
      double steadyRate) {

    void assertWithinVenueLimits() {
      assertThat(failures).isEmpty();
      assertThat(sim429).isZero();
      assertThat(status.count(Outcome.RATE_LIMITED)).isZero();
      assertThat(status.retries()).isZero();
      assertThat(simCalls).isEqualTo(completed);
      assertThat(sim200).isEqualTo(completed);
      assertThat(status.count(Outcome.OK)).isEqualTo(completed);
      assertThat(steadyRate).isCloseTo(TIER_CALLS_PER_SECOND, within(TIER_CALLS_PER_SECOND * 0.1));
    }
  }

  private Result run(BudgetConfig config) throws Exception {
    // Basic tier: 200 read tokens/s, 10 tokens per call, the simulator's default burst (1 s).
    sim = KalshiAccess.simulator(c -> c.seed(3).gameCount(2).kalshiTier(KalshiTier.BASIC));
    TokenBucketBudget budget = TokenBucketBudget.create(config);
    KalshiRest rest = KalshiRest.create(KalshiAccess.client(sim, budget));
    List<String> tickers = sim.kalshiMarketTickers();
    ConcurrentLinkedQueue<Long> completions = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<UpstreamException> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger next = new AtomicInteger();

    Instant startWall = Instant.now();
    long start = System.nanoTime();
    long deadline = start + RUN.toNanos();
    List<Future<?>> workers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      for (int i = 0; i < THREADS; i++) {
        workers.add(
            pool.submit(
                () -> {
                  while (System.nanoTime() < deadline) {
                    String ticker =
                        tickers.get(Math.floorMod(next.getAndIncrement(), tickers.size()));
                    try {
                      rest.orderbook(ticker, 0);
                      completions.add(System.nanoTime());
                    } catch (UpstreamException e) {
                      failures.add(e);
                    }
                  }
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    }

    List<Long> done = completions.stream().sorted().toList();
    long end = done.getLast();
    // Steady state: calls completed from 2 s in (well after any burst) to the last completion.
    long steadyFrom = start + STEADY_AFTER.toNanos();
    long steadyCalls = done.stream().filter(t -> t > steadyFrom).count();
    double steadyRate = steadyCalls / ((end - steadyFrom) / 1e9);
    BudgetStatus status = budget.status();
    Result r =
        new Result(
            List.copyOf(failures),
            done.size(),
            sim.calls().calls("kalshi.orderbook"),
            sim.calls().calls("kalshi.orderbook", 200),
            sim.calls().calls("kalshi.orderbook", 429),
            status,
            steadyRate);
    System.out.printf(
        Locale.ROOT,
        "KalshiBudgetIT: burst %d tokens; %d calls in %.2f s; steady (after %d s) %d calls in %.3f s"
            + " = %.3f calls/s; simulator calls=%d 200=%d 429=%d; budget ok=%d rate_limited=%d;"
            + " last error %s; run started %s%n",
        config.limit().capacity(),
        done.size(),
        (end - start) / 1e9,
        STEADY_AFTER.toSeconds(),
        steadyCalls,
        (end - steadyFrom) / 1e9,
        steadyRate,
        r.simCalls(),
        r.sim200(),
        r.sim429(),
        status.count(Outcome.OK),
        status.count(Outcome.RATE_LIMITED),
        status.lastError().map(f -> f.message() + " at " + f.at()).orElse("none"),
        startWall);
    return r;
  }
}
