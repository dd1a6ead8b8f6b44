package io.marketgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.marketgate.cache.ManualClock;
import io.marketgate.upstream.BudgetConfig.Breaker;
import io.marketgate.upstream.BudgetConfig.KalshiTier;
import io.marketgate.upstream.BudgetConfig.Limit;
import io.marketgate.upstream.BudgetConfig.Retry;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenBucketBudgetTest {

  private static final URI MARKETS = URI.create("https://api.example/trade-api/v2/markets");

  private final ManualClock clock = new ManualClock();
  private final Script upstream = new Script();

  /** A budget on the manual clock whose jitter always picks the full ceiling. */
  private TokenBucketBudget budget(BudgetConfig config) {
    return new TokenBucketBudget(config, clock, Sleeper.advancing(clock), () -> 1.0);
  }

  private static UpstreamRequest get(String endpoint, int cost) {
    return UpstreamRequest.get(endpoint, MARKETS, cost);
  }

  private Duration elapsed() {
    return Duration.ofNanos(clock.nanoTime());
  }

  @Test
  void execute_okAnswer_returnsItAndCountsOk() {
    TokenBucketBudget kalshi = budget(BudgetConfig.kalshi(KalshiTier.BASIC));
    upstream.then(answer(200));

    UpstreamResponse r = kalshi.execute(get("kalshi.markets", 10), upstream);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.attempts()).isEqualTo(1);
    BudgetStatus s = kalshi.status();
    assertThat(s.name()).isEqualTo("kalshi");
    assertThat(s.circuit()).isEqualTo(BudgetStatus.CircuitState.CLOSED);
    assertThat(s.availableTokens()).hasValue(90);
    assertThat(s.remainingCredits()).isEmpty();
    assertThat(s.lastError()).isEmpty();
    assertThat(s.endpoints().get("kalshi.markets"))
        .isEqualTo(new BudgetStatus.EndpointStatus(1, 1, 0, Map.of(Outcome.OK, 1L)));
  }

  @Test
  void execute_kalshiBasic_sendsBurstOfTenThenOneEveryFiftyMillis() {
    TokenBucketBudget kalshi = budget(BudgetConfig.kalshi(KalshiTier.BASIC));
    upstream.then(answer(200));

    for (int i = 0; i < 120; i++) {
      kalshi.execute(get("kalshi.markets", 10), upstream);
    }

    List<Duration> sent = upstream.sentAt;
    assertThat(sent.subList(0, 10)).allMatch(Duration.ZERO::equals);
    assertThat(sent.get(10)).isEqualTo(Duration.ofMillis(50));
    assertThat(sent.get(119)).isEqualTo(Duration.ofMillis(5_500));
    for (int i = 0; i < sent.size(); i++) {
      // never more than the burst plus what refilled since the start
      double allowed = 10 + sent.get(i).toNanos() / 50_000_000.0;
      assertThat((double) i + 1).isLessThanOrEqualTo(allowed);
    }
  }

  @Test
  void execute_noTokensWithinMaxWait_refusesAsRateLimitedWithoutSending() {
    TokenBucketBudget kalshi =
        budget(BudgetConfig.kalshi(KalshiTier.BASIC).withMaxWait(Duration.ofMillis(40)));
    upstream.then(answer(200));
    for (int i = 0; i < 10; i++) {
      kalshi.execute(get("kalshi.markets", 10), upstream);
    }

    UpstreamException e =
        catchThrowableOfType(
            UpstreamException.class, () -> kalshi.execute(get("kalshi.markets", 10), upstream));

    assertThat(e.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(e.status()).isEmpty();
    assertThat(e).hasMessageContaining("10 tokens of budget kalshi not available within 40 ms");
    assertThat(upstream.calls()).isEqualTo(10);
    assertThat(elapsed()).isZero();
    BudgetStatus.EndpointStatus markets = kalshi.status().endpoints().get("kalshi.markets");
    assertThat(markets.attempts()).isEqualTo(10);
    assertThat(markets.count(Outcome.RATE_LIMITED)).isEqualTo(1);
    assertThat(kalshi.status().availableTokens()).hasValue(0);
  }

  @Test
  void execute_clientError_throwsWithoutRetry() {
    TokenBucketBudget kalshi = budget(BudgetConfig.kalshi(KalshiTier.BASIC));
    upstream.then(answer(404));

    UpstreamException e =
        catchThrowableOfType(
            UpstreamException.class, () -> kalshi.execute(get("kalshi.market", 10), upstream));

    assertThat(e.outcome()).isEqualTo(Outcome.CLIENT_ERROR);
    assertThat(e.status()).hasValue(404);
    assertThat(upstream.calls()).isEqualTo(1);
    assertThat(kalshi.status().retries()).isZero();
    assertThat(kalshi.status().lastError())
        .hasValueSatisfying(
            f -> {
              assertThat(f.outcome()).isEqualTo(Outcome.CLIENT_ERROR);
              assertThat(f.endpoint()).isEqualTo("kalshi.market");
              assertThat(f.message()).contains("HTTP 404");
              assertThat(f.at()).isEqualTo(clock.wallTime());
            });
  }

  @Test
  void execute_serverErrorsThenOk_retriesAfterExponentialBackoff() {
    TokenBucketBudget kalshi = budget(BudgetConfig.kalshi(KalshiTier.BASIC));
    upstream.then(answer(500)).then(answer(502)).then(answer(200));

    UpstreamResponse r = kalshi.execute(get("kalshi.markets", 10), upstream);

    assertThat(r.attempts()).isEqualTo(3);
    // ceilings 250 ms then 500 ms, jitter picks the full ceiling in this test
    assertThat(upstream.sentAt)
        .containsExactly(Duration.ZERO, Duration.ofMillis(250), Duration.ofMillis(750));
    BudgetStatus.EndpointStatus markets = kalshi.status().endpoints().get("kalshi.markets");
    assertThat(markets.attempts()).isEqualTo(3);
    assertThat(markets.retries()).isEqualTo(2);
    assertThat(markets.count(Outcome.SERVER_ERROR)).isEqualTo(2);
    assertThat(markets.count(Outcome.OK)).isEqualTo(1);
  }

  @Test
  void execute_jitter_waitsThatFractionOfTheCeiling() {
    TokenBucketBudget kalshi =
        new TokenBucketBudget(
            BudgetConfig.kalshi(KalshiTier.BASIC), clock, Sleeper.advancing(clock), () -> 0.2);
    upstream.then(answer(503)).then(answer(200));

    kalshi.execute(get("kalshi.markets", 10), upstream);

    assertThat(upstream.sentAt).containsExactly(Duration.ZERO, Duration.ofMillis(50));
  }

  @Test
  void execute_timeoutsUntilAttemptsRunOut_throwsTimeoutAfterBackingOff() {
    TokenBucketBudget b =
        budget(
            BudgetConfig.of("t", Limit.perSecond(100, 100))
                .withRetry(new Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1))));
    upstream.then(new UpstreamException("t.slow", Outcome.TIMEOUT, 0, "no answer within 10 ms"));

    UpstreamException e =
        catchThrowableOfType(UpstreamException.class, () -> b.execute(get("t.slow", 1), upstream));

    assertThat(e.outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(upstream.calls()).isEqualTo(3);
    assertThat(elapsed()).isEqualTo(Duration.ofMillis(300));
    assertThat(b.status().count(Outcome.TIMEOUT)).isEqualTo(3);
    assertThat(b.status().lastError())
        .hasValueSatisfying(f -> assertThat(f.message()).contains("no answer within 10 ms"));
  }

  @Test
  void execute_429WithoutRetryAfter_backsOffExponentiallyAndDrainsTheBucket() {
    TokenBucketBudget kalshi = budget(BudgetConfig.kalshi(KalshiTier.BASIC));
    upstream.then(answer(429)).then(answer(200));

    UpstreamResponse r = kalshi.execute(get("kalshi.markets", 10), upstream);

    // the bucket is drained to -rate * 250 ms = -50 tokens; the retry waits its 250 ms backoff,
    // which brings the bucket back to 0, then 50 ms for its own 10 tokens
    assertThat(r.attempts()).isEqualTo(2);
    assertThat(upstream.sentAt).containsExactly(Duration.ZERO, Duration.ofMillis(300));
    assertThat(kalshi.status().count(Outcome.RATE_LIMITED)).isEqualTo(1);
  }

  @Test
  void execute_after429_otherCallersPauseToo() {
    TokenBucketBudget kalshi =
        budget(BudgetConfig.kalshi(KalshiTier.BASIC).withRetry(Retry.none()));
    upstream.then(answer(429)).then(answer(200));
    catchThrowableOfType(
        UpstreamException.class, () -> kalshi.execute(get("kalshi.markets", 10), upstream));

    assertThat(kalshi.status().availableTokens().getAsLong()).isLessThan(0);
    kalshi.execute(get("kalshi.orderbook", 10), upstream);

    // Retry.none() still has a 1 ms ceiling: drained to -0.2 -> -1 token, then 10 more tokens
    assertThat(upstream.sentAt.get(1)).isEqualTo(Duration.ofMillis(55));
  }

  @Test
  void execute_429WithRetryAfterSeconds_waitsThatLong() {
    TokenBucketBudget b = budget(BudgetConfig.theOddsApi());
    upstream.then(answer(429, "Retry-After", "2")).then(answer(200));

    UpstreamResponse r = b.execute(get("odds.nba", 3), upstream);

    assertThat(r.attempts()).isEqualTo(2);
    // 2 s of Retry-After, then one token at 27/s after the drain brought the bucket to 0
    assertThat(upstream.sentAt.get(1)).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2040));
  }

  @Test
  void execute_429WithRetryAfterHttpDate_waitsUntilThatTime() {
    TokenBucketBudget b = budget(BudgetConfig.theOddsApi());
    String in3s =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            clock.wallTime().plusSeconds(3).atOffset(ZoneOffset.UTC));
    upstream.then(answer(429, "Retry-After", in3s)).then(answer(200));

    b.execute(get("odds.nba", 3), upstream);

    assertThat(upstream.sentAt.get(1)).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3040));
  }

  @Test
  void execute_retryAfterLongerThanMaxBackoff_failsAtOnceAndRefusesOthersUntilThen() {
    TokenBucketBudget b = budget(BudgetConfig.theOddsApi());
    upstream.then(answer(429, "Retry-After", "60")).then(answer(200));

    UpstreamException first =
        catchThrowableOfType(
            UpstreamException.class, () -> b.execute(get("odds.nba", 3), upstream));
    UpstreamException second =
        catchThrowableOfType(
            UpstreamException.class, () -> b.execute(get("odds.nba", 3), upstream));

    assertThat(first.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(first).hasMessageContaining("upstream asked to wait 60000 ms");
    assertThat(second.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(upstream.calls()).isEqualTo(1);
    assertThat(elapsed()).isZero();

    clock.advance(Duration.ofSeconds(60));
    assertThat(b.execute(get("odds.nba", 3), upstream).status()).isEqualTo(200);
  }

  @Test
  void execute_sustainedServerErrors_opensCircuitThenHalfOpensToProbe() {
    TokenBucketBudget b =
        budget(
            BudgetConfig.of("t", Limit.perSecond(1000, 1000))
                .withRetry(Retry.none())
                .withBreaker(new Breaker(50f, 4, 4, Duration.ofSeconds(10), 1)));
    upstream.then(answer(503));
    for (int i = 0; i < 4; i++) {
      catchThrowableOfType(UpstreamException.class, () -> b.execute(get("t.x", 1), upstream));
    }
    assertThat(b.status().circuit()).isEqualTo(BudgetStatus.CircuitState.OPEN);

    UpstreamException refused =
        catchThrowableOfType(UpstreamException.class, () -> b.execute(get("t.x", 1), upstream));

    assertThat(refused.outcome()).isEqualTo(Outcome.CIRCUIT_OPEN);
    assertThat(upstream.calls()).isEqualTo(4);
    assertThat(b.status().count(Outcome.CIRCUIT_OPEN)).isEqualTo(1);
    assertThat(b.status().attempts()).isEqualTo(4);

    clock.advance(Duration.ofSeconds(10).plusMillis(1));
    upstream.instead(answer(200));
    assertThat(b.execute(get("t.x", 1), upstream).status()).isEqualTo(200);
    assertThat(b.status().circuit()).isEqualTo(BudgetStatus.CircuitState.CLOSED);
  }

  @Test
  void execute_clientErrorsAndRateLimits_doNotOpenTheCircuit() {
    TokenBucketBudget b =
        budget(
            BudgetConfig.of("t", Limit.perSecond(1000, 1000))
                .withRetry(Retry.none())
                .withBreaker(new Breaker(50f, 4, 4, Duration.ofSeconds(10), 1)));
    upstream.then(answer(400)).then(answer(429)).then(answer(404)).then(answer(429));
    for (int i = 0; i < 8; i++) {
      catchThrowableOfType(UpstreamException.class, () -> b.execute(get("t.x", 1), upstream));
      clock.advance(Duration.ofSeconds(1));
    }

    assertThat(b.status().circuit()).isEqualTo(BudgetStatus.CircuitState.CLOSED);
    assertThat(b.status().count(Outcome.CIRCUIT_OPEN)).isZero();
  }

  @Test
  void execute_binance418_refusesAllCallsForRetryAfterThenProbes() {
    TokenBucketBudget binance = budget(BudgetConfig.binance());
    upstream.then(answer(418, "Retry-After", "120")).then(answer(200));

    UpstreamException banned =
        catchThrowableOfType(
            UpstreamException.class, () -> binance.execute(get("binance.depth", 5), upstream));
    clock.advance(Duration.ofSeconds(119));
    UpstreamException refused =
        catchThrowableOfType(
            UpstreamException.class, () -> binance.execute(get("binance.ticker", 2), upstream));

    assertThat(banned.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(banned.status()).hasValue(418);
    assertThat(refused.outcome()).isEqualTo(Outcome.CIRCUIT_OPEN);
    assertThat(upstream.calls()).isEqualTo(1);
    assertThat(binance.status().circuit()).isEqualTo(BudgetStatus.CircuitState.OPEN);

    clock.advance(Duration.ofSeconds(2));
    assertThat(binance.execute(get("binance.depth", 5), upstream).status()).isEqualTo(200);
    assertThat(binance.status().circuit()).isEqualTo(BudgetStatus.CircuitState.HALF_OPEN);
    binance.execute(get("binance.depth", 5), upstream);
    assertThat(binance.status().circuit()).isEqualTo(BudgetStatus.CircuitState.CLOSED);
  }

  @Test
  void execute_binanceUsedWeightHeader_lowersTheBucketToTheServersCount() {
    TokenBucketBudget binance = budget(BudgetConfig.binance());
    upstream.then(answer(200, "X-MBX-USED-WEIGHT-1M", "5990"));

    binance.execute(get("binance.depth", 5), upstream);
    UpstreamException e =
        catchThrowableOfType(
            UpstreamException.class, () -> binance.execute(get("binance.depth", 25), upstream));

    assertThat(binance.status().availableTokens()).hasValue(10);
    assertThat(e.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(upstream.calls()).isEqualTo(1);
  }

  @Test
  void execute_binanceWindowSpent_waitsForTheNextMinuteBoundary() {
    clock.advance(Duration.ofSeconds(45)); // wall 23:00:45, the window resets at 23:01:00
    TokenBucketBudget binance =
        budget(BudgetConfig.binance(1_200).withMaxWait(Duration.ofMinutes(2)));
    upstream.then(answer(200));
    binance.execute(get("binance.depth", 1_000), upstream);
    binance.execute(get("binance.depth", 200), upstream);

    binance.execute(get("binance.depth", 5), upstream);

    assertThat(upstream.sentAt.get(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(clock.wallTime()).isEqualTo(Instant.parse("2026-01-09T23:01:00Z"));
  }

  @Test
  void replaceLimit_largerWeightFromExchangeInfo_appliesToTheNextWindow() {
    clock.advance(Duration.ofSeconds(30));
    TokenBucketBudget binance = budget(BudgetConfig.binance(1_200));
    upstream.then(answer(200));
    binance.execute(get("binance.depth", 1_000), upstream);

    binance.replaceLimit(Limit.fixedWindow(6_000, Duration.ofMinutes(1)));
    clock.advance(Duration.ofSeconds(30));

    assertThat(binance.limit().capacity()).isEqualTo(6_000);
    assertThat(binance.status().availableTokens()).hasValue(6_000);
  }

  @Test
  void execute_oddsCreditsRunOut_refusesWithoutCalling() {
    TokenBucketBudget odds = budget(BudgetConfig.theOddsApi());
    upstream
        .then(answer(200, "x-requests-remaining", "5", "x-requests-used", "495"))
        .then(answer(200, "x-requests-remaining", "2", "x-requests-used", "498"));

    odds.execute(get("odds.nba", 3), upstream);
    odds.execute(get("odds.nba", 3), upstream);
    UpstreamException e =
        catchThrowableOfType(
            UpstreamException.class, () -> odds.execute(get("odds.nba", 3), upstream));

    assertThat(e.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(e).hasMessageContaining("2 credits left, the call costs 3");
    assertThat(upstream.calls()).isEqualTo(2);
    assertThat(odds.status().remainingCredits()).hasValue(2);
    // free endpoints still work
    assertThat(odds.execute(get("odds.sports", 0), upstream).status()).isEqualTo(200);
  }

  @Test
  void execute_oddsZeroCreditsLeft_refusesEvenTheCheapestCall() {
    TokenBucketBudget odds = budget(BudgetConfig.theOddsApi());
    upstream.then(answer(200, "x-requests-remaining", "0"));
    odds.execute(get("odds.nba", 1), upstream);

    UpstreamException e =
        catchThrowableOfType(
            UpstreamException.class, () -> odds.execute(get("odds.nba", 1), upstream));

    assertThat(e.outcome()).isEqualTo(Outcome.RATE_LIMITED);
    assertThat(upstream.calls()).isEqualTo(1);
  }

  @Test
  void execute_oddsApi_takesOneTokenPerCallWhateverItsCredits() {
    TokenBucketBudget odds = budget(BudgetConfig.theOddsApi());
    upstream.then(answer(200));

    odds.execute(get("odds.nba", 3), upstream);

    assertThat(odds.status().availableTokens()).hasValue(2);
  }

  @Test
  void execute_polymarketBooks_limitedByItsOwnWindowNotOtherEndpoints() {
    TokenBucketBudget pm = budget(BudgetConfig.polymarketClob());
    upstream.then(answer(200));
    for (int i = 0; i < 50; i++) {
      pm.execute(get("polymarket.books", 1), upstream);
    }
    for (int i = 0; i < 100; i++) {
      pm.execute(get("polymarket.book", 1), upstream);
    }
    assertThat(elapsed()).isZero();

    pm.execute(get("polymarket.books", 1), upstream);

    // /books: 500 per 10 s = burst 50 + 45/s, so the 51st waits 1/45 s
    assertThat(elapsed()).isBetween(Duration.ofMillis(22), Duration.ofMillis(23));
    assertThat(pm.status().endpoints()).containsOnlyKeys("polymarket.books", "polymarket.book");
  }

  @Test
  void execute_costAboveCapacity_failsAsClientErrorWithoutSending() {
    TokenBucketBudget kalshi = budget(BudgetConfig.kalshi(KalshiTier.BASIC));

    UpstreamException e =
        catchThrowableOfType(
            UpstreamException.class, () -> kalshi.execute(get("kalshi.huge", 500), upstream));

    assertThat(e.outcome()).isEqualTo(Outcome.CLIENT_ERROR);
    assertThat(e).hasMessageContaining("cost 500 exceeds the capacity 100 of budget kalshi");
    assertThat(upstream.calls()).isZero();
  }

  @Test
  void unlimited_calls_countsOutcomesAndLastError() {
    Budget b = Budget.unlimited("replay");
    upstream.then(answer(200)).then(answer(500));

    b.execute(get("r.x", 1), upstream);
    catchThrowableOfType(UpstreamException.class, () -> b.execute(get("r.x", 1), upstream));

    assertThat(b.status().count(Outcome.OK)).isEqualTo(1);
    assertThat(b.status().count(Outcome.SERVER_ERROR)).isEqualTo(1);
    assertThat(b.status().lastError()).isPresent();
    assertThat(b.status().availableTokens()).isEmpty();
  }

  static UpstreamResponse answer(int status, String... headerPairs) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], List.of(headerPairs[i + 1]));
    }
    return new UpstreamResponse(status, headers, new byte[0], Duration.ofMillis(1), 1);
  }

  /**
   * A transport that answers from a script (the last step repeats) and notes when it was called.
   */
  final class Script implements Transport {
    private final Deque<Object> steps = new ArrayDeque<>();
    final List<Duration> sentAt = new ArrayList<>();

    Script then(UpstreamResponse response) {
      steps.add(response);
      return this;
    }

    Script instead(UpstreamResponse response) {
      steps.clear();
      return then(response);
    }

    Script then(UpstreamException failure) {
      steps.add(failure);
      return this;
    }

    int calls() {
      return sentAt.size();
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
      sentAt.add(elapsed());
      Object step = steps.size() > 1 ? steps.poll() : steps.peek();
      if (step instanceof UpstreamException e) {
        throw e;
      }
      return (UpstreamResponse) step;
    }
  }
}
