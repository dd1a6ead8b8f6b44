package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OddsLineTest {

  private static final Bookmaker DK = new Bookmaker("draftkings", "DraftKings");
  private static final Instant AT = Instant.parse("2026-01-09T22:01:10Z");

  private static OddsLine line(MarketType market, OddsOutcome... outcomes) {
    return new OddsLine(DK, market, List.of(outcomes), AT);
  }

  @Test
  void new_awayBeforeHome_sortsIntoSideOrder() {
    OddsLine ml =
        line(
            MarketType.MONEYLINE,
            OddsOutcome.of(BetSide.AWAY, OddsPrice.ofAmerican(198)),
            OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-240)));

    assertThat(ml.outcomes())
        .extracting(OddsOutcome::side)
        .containsExactly(BetSide.HOME, BetSide.AWAY);
    assertThat(ml.decimalOdds()).containsExactly(1 + 100.0 / 240, 2.98);
  }

  @Test
  void fairProbabilities_symmetricMinus110_isHalfEach() {
    OddsLine total =
        line(
            MarketType.TOTAL,
            OddsOutcome.of(BetSide.UNDER, 227.5, OddsPrice.ofAmerican(-110)),
            OddsOutcome.of(BetSide.OVER, 227.5, OddsPrice.ofAmerican(-110)));

    assertThat(total.fairProbabilities(DeVigMethod.MULTIPLICATIVE))
        .containsExactly(new double[] {0.5, 0.5}, within(1e-12));
    assertThat(total.fairProbability(BetSide.OVER, DeVigMethod.SHIN)).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void fairProbability_moneyline_matchesDeVigInSideOrder() {
    OddsLine ml =
        line(
            MarketType.MONEYLINE,
            OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-148)),
            OddsOutcome.of(BetSide.AWAY, OddsPrice.ofAmerican(132)));
    double[] expected = DeVig.fairProbabilities(DeVigMethod.POWER, 1 + 100.0 / 148, 2.32);

    assertThat(ml.fairProbability(BetSide.HOME, DeVigMethod.POWER))
        .isCloseTo(expected[0], within(1e-12));
    assertThat(ml.fairProbability(BetSide.AWAY, DeVigMethod.POWER))
        .isCloseTo(expected[1], within(1e-12));
  }

  @Test
  void isTwoWay_spreadPointsMirror_isTrue() {
    OddsLine spread =
        line(
            MarketType.SPREAD,
            OddsOutcome.of(BetSide.HOME, -6.5, OddsPrice.ofAmerican(-110)),
            OddsOutcome.of(BetSide.AWAY, 6.5, OddsPrice.ofAmerican(-110)));

    assertThat(spread.isTwoWay()).isTrue();
  }

  @Test
  void isTwoWay_spreadPointsDisagree_isFalseAndDeVigThrows() {
    OddsLine spread =
        line(
            MarketType.SPREAD,
            OddsOutcome.of(BetSide.HOME, -7, OddsPrice.ofAmerican(-110)),
            OddsOutcome.of(BetSide.AWAY, 6.5, OddsPrice.ofAmerican(-110)));

    assertThat(spread.isTwoWay()).isFalse();
    assertThatThrownBy(() -> spread.fairProbabilities(DeVigMethod.MULTIPLICATIVE))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("OddsLine draftkings SPREAD: not two-way");
  }

  @Test
  void isTwoWay_oneSide_isFalse() {
    OddsLine ml =
        line(MarketType.MONEYLINE, OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-150)));

    assertThat(ml.isTwoWay()).isFalse();
    assertThat(ml.outcome(BetSide.AWAY)).isEmpty();
    assertThat(ml.outcome(BetSide.HOME)).isPresent();
  }

  @Test
  void new_totalWithTeamSide_namesLineAndSide() {
    assertThatThrownBy(
            () ->
                line(
                    MarketType.TOTAL,
                    OddsOutcome.of(BetSide.HOME, 220, OddsPrice.ofAmerican(-110))))
        .isInstanceOf(ModelException.class)
        .hasMessage("OddsLine draftkings TOTAL: outcome side HOME is not one of [OVER, UNDER]");
  }

  @Test
  void new_duplicateSide_namesSide() {
    assertThatThrownBy(
            () ->
                line(
                    MarketType.MONEYLINE,
                    OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-110)),
                    OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-120))))
        .isInstanceOf(ModelException.class)
        .hasMessage("OddsLine draftkings MONEYLINE: side HOME appears twice");
  }

  @Test
  void new_moneylineWithPoints_isRejected() {
    assertThatThrownBy(
            () ->
                line(
                    MarketType.MONEYLINE,
                    OddsOutcome.of(BetSide.HOME, 0, OddsPrice.ofAmerican(-110))))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith(
            "OddsLine draftkings MONEYLINE: outcome HOME must not carry points");
  }

  @Test
  void new_spreadWithoutPoints_isRejected() {
    assertThatThrownBy(
            () -> line(MarketType.SPREAD, OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-110))))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("OddsLine draftkings SPREAD: outcome HOME needs points");
  }

  @Test
  void new_noOutcomes_isRejected() {
    assertThatThrownBy(() -> new OddsLine(DK, MarketType.TOTAL, List.of(), AT))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("OddsLine draftkings TOTAL: needs 1 or 2 outcomes but got 0");
  }

  @Test
  void new_missingUpdatedAt_namesPart() {
    assertThatThrownBy(
            () ->
                new OddsLine(
                    DK,
                    MarketType.MONEYLINE,
                    List.of(OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-110))),
                    null))
        .isInstanceOf(ModelException.class)
        .hasMessage("OddsLine: updatedAt is missing");
  }

  @Test
  void outcome_nonFinitePoints_namesRecord() {
    assertThatThrownBy(() -> OddsOutcome.of(BetSide.OVER, Double.NaN, OddsPrice.ofAmerican(-110)))
        .isInstanceOf(ModelException.class)
        .hasMessage("OddsOutcome: points of OVER must be finite but was NaN");
  }
}
