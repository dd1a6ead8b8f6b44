package io.marketgate.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.model.BetSide;
import io.marketgate.model.Bookmaker;
import io.marketgate.model.EventKey;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.OddsPrice;
import io.marketgate.model.Team;
import io.marketgate.model.Venue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Canonical bookmakers and outcomes, and lines shared with the previous snapshot. */
class OddsInternerTest {

  private static final Instant START = Instant.parse("2026-01-10T00:30:00Z");

  private final OddsInterner interner = new OddsInterner();

  /** A freshly "parsed" line: every part a new object. */
  private static OddsLine parsed(String book, int home, int away) {
    return new OddsLine(
        new Bookmaker(new String(book), new String(book.toUpperCase(java.util.Locale.ROOT))),
        MarketType.SPREAD,
        List.of(
            OddsOutcome.of(BetSide.HOME, -6.5, OddsPrice.ofAmerican(home)),
            OddsOutcome.of(BetSide.AWAY, 6.5, OddsPrice.ofAmerican(away))),
        START.minusSeconds(3600));
  }

  private static OddsEvent event(String id, List<OddsLine> lines) {
    return new OddsEvent(
        new EventKey(Venue.ODDS_API, id),
        "nba",
        Team.named("Chicago Bulls"),
        Team.named("Miami Heat"),
        START,
        lines);
  }

  @Test
  void intern_twoEvents_shareBookmakerAndOutcomeInstances() {
    OddsEvent a = interner.intern(event("a", List.of(parsed("dk", -110, -110))), Optional.empty());
    OddsEvent b = interner.intern(event("b", List.of(parsed("dk", -110, -110))), Optional.empty());

    OddsLine la = a.lines().get(0);
    OddsLine lb = b.lines().get(0);
    assertThat(lb).isEqualTo(la).isNotSameAs(la);
    assertThat(lb.bookmaker()).isSameAs(la.bookmaker());
    assertThat(lb.outcomes().get(0)).isSameAs(la.outcomes().get(0));
    assertThat(lb.outcomes().get(1)).isSameAs(la.outcomes().get(1));
  }

  @Test
  void intern_reparsedEvent_reusesUnchangedLinesAndInternsChangedOnes() {
    OddsEvent first =
        interner.intern(
            event("a", List.of(parsed("dk", -110, -110), parsed("fd", -105, -115))),
            Optional.empty());
    OddsEvent reparsed = event("a", List.of(parsed("dk", -110, -110), parsed("fd", -110, -110)));

    OddsEvent next = interner.intern(reparsed, Optional.of(first));

    assertThat(next).isEqualTo(reparsed);
    assertThat(next.lines().get(0)).isSameAs(first.lines().get(0));
    assertThat(next.lines().get(1).outcomes().get(0))
        .isSameAs(first.lines().get(0).outcomes().get(0));
    assertThat(next.lines().get(1).bookmaker()).isSameAs(first.lines().get(1).bookmaker());
    OddsEvent unchanged =
        interner.intern(
            event("a", List.of(parsed("dk", -110, -110), parsed("fd", -110, -110))),
            Optional.of(next));
    assertThat(unchanged).isSameAs(next);
  }
}
