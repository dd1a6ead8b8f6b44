package io.marketgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketgate.upstream.BudgetConfig.Breaker;
import io.marketgate.upstream.BudgetConfig.KalshiTier;
import io.marketgate.upstream.BudgetConfig.Limit;
import io.marketgate.upstream.BudgetConfig.Retry;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class BudgetConfigTest {

  @Test
  void kalshi_everyTier_refillsItsReadTokensWithABurstOfHalfASecond() {
    assertThat(BudgetConfig.kalshi(KalshiTier.BASIC).limit()).isEqualTo(Limit.perSecond(200, 100));
    assertThat(BudgetConfig.kalshi(KalshiTier.ADVANCED).limit().tokensPerSecond()).isEqualTo(300);
    assertThat(BudgetConfig.kalshi(KalshiTier.PREMIER).limit().tokensPerSecond()).isEqualTo(1_000);
    assertThat(BudgetConfig.kalshi(KalshiTier.PARAGON).limit().tokensPerSecond()).isEqualTo(2_000);
    assertThat(BudgetConfig.kalshi(KalshiTier.PRIME).limit().capacity()).isEqualTo(2_000);
    assertThat(BudgetConfig.kalshi(KalshiTier.BASIC).charge()).isEqualTo(BudgetConfig.Charge.COST);
  }

  @Test
  void polymarketClob_books_isFiveHundredPerTenSeconds() {
    Limit books = BudgetConfig.polymarketClob().endpointLimits().get("polymarket.books");

    assertThat(books.capacity() + books.refillTokens()).isEqualTo(500);
    assertThat(books.refillPeriod()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void binance_default_isSixThousandWeightPerClockMinute() {
    Limit weight = BudgetConfig.binance().limit();

    assertThat(weight).isEqualTo(Limit.fixedWindow(6_000, Duration.ofMinutes(1)));
    assertThat(weight.refill()).isEqualTo(Limit.Refill.FIXED_WINDOW);
  }

  @Property
  void slidingWindow_anyLimit_burstPlusOneWindowOfRefillIsTheLimit(
      @ForAll @LongRange(min = 2, max = 1_000_000) long calls) {
    Limit l = Limit.slidingWindow(calls, Duration.ofSeconds(10));

    assertThat(l.capacity() + l.refillTokens()).isEqualTo(calls);
    assertThat(l.capacity()).isBetween(1L, calls / 2);
  }

  @Property
  void retryCeiling_anyRetry_doublesUpToTheMax(@ForAll @IntRange(min = 1, max = 100) int n) {
    Retry r = new Retry(5, Duration.ofMillis(250), Duration.ofSeconds(8));

    Duration expected = Duration.ofMillis(Math.min(8_000, 250L << Math.min(n - 1, 20)));
    assertThat(r.ceiling(n)).isEqualTo(expected);
  }

  @Test
  void new_badValues_failNamingTheField() {
    assertThatThrownBy(() -> BudgetConfig.kalshi(KalshiTier.BASIC).withMaxConcurrentCalls(0))
        .hasMessage("budget kalshi: maxConcurrentCalls must be >= 1, was 0");
    assertThatThrownBy(() -> Limit.perSecond(0, 10))
        .hasMessage("limit refillTokens must be >= 1, was 0");
    assertThatThrownBy(() -> new Retry(0, Duration.ofMillis(1), Duration.ofMillis(1)))
        .hasMessage("retry maxAttempts must be >= 1, was 0");
    assertThatThrownBy(() -> new Retry(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("retry maxBackoff must be >= baseBackoff");
    assertThatThrownBy(() -> new Breaker(0f, 10, 5, Duration.ofSeconds(1), 1))
        .hasMessageContaining("failureRatePercent must be in (0, 100]");
    assertThatThrownBy(() -> new Breaker(50f, 10, 11, Duration.ofSeconds(1), 1))
        .hasMessageContaining("minimumCalls must be in [1, slidingWindowCalls 10], was 11");
    assertThatThrownBy(() -> BudgetConfig.of(" ", Limit.perSecond(1, 1)))
        .hasMessage("budget name must not be blank");
  }
}
