package io.marketgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketgate.model.BinaryBook;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.calls.CallCounts;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import io.marketgate.sim.kalshi.KalshiTier;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.BudgetStatus;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.kalshi.KalshiRest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Under injected 429s, 5xx, broken bodies and hangs, every KalshiRest.orderbook call returns the
 * simulator's true book or fails with the UpstreamException outcome that fits, and the budget's
 * counters account for every attempt the simulator saw.
 */
class FaultToleranceIT {

  private static final String ROUTE = "kalshi.orderbook";
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(300);
  private static final int THREADS = 4;
  private static final int CALLS_PER_THREAD = 40;

  private VenueSimulator sim;
  private TokenBucketBudget budget;
  private KalshiRest rest;

  private void start() {
    start(BudgetConfig.kalshi(BudgetConfig.KalshiTier.PRIME));
  }

  private void start(BudgetConfig config) {
    sim = KalshiAccess.simulator(c -> c.seed(13).gameCount(2).kalshiTier(KalshiTier.PRIME));
    sim.step(10);
    budget = TokenBucketBudget.create(config);
    UpstreamClient client =
        UpstreamClient.builder("kalshi", sim.kalshiBaseUri())
            .budget(budget)
            .signer(KalshiAccess.signer())
            // KalshiRest has no timeout setting: shorten each attempt so a hang costs 300 ms.
            .transport(t -> request -> t.send(request.withTimeout(ATTEMPT_TIMEOUT)))
            .build();
    rest = KalshiRest.create(client);
  }

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void orderbook_mixOfInjectedFaults_everyCallTrueBookOrRightOutcomeAndBudgetCountsEveryAttempt()
      throws Exception {
    // A breaker judging over 100 attempts (at least 50), so an unlucky early run of hangs does
    // not open it and turn the rest of the run into CIRCUIT_OPEN refusals.
    start(
        BudgetConfig.kalshi(BudgetConfig.KalshiTier.PRIME)
            .withBreaker(new BudgetConfig.Breaker(50f, 100, 50, Duration.ofSeconds(1), 2)));
    sim.faults().inject(ROUTE, Fault.tooManyRequests(), FaultTrigger.probability(0.08));
    sim.faults().inject(ROUTE, Fault.status(503), FaultTrigger.probability(0.08));
    sim.faults().inject(ROUTE, Fault.status(500), FaultTrigger.probability(0.04));
    sim.faults().inject(ROUTE, Fault.truncatedJson(), FaultTrigger.probability(0.05));
    sim.faults().inject(ROUTE, Fault.wrongTypes(), FaultTrigger.probability(0.05));
    sim.faults().inject(ROUTE, Fault.hang(), FaultTrigger.probability(0.05));
    List<String> tickers = sim.kalshiMarketTickers();
    ConcurrentLinkedQueue<String> wrongBooks = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<UpstreamException> failures = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> successes = new ConcurrentLinkedQueue<>();

    List<Future<?>> workers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      for (int w = 0; w < THREADS; w++) {
        int worker = w;
        workers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    String ticker = tickers.get((worker * CALLS_PER_THREAD + i) % tickers.size());
                    try {
                      BinaryBook book = rest.orderbook(ticker, 0);
                      if (!book.equals(sim.kalshiBook(ticker).orElseThrow())) {
                        wrongBooks.add(ticker + ": " + book);
                      }
                      successes.add(1);
                    } catch (UpstreamException e) {
                      failures.add(e);
                    } catch (RuntimeException e) {
                      unexpected.add(e);
                    }
                  }
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    }

    Map<Outcome, Integer> failed = new EnumMap<>(Outcome.class);
    failures.forEach(e -> failed.merge(e.outcome(), 1, Integer::sum));
    CallCounts calls = sim.calls();
    BudgetStatus.EndpointStatus counted = budget.status().endpoints().get(KalshiRest.ORDERBOOK);
    System.out.printf(
        "FaultToleranceIT: %d ok, failed %s; simulator %s; budget %s%n",
        successes.size(), failed, calls.routes().get(ROUTE), counted);

    assertThat(unexpected).isEmpty();
    assertThat(wrongBooks).isEmpty();
    assertThat(successes.size() + failures.size()).isEqualTo(THREADS * CALLS_PER_THREAD);
    assertThat(failed.keySet())
        .as("failure outcomes")
        .isSubsetOf(
            Outcome.RATE_LIMITED,
            Outcome.SERVER_ERROR,
            Outcome.TIMEOUT,
            Outcome.MALFORMED,
            Outcome.CIRCUIT_OPEN);
    assertThat(calls.calls(ROUTE, 429)).isPositive();
    assertThat(calls.calls(ROUTE, 503) + calls.calls(ROUTE, 500)).isPositive();
    long answered = calls.routes().get(ROUTE).byStatus().values().stream().mapToLong(n -> n).sum();
    assertThat(calls.calls(ROUTE) - answered).as("hung calls").isPositive();

