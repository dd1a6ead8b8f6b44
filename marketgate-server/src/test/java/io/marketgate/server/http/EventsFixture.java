package io.marketgate.server.http;

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

/** Odds events written by hand for the events API tests. */
final class EventsFixture {

  static final Instant UPDATED = Instant.parse("2026-01-09T22:00:00Z");
  static final Instant START = Instant.parse("2026-01-10T00:30:00Z");

  private EventsFixture() {}

  static EventKey key(String id) {
    return new EventKey(Venue.ODDS_API, id);
  }

  static OddsEvent event(String id, String league, Instant start, List<OddsLine> lines) {
    return new OddsEvent(
        key(id), league, Team.named("Chicago Bulls"), Team.named("Miami Heat"), start, lines);
  }

  static Bookmaker book(String id) {
    return new Bookmaker(id, id.toUpperCase(java.util.Locale.ROOT));
  }

  static OddsLine moneyline(String book, int home, int away) {
    return new OddsLine(
        book(book),
        MarketType.MONEYLINE,
        List.of(
            OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(home)),
            OddsOutcome.of(BetSide.AWAY, OddsPrice.ofAmerican(away))),
        UPDATED);
  }

  static OddsLine spread(String book, double homePoints, int home, int away) {
    return new OddsLine(
        book(book),
        MarketType.SPREAD,
        List.of(
            OddsOutcome.of(BetSide.HOME, homePoints, OddsPrice.ofAmerican(home)),
            OddsOutcome.of(BetSide.AWAY, -homePoints, OddsPrice.ofAmerican(away))),
        UPDATED);
  }

  static OddsLine total(String book, double points, int over, int under) {
    return new OddsLine(
        book(book),
        MarketType.TOTAL,
        List.of(
            OddsOutcome.of(BetSide.OVER, points, OddsPrice.ofAmerican(over)),
            OddsOutcome.of(BetSide.UNDER, points, OddsPrice.ofAmerican(under))),
        UPDATED);
  }

  /**
   * The hand-checked event: moneyline from a, b, c; spread from a, b, c, d; total from a, b, c; d
   * also quotes a one-sided total, which no consensus may use.
   */
  static OddsEvent handChecked(String id) {
    return event(
        id,
        "nba",
        START,
        List.of(
            moneyline("a", -150, 130),
            moneyline("b", -140, 120),
            moneyline("c", -160, 135),
            spread("a", -6.5, -110, -110),
            spread("b", -7.0, -105, -115),
            spread("c", -6.5, -105, -115),
            spread("d", -5.5, -120, 100),
            total("a", 220.5, -110, -110),
            total("b", 221.5, -115, -105),
            total("c", 220.5, -120, 100),
            new OddsLine(
                book("d"),
                MarketType.TOTAL,
                List.of(OddsOutcome.of(BetSide.OVER, 219.5, OddsPrice.ofAmerican(-300))),
                UPDATED)));
  }
}
