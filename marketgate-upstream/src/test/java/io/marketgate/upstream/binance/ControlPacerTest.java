package io.marketgate.upstream.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketgate.cache.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ControlPacerTest {

  private final ManualClock clock = new ManualClock();

  @Test
  void delayNanos_afterFourSendsInASecond_waitsUntilTheFirstIsASecondOld() {
    ControlPacer pacer = new ControlPacer(clock, 4);
    for (int i = 0; i < 4; i++) {
      assertThat(pacer.delayNanos()).isZero();
      pacer.sent();
      clock.advance(Duration.ofMillis(100));
    }

    assertThat(pacer.delayNanos()).isEqualTo(Duration.ofMillis(600).toNanos());
    clock.advance(Duration.ofMillis(600));
    assertThat(pacer.delayNanos()).isZero();
  }

  @Test
  void reset_forgetsEarlierSends() {
    ControlPacer pacer = new ControlPacer(clock, 1);
    pacer.sent();
    assertThat(pacer.delayNanos()).isPositive();

    pacer.reset();

    assertThat(pacer.delayNanos()).isZero();
  }

  @Test
  void constructor_moreThanBinanceAllows_isRejected() {
    assertThatThrownBy(() -> new ControlPacer(clock, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 5");
  }
}
