package io.marketgate.upstream.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketgate.cache.ManualClock;
import io.marketgate.model.PriceLevel;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.BudgetStatus;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.Sleeper;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST adapter and its budget against a real loopback HTTP server. */
class BinanceRestTest {

  private static final String DEPTH = "/api/v3/depth";

  // Mid-minute, so the fixed one-minute window does not roll over during a test.
  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T12:00:20Z"));
  private final FakeBinanceRest server = new FakeBinanceRest();
  private final TokenBucketBudget budget =
      TokenBucketBudget.create(BudgetConfig.binance(), clock, Sleeper.advancing(clock));
  private final BinanceRest rest =
      BinanceRest.create(
          UpstreamClient.builder("binance", server.baseUri()).budget(budget).build());

  @AfterEach
  void stop() {
    server.close();
  }

  private static FakeBinanceRest.Reply snapshot(Map<String, String> headers) {
    return new FakeBinanceRest.Reply(200, headers, BinanceFixtures.text("depth-snapshot.json"));
  }

  @Test
  void depth_documentedAnswer_isParsedAndAskedWithSymbolAndLimit() {
    server.on(DEPTH, snapshot(Map.of()));

    DepthSnapshot s = rest.depth("bnbbtc", 1000);

    assertThat(s.symbol()).isEqualTo("BNBBTC");
    assertThat(s.lastUpdateId()).isEqualTo(1027024);
    assertThat(s.book().bestBid()).contains(PriceLevel.of("4", "431"));
    assertThat(server.seen()).containsExactly(DEPTH + "?symbol=BNBBTC&limit=1000");
  }

  @Test
  void depth_chargesTheDocumentedWeightByLimit() {
    assertThat(BinanceRest.depthWeight(100)).isEqualTo(5);
    assertThat(BinanceRest.depthWeight(101)).isEqualTo(25);
    assertThat(BinanceRest.depthWeight(1000)).isEqualTo(50);
    assertThat(BinanceRest.depthWeight(5000)).isEqualTo(250);
    server.on(DEPTH, snapshot(Map.of()));

    rest.depth("BTCUSDT", 1000);

    assertThat(budget.status().availableTokens()).hasValue(6_000 - 50);
  }

  @Test
  void depth_usedWeightHeader_lowersTheBudgetToTheServersCount() {
    server.on(DEPTH, snapshot(Map.of("X-MBX-USED-WEIGHT-1M", "5990")));

    rest.depth("BTCUSDT", 100);
    // 10 left: a weight-50 snapshot cannot be sent in this minute.
    assertThatThrownBy(() -> rest.depth("BTCUSDT", 1000))
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.RATE_LIMITED));

    assertThat(budget.status().availableTokens()).hasValue(10);
    assertThat(server.count(DEPTH)).isEqualTo(1);
  }

  @Test
  void depth_429WithRetryAfter_waitsThatLongAndRetries() {
    // Binance's Retry-After on a weight 429 runs to the end of its minute window: as here.
    clock.advance(Duration.ofSeconds(38));
    server.on(
        DEPTH,
        new FakeBinanceRest.Reply(429, Map.of("Retry-After", "3"), "{\"code\":-1003}"),
        snapshot(Map.of()));
    long before = clock.nanoTime();

    DepthSnapshot s = rest.depth("BTCUSDT", 100);

    assertThat(s.lastUpdateId()).isEqualTo(1027024);
    assertThat(Duration.ofNanos(clock.nanoTime() - before))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    assertThat(server.count(DEPTH)).isEqualTo(2);
  }

  @Test
  void depth_418_opensTheCircuitForRetryAfterWithoutCallingAgain() {
    server.on(
        DEPTH,
        new FakeBinanceRest.Reply(418, Map.of("Retry-After", "120"), "{\"code\":-1003}"),
        snapshot(Map.of()));

    assertThatThrownBy(() -> rest.depth("BTCUSDT", 100))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> {
              assertThat(e.outcome()).isEqualTo(Outcome.RATE_LIMITED);
              assertThat(e.status()).contains(418);
            });
    assertThatThrownBy(() -> rest.depth("BTCUSDT", 100))
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.CIRCUIT_OPEN));
    assertThat(server.count(DEPTH)).isEqualTo(1);
    assertThat(budget.status().circuit()).isEqualTo(BudgetStatus.CircuitState.OPEN);

    clock.advance(Duration.ofSeconds(121));

    assertThat(rest.depth("BTCUSDT", 100).lastUpdateId()).isEqualTo(1027024);
    assertThat(server.count(DEPTH)).isEqualTo(2);
  }

  @Test
  void depth_malformedAnswer_failsAsMalformed() {
    server.on(DEPTH, FakeBinanceRest.Reply.json("{\"lastUpdateId\":\"x\",\"bids\":[]}"));

    assertThatThrownBy(() -> rest.depth("BTCUSDT", 5))
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.MALFORMED))
        .hasMessageContaining("lastUpdateId");
  }

  @Test
  void depth_badSymbol_isRejectedBeforeCalling() {
    assertThatThrownBy(() -> rest.depth("BTC/USDT", 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BTC/USDT");
    assertThat(server.seen()).isEmpty();
  }

  @Test
  void requestWeightPerMinute_readsRequestWeightFromExchangeInfo() {
    server.on(
        "/api/v3/exchangeInfo",
        FakeBinanceRest.Reply.json(BinanceFixtures.text("exchange-info.json")));

    assertThat(rest.requestWeightPerMinute("BTCUSDT")).hasValue(6_000);
    assertThat(server.seen()).containsExactly("/api/v3/exchangeInfo?symbol=BTCUSDT");
  }
}
