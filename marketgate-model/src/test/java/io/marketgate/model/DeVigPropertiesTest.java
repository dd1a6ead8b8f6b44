package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DeVigPropertiesTest {

  /**
   * Decimal odds of a random book with overround ≥ 0: fair probabilities from random weights, each
   * inflated by a margin in [0, 20%], kept only if every implied probability stays below 1.
   */
  @Provide
  Arbitrary<double[]> books() {
    Arbitrary<List<Double>> weights =
        Arbitraries.doubles().between(0.2, 100).list().ofMinSize(2).ofMaxSize(10);
    Arbitrary<Double> margin =
        Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(0, 0.2));
    return Combinators.combine(weights, margin)
        .as(
            (w, m) -> {
              double total = w.stream().mapToDouble(Double::doubleValue).sum();
              return w.stream().mapToDouble(x -> 1 / (x / total * (1 + m))).toArray();
            })
        .filter(odds -> Arrays.stream(odds).allMatch(d -> d > 1.0001 && Double.isFinite(d)));
  }

  @Property(tries = 500)
  void fairProbabilities_everyMethodOnValidBook_sumToOne(@ForAll("books") double[] odds) {
    Assume.that(DeVig.booksum(odds) >= 1);
    for (DeVigMethod method : DeVigMethod.values()) {
      if (method == DeVigMethod.ADDITIVE && !additiveFeasible(odds)) {
        assertThatThrownBy(() -> DeVig.fairProbabilities(method, odds))
            .isInstanceOf(ModelException.class)
            .hasMessageContaining("ADDITIVE");
        continue;
      }
      double[] p = DeVig.fairProbabilities(method, odds);

      assertThat(Arrays.stream(p).sum()).as(method.name()).isCloseTo(1, within(1e-9));
      assertThat(Arrays.stream(p).boxed().toList())
          .as(method.name())
          .allSatisfy(x -> assertThat(x).isStrictlyBetween(0.0, 1.0));
    }
  }

  @Property(tries = 500)
  void fairProbabilities_everyMethod_preservesOutcomeOrdering(@ForAll("books") double[] odds) {
    Assume.that(DeVig.booksum(odds) >= 1);
    for (DeVigMethod method : DeVigMethod.values()) {
      if (method == DeVigMethod.ADDITIVE && !additiveFeasible(odds)) {
        continue;
      }
      double[] p = DeVig.fairProbabilities(method, odds);
      for (int i = 0; i < odds.length; i++) {
        for (int j = 0; j < odds.length; j++) {
          if (odds[i] < odds[j]) {
            // Shorter odds, higher implied probability: the fair probability must not be lower.
            assertThat(p[i]).as("%s outcome %d vs %d", method, i, j).isGreaterThanOrEqualTo(p[j]);
          } else if (odds[i] == odds[j]) {
            assertThat(p[i]).as("%s outcome %d vs %d", method, i, j).isCloseTo(p[j], within(1e-15));
          }
        }
      }
    }
  }

  @Property(tries = 300)
  void fittedParameters_overroundBook_stayInTheirDomains(@ForAll("books") double[] odds) {
    double[] implied = DeVig.implied(odds);
    Assume.that(DeVig.booksum(odds) >= 1);

    assertThat(DeVig.shinInsiderShare(implied)).isGreaterThanOrEqualTo(0).isLessThan(1);
    assertThat(DeVig.powerExponent(implied)).isGreaterThanOrEqualTo(1 - 1e-9);
    assertThat(DeVig.oddsRatioConstant(implied)).isGreaterThanOrEqualTo(1 - 1e-9);
  }

  @Property(tries = 300)
  void fairProbabilities_zeroMarginBook_returnsImpliedForEveryMethod(
      @ForAll("books") double[] odds) {
    double s = DeVig.booksum(odds);
    double[] fairOdds = Arrays.stream(odds).map(d -> d * s).toArray();
    Assume.that(Arrays.stream(fairOdds).allMatch(d -> d > 1.0001));
    double[] implied = DeVig.implied(fairOdds);

    for (DeVigMethod method : DeVigMethod.values()) {
      assertThat(DeVig.fairProbabilities(method, fairOdds))
          .as(method.name())
          .containsExactly(implied, within(1e-9));
    }
  }

  private static boolean additiveFeasible(double[] odds) {
    double shift = DeVig.overround(odds) / odds.length;
    return Arrays.stream(odds).allMatch(d -> 1 / d - shift > 0);
  }
}
