package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeVigTest {

  /** The mberk/shin published example. */
  private static final double[] SHIN_EXAMPLE = {2.6, 2.4, 4.3};

  @Test
  void shin_publishedExample_reproducesMberkShinToFourDecimals() {
    double[] p = DeVig.fairProbabilities(DeVigMethod.SHIN, SHIN_EXAMPLE);

    assertThat(p[0]).isCloseTo(0.3730, within(5e-5));
    assertThat(p[1]).isCloseTo(0.4048, within(5e-5));
    assertThat(p[2]).isCloseTo(0.2222, within(5e-5));
  }

  @Test
  void shinInsiderShare_publishedExample_isAbout0point0169() {
    double z = DeVig.shinInsiderShare(DeVig.implied(SHIN_EXAMPLE));

    assertThat(z).isCloseTo(0.0169, within(5e-5));
    assertThat(z).isCloseTo(0.016942512763600755, within(1e-11));
  }

  @Test
  void multiplicative_example_dividesByBooksum() {
    double s = 1 / 2.6 + 1 / 2.4 + 1 / 4.3;

    double[] p = DeVig.fairProbabilities(DeVigMethod.MULTIPLICATIVE, SHIN_EXAMPLE);

    assertThat(DeVig.booksum(SHIN_EXAMPLE)).isCloseTo(1.033840190816935, within(1e-12));
    assertThat(DeVig.overround(SHIN_EXAMPLE)).isCloseTo(0.033840190816935, within(1e-12));
    assertThat(p)
        .containsExactly(new double[] {1 / 2.6 / s, 1 / 2.4 / s, 1 / 4.3 / s}, within(1e-15));
  }

  @Test
  void additive_example_subtractsEqualShares() {
    double shift = DeVig.overround(SHIN_EXAMPLE) / 3;

    double[] p = DeVig.fairProbabilities(DeVigMethod.ADDITIVE, SHIN_EXAMPLE);

    assertThat(p)
        .containsExactly(
            new double[] {1 / 2.6 - shift, 1 / 2.4 - shift, 1 / 4.3 - shift}, within(1e-15));
    assertThat(p[2]).isCloseTo(0.2212780759292387, within(1e-12));
  }

  @Test
  void power_example_solvesExponent() {
    double[] p = DeVig.fairProbabilities(DeVigMethod.POWER, SHIN_EXAMPLE);
    double k = DeVig.powerExponent(DeVig.implied(SHIN_EXAMPLE));

    assertThat(k).isCloseTo(1.032136953976922, within(1e-10));
    assertThat(p)
        .containsExactly(
            new double[] {0.3729844040687096, 0.4051071674567977, 0.22190842847449305},
            within(1e-10));
  }

  @Test
  void oddsRatio_example_solvesConstant() {
    double[] p = DeVig.fairProbabilities(DeVigMethod.ODDS_RATIO, SHIN_EXAMPLE);
    double c = DeVig.oddsRatioConstant(DeVig.implied(SHIN_EXAMPLE));

    assertThat(c).isCloseTo(1.0531737886641692, within(1e-10));
    assertThat(p)
        .containsExactly(
            new double[] {0.3724286508475988, 0.40413130433459665, 0.22344004481780472},
            within(1e-10));
  }

  @ParameterizedTest
  @EnumSource(DeVigMethod.class)
  void fairProbabilities_symmetricTwoWayMarket_givesHalfEach(DeVigMethod method) {
    double d = Odds.americanToDecimal(-110);

    assertThat(DeVig.fairProbabilities(method, d, d))
        .containsExactly(new double[] {0.5, 0.5}, within(1e-12));
  }

  @ParameterizedTest
  @EnumSource(DeVigMethod.class)
  void fairProbabilities_fairBook_returnsImpliedProbabilities(DeVigMethod method) {
    double[] p = DeVig.fairProbabilities(method, 4.0, 4.0, 2.0);

    assertThat(p).containsExactly(new double[] {0.25, 0.25, 0.5}, within(1e-11));
  }

  @Test
  void powerAndShin_favouriteLongShot_moveProbabilityToFavouriteVersusMultiplicative() {
    double[] odds = {1.25, 4.5};
    double multiplicative = DeVig.fairProbabilities(DeVigMethod.MULTIPLICATIVE, odds)[0];

    assertThat(DeVig.fairProbabilities(DeVigMethod.POWER, odds)[0]).isGreaterThan(multiplicative);
    assertThat(DeVig.fairProbabilities(DeVigMethod.SHIN, odds)[0]).isGreaterThan(multiplicative);
    assertThat(DeVig.fairProbabilities(DeVigMethod.ODDS_RATIO, odds)[0])
        .isGreaterThan(multiplicative);
  }

  @Test
  void additive_longShotBelowMargin_throwsNamingOutcome() {
    assertThatThrownBy(() -> DeVig.fairProbabilities(DeVigMethod.ADDITIVE, 1.02, 30, 200))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith(
            "DeVig: ADDITIVE gives outcome 2 (decimal odds 200.0) a probability of -")
        .hasMessageEndingWith(
            "use MULTIPLICATIVE, POWER, SHIN or ODDS_RATIO for books with long shots");
  }

  @Test
  void shin_underroundBook_throwsNamingBooksum() {
    assertThatThrownBy(() -> DeVig.fairProbabilities(DeVigMethod.SHIN, 2.1, 2.1))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("DeVig: SHIN needs a booksum of at least 1")
        .hasMessageContaining("0.952");
  }

  @ParameterizedTest
  @EnumSource(
      value = DeVigMethod.class,
      names = {"MULTIPLICATIVE", "ADDITIVE", "POWER", "ODDS_RATIO"})
  void fairProbabilities_underroundBook_sumsToOne(DeVigMethod method) {
    double[] p = DeVig.fairProbabilities(method, 2.1, 2.3, 12);

    assertThat(Arrays.stream(p).sum()).isCloseTo(1, within(1e-12));
    assertThat(p[0]).isGreaterThan(1 / 2.1);
  }

  @Test
  void fairProbabilities_badInput_isRejectedWithIndex() {
    assertThatThrownBy(() -> DeVig.fairProbabilities(DeVigMethod.POWER, 2.0))
        .isInstanceOf(ModelException.class)
        .hasMessage("DeVig: needs the decimal odds of at least 2 outcomes but got 1");
    assertThatThrownBy(() -> DeVig.fairProbabilities(DeVigMethod.POWER, 2.0, 1.0))
        .isInstanceOf(ModelException.class)
        .hasMessage("DeVig: decimal odds at index 1 must be finite and greater than 1 but was 1.0");
    assertThatThrownBy(() -> DeVig.fairProbabilities(null, 2.0, 2.0))
        .isInstanceOf(ModelException.class)
        .hasMessage("DeVig: method is missing");
  }

  @Test
  void fairProbabilities_returnedArray_isFreshCopy() {
    double[] odds = {1.9, 1.9};
    double[] first = DeVig.fairProbabilities(DeVigMethod.MULTIPLICATIVE, odds);
    first[0] = 42;

    assertThat(DeVig.fairProbabilities(DeVigMethod.MULTIPLICATIVE, odds)[0])
        .isCloseTo(0.5, within(1e-15));
    assertThat(odds).containsExactly(1.9, 1.9);
  }

  @Test
  void solvers_extremeFavourite_converge() {
    double[] odds = {1.0001, 500};

    for (DeVigMethod method :
        new DeVigMethod[] {DeVigMethod.POWER, DeVigMethod.SHIN, DeVigMethod.ODDS_RATIO}) {
      double[] p = DeVig.fairProbabilities(method, odds);
      assertThat(Arrays.stream(p).sum()).as(method.name()).isCloseTo(1, within(1e-12));
      assertThat(p[1]).as(method.name()).isPositive();
    }
  }
}
