package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class KalshiFeesTest {

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  @Test
  void takerFeePerContract_handValues_roundUpToTheCent() {
    // 0.07·0.5·0.5 = 0.0175 -> 0.02; 0.07·0.05·0.95 = 0.003325 -> 0.01; 0.07·0.99·0.01 -> 0.01
    assertThat(KalshiFees.takerFeePerContract(dec("0.50"))).isEqualTo(dec("0.02"));
    assertThat(KalshiFees.takerFeePerContract(dec("0.45"))).isEqualTo(dec("0.02"));
    assertThat(KalshiFees.takerFeePerContract(dec("0.05"))).isEqualTo(dec("0.01"));
    assertThat(KalshiFees.takerFeePerContract(dec("0.99"))).isEqualTo(dec("0.01"));
  }

  @Test
  void takerFeePerContract_customRate_usesRate() {
    assertThat(KalshiFees.takerFeePerContract(dec("0.5"), dec("0.035"))).isEqualTo(dec("0.01"));
    assertThat(KalshiFees.takerFeePerContract(dec("0.5"), BigDecimal.ZERO)).isEqualTo(dec("0.00"));
  }

  @Test
  void takerFee_exactWholeCent_isNotRoundedUpByFloatingPointError() {
    // 0.07·4·0.5·0.5 = 0.07 exactly; in double it is 0.07000000000000001 and would ceil to 0.08.
    assertThat(KalshiFees.takerFee(dec("0.5"), dec("4"), KalshiFees.DEFAULT_TAKER_RATE))
        .isEqualTo(dec("0.07"));
  }

  @Test
  void takerFee_order_roundsOncePerOrder() {
    // 0.07·10·0.45·0.55 = 0.17325 -> 0.18, not 10 × 0.02
    assertThat(KalshiFees.takerFee(dec("0.45"), dec("10"), KalshiFees.DEFAULT_TAKER_RATE))
        .isEqualTo(dec("0.18"));
  }

  @Test
  void takerFee_badInputs_areRejectedWithNames() {
    assertThatThrownBy(() -> KalshiFees.takerFeePerContract(dec("1")))
        .isInstanceOf(ModelException.class)
        .hasMessage("KalshiFees: price must be strictly between 0 and 1 dollar but was 1");
    assertThatThrownBy(() -> KalshiFees.takerFee(dec("0.5"), dec("0"), dec("0.07")))
        .isInstanceOf(ModelException.class)
        .hasMessage("KalshiFees: contracts must be positive but was 0");
    assertThatThrownBy(() -> KalshiFees.takerFeePerContract(dec("0.5"), dec("-0.07")))
        .isInstanceOf(ModelException.class)
        .hasMessage("KalshiFees: rate must be in [0, 1] but was -0.07");
    assertThatThrownBy(() -> KalshiFees.takerFeePerContract(null))
        .isInstanceOf(ModelException.class)
        .hasMessage("KalshiFees: price is missing");
  }

  @Test
  void expectedValue_withKalshiFee_combinesBoundaryTypes() {
    BigDecimal price = dec("0.48");
    BigDecimal fee = KalshiFees.takerFeePerContract(price);

    assertThat(fee).isEqualTo(dec("0.02"));
    assertThat(Odds.expectedValue(0.55, price, fee))
        .isCloseTo(0.059, org.assertj.core.api.Assertions.within(1e-12));
  }
}
