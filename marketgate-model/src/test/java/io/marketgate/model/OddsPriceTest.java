package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class OddsPriceTest {

  @Test
  void ofAmerican_favouriteAndUnderdog_deriveDecimal() {
    assertThat(OddsPrice.ofAmerican(-240).decimal()).isCloseTo(1 + 100.0 / 240, within(1e-12));
    assertThat(OddsPrice.ofAmerican(198).decimal()).isCloseTo(2.98, within(1e-12));
    assertThat(OddsPrice.ofAmerican(100).decimal()).isEqualTo(2.0);
  }

  @Test
  void ofDecimal_belowAndAboveEvens_deriveAmerican() {
    assertThat(OddsPrice.ofDecimal(1.5).american()).isCloseTo(-200, within(1e-9));
    assertThat(OddsPrice.ofDecimal(2.5).american()).isCloseTo(150, within(1e-9));
    assertThat(OddsPrice.ofDecimal(2.0).american()).isEqualTo(100);
  }

  @Test
  void impliedProbability_minus110_isAbout524() {
    assertThat(OddsPrice.ofAmerican(-110).impliedProbability())
        .isCloseTo(110.0 / 210, within(1e-12));
  }

  @Test
  void ofAmerican_insideMinus100To100_namesRecord() {
    assertThatThrownBy(() -> OddsPrice.ofAmerican(50))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("OddsPrice: American odds must be finite with |odds| >= 100");
  }

  @Test
  void ofDecimal_atOrBelowOne_namesRecord() {
    assertThatThrownBy(() -> OddsPrice.ofDecimal(1.0))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("OddsPrice: decimal odds must be finite and greater than 1");
  }

  @Test
  void new_formsDisagree_namesBothForms() {
    assertThatThrownBy(() -> new OddsPrice(-110, 2.5))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("OddsPrice: decimal 2.5 does not match american -110.0");
  }

  @Property(tries = 300)
  void ofDecimal_anyValidDecimal_roundTripsThroughAmerican(
      @ForAll @DoubleRange(min = 1.001, max = 1000) @Scale(6) double decimal) {
    OddsPrice price = OddsPrice.ofDecimal(decimal);

    assertThat(OddsPrice.ofAmerican(price.american()).decimal())
        .isCloseTo(decimal, within(1e-9 * decimal));
  }
}
