package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class OddsTest {

  private static final double EPS = 1e-12;

  @Test
  void americanToDecimal_favouriteAndUnderdog_matchHandValues() {
    assertThat(Odds.americanToDecimal(-110)).isCloseTo(1.9090909090909092, within(EPS));
    assertThat(Odds.americanToDecimal(150)).isCloseTo(2.5, within(EPS));
    assertThat(Odds.americanToDecimal(100)).isEqualTo(2.0);
    assertThat(Odds.americanToDecimal(-100)).isEqualTo(2.0);
  }

  @Test
  void decimalToAmerican_belowAndAboveTwo_matchHandValues() {
    assertThat(Odds.decimalToAmerican(1.5)).isCloseTo(-200, within(EPS));
    assertThat(Odds.decimalToAmerican(3.0)).isCloseTo(200, within(EPS));
    assertThat(Odds.decimalToAmerican(2.0)).isEqualTo(100);
  }

  @Test
  void americanToProbability_favouriteAndUnderdog_matchHandValues() {
    assertThat(Odds.americanToProbability(-110)).isCloseTo(110.0 / 210, within(EPS));
    assertThat(Odds.americanToProbability(300)).isCloseTo(0.25, within(EPS));
  }

  @Test
  void probabilityToAmerican_aboveAndBelowHalf_matchHandValues() {
    assertThat(Odds.probabilityToAmerican(0.6)).isCloseTo(-150, within(1e-9));
    assertThat(Odds.probabilityToAmerican(0.25)).isCloseTo(300, within(1e-9));
    assertThat(Odds.probabilityToAmerican(0.5)).isEqualTo(100);
  }

  @Test
  void decimalAndProbability_conversions_areReciprocals() {
    assertThat(Odds.decimalToProbability(4.0)).isEqualTo(0.25);
    assertThat(Odds.probabilityToDecimal(0.25)).isEqualTo(4.0);
  }

  @Test
  void americanToDecimal_oddsBetweenMinusAndPlusHundred_areRejected() {
    assertThatThrownBy(() -> Odds.americanToDecimal(99.5))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "Odds: American odds must be finite with |odds| >= 100 (values in (-100, 100) do not"
                + " exist) but was 99.5");
    assertThatThrownBy(() -> Odds.americanToProbability(-50)).isInstanceOf(ModelException.class);
    assertThatThrownBy(() -> Odds.americanToDecimal(Double.NaN)).isInstanceOf(ModelException.class);
  }

  @Test
  void decimalConversions_decimalNotAboveOne_areRejected() {
    assertThatThrownBy(() -> Odds.decimalToAmerican(1.0))
        .isInstanceOf(ModelException.class)
        .hasMessage("Odds: decimal odds must be finite and greater than 1 but was 1.0");
    assertThatThrownBy(() -> Odds.decimalToProbability(Double.POSITIVE_INFINITY))
        .isInstanceOf(ModelException.class);
  }

  @Test
  void probabilityConversions_outsideOpenUnitInterval_areRejected() {
    assertThatThrownBy(() -> Odds.probabilityToDecimal(0))
        .isInstanceOf(ModelException.class)
        .hasMessage("Odds: probability must be strictly between 0 and 1 but was 0.0");
    assertThatThrownBy(() -> Odds.probabilityToAmerican(1)).isInstanceOf(ModelException.class);
    assertThatThrownBy(() -> Odds.probabilityToAmerican(Double.NaN))
        .isInstanceOf(ModelException.class);
  }

  @Test
  void expectedValue_handExample_matchesFormula() {
    // p·((1 − P) − fee) − (1 − p)·P = 0.55·(0.52 − 0.02) − 0.45·0.48 = 0.275 − 0.216
    double ev = Odds.expectedValue(0.55, new BigDecimal("0.48"), new BigDecimal("0.02"));

    assertThat(ev).isCloseTo(0.059, within(EPS));
  }

  @Test
  void expectedValue_atBreakEvenProbability_isZero() {
    BigDecimal price = new BigDecimal("0.48");
    BigDecimal fee = new BigDecimal("0.02");

    double breakEven = Odds.breakEvenProbability(price, fee);

    assertThat(breakEven).isCloseTo(0.48 / 0.98, within(EPS));
    assertThat(Odds.expectedValue(breakEven, price, fee)).isCloseTo(0, within(EPS));
  }

  @Test
  void expectedValue_badInputs_areRejectedWithNames() {
    assertThatThrownBy(() -> Odds.expectedValue(1.2, new BigDecimal("0.5"), BigDecimal.ZERO))
        .isInstanceOf(ModelException.class)
        .hasMessage("Odds.expectedValue: probability must be in [0, 1] but was 1.2");
    assertThatThrownBy(() -> Odds.expectedValue(0.5, new BigDecimal("1.00"), BigDecimal.ZERO))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "Odds.expectedValue: price must be strictly between 0 and 1 dollar but was 1.00");
    assertThatThrownBy(
            () -> Odds.expectedValue(0.5, new BigDecimal("0.5"), new BigDecimal("-0.01")))
        .isInstanceOf(ModelException.class)
        .hasMessage("Odds.expectedValue: feePerContract must be zero or positive but was -0.01");
  }

  @Property
  void americanToDecimalToAmerican_anyValidOdds_roundTrips(
      @ForAll @DoubleRange(min = 100, max = 100_000) double magnitude, @ForAll boolean favourite) {
    double american = favourite ? -magnitude : magnitude;
    // Even money has one canonical form, +100.
    double expected = american == -100 ? 100 : american;

    double back = Odds.decimalToAmerican(Odds.americanToDecimal(american));

    assertThat(back).isCloseTo(expected, within(Math.abs(expected) * 1e-9));
  }

  @Property
  void decimalToProbabilityToDecimal_anyValidOdds_roundTrips(
      @ForAll @DoubleRange(min = 1.0001, max = 10_000) @Scale(8) double decimal) {
    double back = Odds.probabilityToDecimal(Odds.decimalToProbability(decimal));

    assertThat(back).isCloseTo(decimal, within(decimal * 1e-12));
  }

  @Property
  void americanToProbability_anyValidOdds_agreesWithDecimalRoute(
      @ForAll @DoubleRange(min = 100, max = 100_000) double magnitude, @ForAll boolean favourite) {
    double american = favourite ? -magnitude : magnitude;

    double direct = Odds.americanToProbability(american);

    assertThat(direct).isCloseTo(1 / Odds.americanToDecimal(american), within(1e-12));
    assertThat(Odds.probabilityToAmerican(direct))
        .isCloseTo(american == -100 ? 100 : american, within(magnitude * 1e-9));
  }
}