    assertThat(counted.calls()).isEqualTo(THREADS * CALLS_PER_THREAD);
    assertThat(counted.attempts()).isEqualTo(calls.calls(ROUTE));
    assertThat(counted.count(Outcome.RATE_LIMITED)).isEqualTo(calls.calls(ROUTE, 429));
    assertThat(counted.count(Outcome.SERVER_ERROR))
        .isEqualTo(calls.calls(ROUTE, 503) + calls.calls(ROUTE, 500));
    assertThat(counted.count(Outcome.TIMEOUT)).isEqualTo(calls.calls(ROUTE) - answered);
    // A broken 200 body is a failed attempt: counted MALFORMED by the budget and retried.
    assertThat(counted.count(Outcome.MALFORMED)).as("the broken bodies really fired").isPositive();
    assertThat(counted.count(Outcome.OK) + counted.count(Outcome.MALFORMED))
        .isEqualTo(calls.calls(ROUTE, 200));
    assertThat(counted.count(Outcome.OK)).isEqualTo(successes.size());
    if (counted.count(Outcome.CIRCUIT_OPEN) == 0) {
      assertThat(counted.retries()).isEqualTo(counted.attempts() - counted.calls());
    }
  }

  static Stream<Arguments> persistentFaults() {
    return Stream.of(
        Arguments.of("429 without Retry-After", Fault.tooManyRequests(), Outcome.RATE_LIMITED, 4),
        Arguments.of(
            "429 with a Retry-After beyond the max backoff",
            Fault.tooManyRequests(Duration.ofSeconds(30)),
            Outcome.RATE_LIMITED,
            1),
        Arguments.of("503", Fault.status(503), Outcome.SERVER_ERROR, 4),
        Arguments.of("hang", Fault.hang(), Outcome.TIMEOUT, 4),
        Arguments.of("truncated body", Fault.truncatedJson(), Outcome.MALFORMED, 4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("persistentFaults")
  void orderbook_everyAttemptFaulted_failsWithItsOutcomeAfterTheRetriesItDeserves(
      String name, Fault fault, Outcome outcome, int attempts) {
    start();
    String ticker = sim.kalshiMarketTickers().getFirst();
    sim.faults().inject(ROUTE, fault, FaultTrigger.always());

    assertThatThrownBy(() -> rest.orderbook(ticker, 0))
        .isExactlyInstanceOf(UpstreamException.class)
        .satisfies(
            e -> {
              UpstreamException u = (UpstreamException) e;
              assertThat(u.outcome()).isEqualTo(outcome);
              assertThat(u.endpoint()).isEqualTo(KalshiRest.ORDERBOOK);
            });
    assertThat(sim.calls().calls(ROUTE)).as("attempts the simulator saw").isEqualTo(attempts);
    BudgetStatus status = budget.status();
    assertThat(status.endpoints().get(KalshiRest.ORDERBOOK).attempts()).isEqualTo(attempts);
    assertThat(status.lastError().orElseThrow().outcome()).isEqualTo(outcome);
  }

  /** The body is parsed inside the budget's attempt: a broken 200 is a failure it retries. */
  @Test
  void orderbook_truncatedBodyOnce_budgetCountsTheAttemptMalformedAndRetriesToTheTrueBook() {
    start();
    String ticker = sim.kalshiMarketTickers().getFirst();
    sim.faults().inject(ROUTE, Fault.truncatedJson(), FaultTrigger.once());

    BinaryBook book = rest.orderbook(ticker, 0);

    assertThat(book).isEqualTo(sim.kalshiBook(ticker).orElseThrow());
    assertThat(sim.calls().calls(ROUTE, 200)).as("the broken body, then the good one").isEqualTo(2);
    BudgetStatus status = budget.status();
    assertThat(status.count(Outcome.MALFORMED)).isEqualTo(1);
    assertThat(status.count(Outcome.OK)).isEqualTo(1);
    assertThat(status.retries()).isEqualTo(1);
    assertThat(status.lastError())
        .hasValueSatisfying(f -> assertThat(f.outcome()).isEqualTo(Outcome.MALFORMED));
  }
}
