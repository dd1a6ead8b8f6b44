package io.marketgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.marketgate.cache.ManualClock;
import io.marketgate.upstream.BudgetConfig.Breaker;
import io.marketgate.upstream.BudgetConfig.KalshiTier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link UpstreamClient#send(UpstreamRequest, Function)}: the parser runs inside the budget's
 * attempt, so a 2xx body it rejects is a failed attempt the budget counts as {@link
 * Outcome#MALFORMED}, retries and reports to its breaker.
 */
class UpstreamClientParseTest {

  private static final URI BASE = URI.create("https://api.example/trade-api/v2");
  private static final String ENDPOINT = "kalshi.orderbook";

  private final ManualClock clock = new ManualClock();
  private final Script upstream = new Script();

  /** A budget on the manual clock whose jitter always picks the full backoff ceiling. */
  private TokenBucketBudget budget(BudgetConfig config) {
    return new TokenBucketBudget(config, clock, Sleeper.advancing(clock), () -> 1.0);
  }

  /** A client whose HTTP transport is replaced by the script. */
  private UpstreamClient client(Budget budget) {
    return UpstreamClient.builder("kalshi", BASE)
        .budget(budget)
        .transport(http -> upstream)
        .build();
  }

  private UpstreamRequest request(UpstreamClient client) {
    return UpstreamRequest.get(ENDPOINT, client.resolve("/markets/T/orderbook"), 10);
  }

  /** Reads {@code {"n":<int>}}; anything else is rejected as MALFORMED. */
  private static int strictParser(UpstreamResponse r) {
    String body = r.bodyText();
    if (!body.startsWith("{\"n\":") || !body.endsWith("}")) {
      throw new UpstreamException(ENDPOINT, Outcome.MALFORMED, r.status(), "not an n object");
    }
    return Integer.parseInt(body.substring(5, body.length() - 1));
  }

  private static UpstreamResponse answer(int status, String body) {
    return new UpstreamResponse(
        status, Map.of(), body.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(1), 1);
  }

  @Test
  void send_okBodyParserRejectsThenGoodAnswer_retriesCountsMalformedAndReturnsGoodAnswer() {
    TokenBucketBudget budget = budget(BudgetConfig.kalshi(KalshiTier.BASIC));
    UpstreamClient client = client(budget);
    upstream.then(answer(200, "{\"n\":")).then(answer(200, "{\"n\":42}"));

    int parsed = client.send(request(client), UpstreamClientParseTest::strictParser);

    assertThat(parsed).isEqualTo(42);
    assertThat(upstream.sentAt)
        .as("retried after the first backoff ceiling, like a 5xx")
        .containsExactly(Duration.ZERO, Duration.ofMillis(250));
    BudgetStatus status = budget.status();
    assertThat(status.endpoints().get(ENDPOINT))
        .isEqualTo(
            new BudgetStatus.EndpointStatus(
                1, 2, 1, Map.of(Outcome.MALFORMED, 1L, Outcome.OK, 1L)));
    assertThat(status.lastError())
        .hasValueSatisfying(
            f -> {
              assertThat(f.endpoint()).isEqualTo(ENDPOINT);
              assertThat(f.outcome()).isEqualTo(Outcome.MALFORMED);
              assertThat(f.message()).contains("not an n object");
            });
    assertThat(status.circuit()).isEqualTo(BudgetStatus.CircuitState.CLOSED);
  }

  @Test
  void send_parserThrowsRuntimeExceptionOnEveryBody_wrappedMalformedRetriedAndOpensBreaker() {
    TokenBucketBudget budget =
        budget(
            BudgetConfig.kalshi(KalshiTier.BASIC)
                .withBreaker(new Breaker(50f, 4, 4, Duration.ofSeconds(30), 1)));
    UpstreamClient client = client(budget);
    upstream.then(answer(200, "{\"n\":\"x\"}"));
    Function<UpstreamResponse, Integer> parser =
        r -> Integer.parseInt(r.bodyText().substring(5, r.bodyText().length() - 1));

    UpstreamException e =
        catchThrowableOfType(UpstreamException.class, () -> client.send(request(client), parser));

    assertThat(e.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(e.endpoint()).isEqualTo(ENDPOINT);
    assertThat(e.status()).hasValue(200);
    assertThat(e).hasMessageContaining("unreadable answer: NumberFormatException");
    assertThat(e).hasCauseInstanceOf(NumberFormatException.class);
    assertThat(upstream.calls()).as("every attempt of the kalshi retry policy").isEqualTo(4);
    BudgetStatus status = budget.status();
    assertThat(status.count(Outcome.MALFORMED)).isEqualTo(4);
    assertThat(status.count(Outcome.OK)).isZero();
    assertThat(status.retries()).isEqualTo(3);
    assertThat(status.circuit())
        .as("four failures out of four attempts open the breaker")
        .isEqualTo(BudgetStatus.CircuitState.OPEN);
  }

  @Test
  void send_serverErrorThenGoodAnswer_parserRunsOnlyOnTheOkBody() {
    TokenBucketBudget budget = budget(BudgetConfig.kalshi(KalshiTier.BASIC));
    UpstreamClient client = client(budget);
    upstream.then(answer(503, "<html>busy</html>")).then(answer(200, "{\"n\":7}"));
    AtomicInteger parsed = new AtomicInteger();

    int n =
        client.send(
            request(client),
            r -> {
              parsed.incrementAndGet();
              return strictParser(r);
            });

    assertThat(n).isEqualTo(7);
    assertThat(parsed).hasValue(1);
    assertThat(budget.status().count(Outcome.SERVER_ERROR)).isEqualTo(1);
    assertThat(budget.status().count(Outcome.MALFORMED)).isZero();
    assertThat(budget.status().count(Outcome.OK)).isEqualTo(1);
  }

  @Test
  void send_unlimitedBudgetParserRejects_throwsMalformedOnceAndCountsIt() {
    Budget budget = Budget.unlimited("replay");
    UpstreamClient client = client(budget);
    upstream.then(answer(200, "[]"));

    UpstreamException e =
        catchThrowableOfType(
            UpstreamException.class,
            () -> client.send(request(client), UpstreamClientParseTest::strictParser));

    assertThat(e.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(upstream.calls()).isEqualTo(1);
    assertThat(budget.status().count(Outcome.MALFORMED)).isEqualTo(1);
    assertThat(budget.status().count(Outcome.OK)).isZero();
    assertThat(budget.status().lastError())
        .hasValueSatisfying(f -> assertThat(f.outcome()).isEqualTo(Outcome.MALFORMED));
  }

  /**
   * A transport that answers from a script (the last step repeats) and notes when it was called.
   */
  private final class Script implements Transport {
    private final Deque<UpstreamResponse> steps = new ArrayDeque<>();
    final List<Duration> sentAt = new ArrayList<>();

    Script then(UpstreamResponse response) {
      steps.add(response);
      return this;
    }

    int calls() {
      return sentAt.size();
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request) {
      sentAt.add(Duration.ofNanos(clock.nanoTime()));
      return steps.size() > 1 ? steps.poll() : steps.peek();
    }
  }
}
