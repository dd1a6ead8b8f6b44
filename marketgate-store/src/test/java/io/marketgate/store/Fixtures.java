package io.marketgate.store;

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
import java.util.ArrayList;
import java.util.List;

/** Events and lines for the journal tests. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2026-01-08T00:00:00Z");

  private Fixtures() {}

  static EventKey key(String id) {
    return new EventKey(Venue.ODDS_API, id);
  }

  static Bookmaker book(String id) {
    return new Bookmaker(id, id.toUpperCase(java.util.Locale.ROOT));
  }

  /** A two-way line whose prices move with {@code tick}: home/over at +100+tick. */
  static OddsLine line(String bookmaker, MarketType market, int tick, Instant updated) {
    OddsPrice up = OddsPrice.ofAmerican(100 + tick);
    OddsPrice down = OddsPrice.ofAmerican(-(110 + tick));
    List<OddsOutcome> outcomes =
        switch (market) {
          case MONEYLINE ->
              List.of(OddsOutcome.of(BetSide.HOME, up), OddsOutcome.of(BetSide.AWAY, down));
          case SPREAD ->
              List.of(
                  OddsOutcome.of(BetSide.HOME, -4.5, up), OddsOutcome.of(BetSide.AWAY, 4.5, down));
          case TOTAL ->
              List.of(
                  OddsOutcome.of(BetSide.OVER, 221.5, up),
                  OddsOutcome.of(BetSide.UNDER, 221.5, down));
        };
    return new OddsLine(book(bookmaker), market, outcomes, updated);
  }

  /** Event {@code id} starting at {@code start} with every bookmaker on every market at tick. */
  static OddsEvent event(String id, Instant start, List<String> bookmakers, int tick) {
    List<OddsLine> lines = new ArrayList<>();
    for (String b : bookmakers) {
      for (MarketType m : MarketType.values()) {
        lines.add(line(b, m, tick, T0.plusSeconds(tick)));
      }
    }
    return event(id, start, lines);
  }

  static OddsEvent event(String id, Instant start, List<OddsLine> lines) {
    return new OddsEvent(
        key(id), "nba", Team.named("Boston Celtics"), Team.named("Miami Heat"), start, lines);
  }

  /** The rows of every line of {@code event}. */
  static List<LineRecord> rows(OddsEvent event, Instant captured, long seq) {
    return event.lines().stream().map(l -> new LineRecord(event.key(), l, captured, seq)).toList();
  }
}
