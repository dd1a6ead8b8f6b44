package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceLevelTest {

  @Test
  void new_sameNumberDifferentScale_givesEqualLevels() {
    PriceLevel wire = PriceLevel.of("0.4500", "100.00");
    PriceLevel plain = new PriceLevel(new BigDecimal("0.45"), new BigDecimal("100"));

    assertThat(wire).isEqualTo(plain).hasSameHashCodeAs(plain);
    assertThat(wire.price().toString()).isEqualTo("0.45");
    assertThat(wire.size().toString()).isEqualTo("100");
  }

  @Test
  void new_nonPositivePrice_isRejected() {
    assertThatThrownBy(() -> PriceLevel.of("0", "1"))
        .isInstanceOf(ModelException.class)
        .hasMessage("PriceLevel: price must be positive but was 0");
  }

  @Test
  void new_negativeSize_isRejectedWithPrice() {
    assertThatThrownBy(() -> PriceLevel.of("0.45", "-1"))
        .isInstanceOf(ModelException.class)
        .hasMessage("PriceLevel: size must be zero or positive but was -1 at price 0.45");
  }

  @Test
  void new_zeroSize_isAllowedAndEmpty() {
    assertThat(PriceLevel.of("0.45", "0.00").isEmpty()).isTrue();
  }

  @Test
  void of_notANumber_namesPartAndText() {
    assertThatThrownBy(() -> PriceLevel.of("0.4x", "1"))
        .isInstanceOf(ModelException.class)
        .hasMessage("PriceLevel: price \"0.4x\" is not a decimal number");
    assertThatThrownBy(() -> new PriceLevel(BigDecimal.ONE, null))
        .isInstanceOf(ModelException.class)
        .hasMessage("PriceLevel: size is missing");
  }
}
