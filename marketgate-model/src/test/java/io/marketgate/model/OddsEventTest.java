package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OddsEventTest {

  private static final Instant START = Instant.parse("2026-01-10T00:10:00Z");
  private static final EventKey KEY = new EventKey(Venue.ODDS_API, "63330b33");

  private static OddsLine moneyline(String bookmaker) {
    return new OddsLine(
        new Bookmaker(bookmaker, bookmaker),
        MarketType.MONEYLINE,
        List.of(
            OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-240)),
            OddsOutcome.of(BetSide.AWAY, OddsPrice.ofAmerican(198))),
        START.minusSeconds(600));
  }

  private static OddsLine total(String bookmaker) {
    return new OddsLine(
        new Bookmaker(bookmaker, bookmaker),
        MarketType.TOTAL,
        List.of(OddsOutcome.of(BetSide.OVER, 227.5, OddsPrice.ofAmerican(-112))),
        START.minusSeconds(600));
  }

  private static OddsEvent event(List<OddsLine> lines) {
    return new OddsEvent(
        KEY, "nba", Team.named("Boston Celtics"), Team.named("Toronto Raptors"), START, lines);
  }

  @Test
  void new_unsortedLines_sortsByBookmakerThenMarket() {
    OddsEvent e = event(List.of(total("fanduel"), moneyline("fanduel"), moneyline("draftkings")));

    assertThat(e.lines())
        .extracting(l -> l.bookmaker().id() + "/" + l.market())
        .containsExactly("draftkings/MONEYLINE", "fanduel/MONEYLINE", "fanduel/TOTAL");
    assertThat(e.lines(MarketType.MONEYLINE)).hasSize(2);
    assertThat(e.line("fanduel", MarketType.TOTAL)).isPresent();
    assertThat(e.line("draftkings", MarketType.TOTAL)).isEmpty();
    assertThat(e.bookmakers()).extracting(Bookmaker::id).containsExactly("draftkings", "fanduel");
  }

  @Test
  void new_twoLinesSameBookmakerAndMarket_namesEventAndBookmaker() {
    assertThatThrownBy(() -> event(List.of(moneyline("draftkings"), moneyline("draftkings"))))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "OddsEvent odds_api:63330b33: bookmaker draftkings has more than one MONEYLINE line");
  }

  @Test
  void new_sameHomeAndAway_isRejected() {
    assertThatThrownBy(
            () -> new OddsEvent(KEY, "nba", Team.named("A"), Team.named("A"), START, List.of()))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("OddsEvent odds_api:63330b33: home and away are the same team");
  }

  @Test
  void new_missingParts_nameEventAndPart() {
    assertThatThrownBy(
            () -> new OddsEvent(null, "nba", Team.named("A"), Team.named("B"), START, List.of()))
        .isInstanceOf(ModelException.class)
        .hasMessage("OddsEvent: key is missing");
    assertThatThrownBy(
            () -> new OddsEvent(KEY, "nba", Team.named("A"), Team.named("B"), null, List.of()))
        .isInstanceOf(ModelException.class)
        .hasMessage("OddsEvent odds_api:63330b33: start is missing");
    assertThatThrownBy(
            () -> new OddsEvent(KEY, "", Team.named("A"), Team.named("B"), START, List.of()))
        .isInstanceOf(ModelException.class)
        .hasMessage("OddsEvent odds_api:63330b33: league is empty");
  }

  @Test
  void lines_returned_areImmutable() {
    OddsEvent e = event(List.of(moneyline("draftkings")));

    assertThatThrownBy(() -> e.lines().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void reusing_previousWithSomeEqualLines_sharesExactlyThoseInstances() {
    OddsEvent previous = event(List.of(moneyline("draftkings"), moneyline("fanduel")));
    OddsLine changed =
        new OddsLine(
            new Bookmaker("fanduel", "fanduel"),
            MarketType.MONEYLINE,
            List.of(
                OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-250)),
                OddsOutcome.of(BetSide.AWAY, OddsPrice.ofAmerican(205))),
            START.minusSeconds(60));
    OddsEvent fresh = event(List.of(moneyline("draftkings"), changed, total("fanduel")));

    OddsEvent merged = fresh.reusing(previous);

    assertThat(merged).isEqualTo(fresh);
    assertThat(merged.lines().get(0)).isSameAs(previous.lines().get(0));
    assertThat(merged.lines().get(1)).isSameAs(changed);
    assertThat(event(List.of(moneyline("betmgm"))).reusing(previous).lines().get(0))
        .isNotSameAs(previous.lines().get(0));
    OddsEvent equal = event(List.of(moneyline("draftkings"), moneyline("fanduel")));
    assertThat(equal.reusing(previous)).isSameAs(previous);
  }
}
