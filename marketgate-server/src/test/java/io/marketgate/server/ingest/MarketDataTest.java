package io.marketgate.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.cache.ManualClock;
import io.marketgate.model.BetSide;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.Bookmaker;
import io.marketgate.model.EventKey;
import io.marketgate.model.MarketKey;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.OddsPrice;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Team;
import io.marketgate.model.Venue;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketDataTest {

  @Test
  void create_withSizes_keepsThatMuchHistoryAndMidsPerBook() {
    MarketData data = MarketData.create(new ManualClock(), 3, 5);
    MarketKey key = new MarketKey(Venue.KALSHI, "KXNBAGAME-26JAN09TORBOS-TOR");
    for (int i = 0; i < 10; i++) {
      String bid = "0.4" + i;
      data.books()
          .publish(
              key,
              BinaryBook.of(
                  List.of(PriceLevel.of(bid, "10")), List.of(PriceLevel.of("0.50", "10"))));
    }

    assertThat(data.books().store(key).history()).hasSize(3);
    assertThat(data.books().store(key).points()).hasSize(5);
  }

  @Test
  void create_eventHistory_keepsItsOwnShorterRingForOddsEvents() {
    MarketData data = MarketData.create(new ManualClock(), 64, 5, 2);
    EventKey key = new EventKey(Venue.ODDS_API, "e1");
    Instant start = Instant.parse("2026-11-22T00:30:00Z");
    for (int american = 100; american < 110; american++) {
      data.oddsEvents()
          .publish(
              key,
              new OddsEvent(
                  key,
                  "nba",
                  Team.named("Chicago Bulls"),
                  Team.named("Miami Heat"),
                  start,
                  List.of(
                      new OddsLine(
                          new Bookmaker("a", "A"),
                          MarketType.MONEYLINE,
                          List.of(
                              OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-american - 10)),
                              OddsOutcome.of(BetSide.AWAY, OddsPrice.ofAmerican(american))),
                          start.minusSeconds(american)))));
    }

    assertThat(data.oddsEvents().store(key).history()).hasSize(2);
  }

  @Test
  void create_withoutEventHistory_capsEventsAtTheDefaultRing() {
    MarketData data = MarketData.create(new ManualClock(), 64, 5);
    EventKey key = new EventKey(Venue.ODDS_API, "e2");
    Instant start = Instant.parse("2026-11-22T00:30:00Z");
    for (int american = 100; american < 140; american++) {
      data.oddsEvents()
          .publish(
              key,
              new OddsEvent(
                  key,
                  "nba",
                  Team.named("Chicago Bulls"),
                  Team.named("Miami Heat"),
                  start,
                  List.of(
                      new OddsLine(
                          new Bookmaker("a", "A"),
                          MarketType.MONEYLINE,
                          List.of(
                              OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-american - 10)),
                              OddsOutcome.of(BetSide.AWAY, OddsPrice.ofAmerican(american))),
                          start.minusSeconds(american)))));
    }

    assertThat(data.oddsEvents().store(key).history()).hasSize(MarketData.EVENT_HISTORY);
  }
}
