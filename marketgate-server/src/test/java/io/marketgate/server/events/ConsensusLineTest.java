package io.marketgate.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.marketgate.model.BetSide;
import io.marketgate.model.Bookmaker;
import io.marketgate.model.DeVigMethod;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.OddsPrice;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The median line of several bookmakers, worked out by hand. */
class ConsensusLineTest {

  private static final Instant AT = Instant.parse("2026-01-09T22:00:00Z");

  private static OddsLine moneyline(String book, int home, int away) {
    return new OddsLine(
        new Bookmaker(book, book),
        MarketType.MONEYLINE,
        List.of(
            OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(home)),
            OddsOutcome.of(BetSide.AWAY, OddsPrice.ofAmerican(away))),
        AT);
  }

  private static OddsLine total(String book, double points, int over, int under) {
    return new OddsLine(
        new Bookmaker(book, book),
        MarketType.TOTAL,
        List.of(
            OddsOutcome.of(BetSide.OVER, points, OddsPrice.ofAmerican(over)),
            OddsOutcome.of(BetSide.UNDER, points, OddsPrice.ofAmerican(under))),
        AT);
  }

  @Test
  void of_oddCount_takesTheMiddlePricePerSide() {
    ConsensusLine c =
        ConsensusLine.of(
                MarketType.MONEYLINE,
                List.of(
                    moneyline("a", -150, 130),
                    moneyline("b", -140, 120),
                    moneyline("c", -160, 135)))
            .orElseThrow();

    assertThat(c.first().american()).isCloseTo(-150, within(1e-9));
    assertThat(c.second().american()).isCloseTo(130, within(1e-9));
    assertThat(c.bookmakers()).isEqualTo(3);
    assertThat(c.points()).isEmpty();
    // 0.6 / (0.6 + 1/2.3)
    assertThat(c.fair(DeVigMethod.MULTIPLICATIVE).orElseThrow()[0])
        .isCloseTo(0.5798319327731092, within(1e-12));
  }

  @Test
  void of_evenCount_averagesTheTwoMiddleDecimalPrices() {
    ConsensusLine c =
        ConsensusLine.of(
                MarketType.MONEYLINE, List.of(moneyline("a", 100, -120), moneyline("b", 120, -140)))
            .orElseThrow();

    assertThat(c.first().decimal()).isCloseTo((2.0 + 2.2) / 2, within(1e-12));
    assertThat(c.second().decimal())
        .isCloseTo((1 + 100 / 120.0 + 1 + 100 / 140.0) / 2, within(1e-12));
  }

  @Test
  void of_points_takesTheLowerMedianAndPricesOnlyBooksAtIt() {
    ConsensusLine c =
        ConsensusLine.of(
                MarketType.TOTAL,
                List.of(
                    total("a", 221.5, -150, 130),
                    total("b", 220.5, -110, -110),
                    total("c", 219.5, 120, -140),
                    total("d", 222.5, -105, -115)))
            .orElseThrow();

    assertThat(c.points()).hasValue(220.5);
    assertThat(c.bookmakers()).isEqualTo(1);
    assertThat(c.lines()).isEqualTo(4);
    assertThat(c.first().american()).isCloseTo(-110, within(1e-9));
  }

  @Test
  void of_oneSidedLinesOnly_isEmpty() {
    OddsLine oneSided =
        new OddsLine(
            new Bookmaker("a", "a"),
            MarketType.MONEYLINE,
            List.of(OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-150))),
            AT);

    assertThat(ConsensusLine.of(MarketType.MONEYLINE, List.of(oneSided))).isEmpty();
    assertThat(ConsensusLine.of(MarketType.MONEYLINE, List.of())).isEmpty();
  }

  @Test
  void of_lineOfAnotherMarket_isRejected() {
    assertThatThrownBy(
            () -> ConsensusLine.of(MarketType.TOTAL, List.of(moneyline("a", -110, -110))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MONEYLINE");
  }

  @Test
  void fair_shinOnANegativeMargin_isEmpty() {
    ConsensusLine c =
        ConsensusLine.of(MarketType.MONEYLINE, List.of(moneyline("a", 110, 110))).orElseThrow();

    assertThat(c.fair(DeVigMethod.SHIN)).isEmpty();
    assertThat(c.fair(DeVigMethod.MULTIPLICATIVE)).isPresent();
  }
}
