package io.marketgate.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.cache.ManualClock;
import io.marketgate.cache.Provenance;
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
import io.marketgate.upstream.BudgetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Publishing a feed's answer and evicting events by start time. */
class OddsEventSyncTest {

  private final ManualClock clock = new ManualClock();
  private final MarketData data = MarketData.create(clock);
  private final SourceHealth health =
      new SourceHealth(
          "odds_api.odds",
          "odds_api",
          SourceStatus.Kind.POLL,
          clock,
          Duration.ofMinutes(3),
          3,
          "publishes",
          "unchanged",
          "stale",
          "removed");

  private OddsEvent event(Venue venue, String id, Instant start) {
    return new OddsEvent(
        new EventKey(venue, id),
        "nba",
        Team.named("Chicago Bulls"),
        Team.named("Miami Heat"),
        start,
        List.of(
            new OddsLine(
                new Bookmaker("a", "A"),
                MarketType.MONEYLINE,
                List.of(
                    OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-120)),
                    OddsOutcome.of(BetSide.AWAY, OddsPrice.ofAmerican(100))),
                start.minus(Duration.ofHours(1)))));
  }

  @Test
  void apply_eventStartedLongerAgoThanTheConfiguredAge_isEvicted() {
    OddsEventSync sync =
        new OddsEventSync(data, Venue.ODDS_API, Duration.ofMinutes(30), Duration.ofHours(1));
    Instant start = clock.wallTime().plus(Duration.ofMinutes(10));
    OddsEvent early = event(Venue.ODDS_API, "early", start);
    OddsEvent late = event(Venue.ODDS_API, "late", start.plus(Duration.ofHours(3)));
    sync.apply(List.of(early, late), health);

    clock.advance(Duration.ofMinutes(10 + 59));
    sync.apply(List.of(early, late), health);
    assertThat(data.oddsEvents().keys()).containsExactly(early.key(), late.key());

    clock.advance(Duration.ofMinutes(2));
    sync.apply(List.of(early, late), health);

    assertThat(data.oddsEvents().keys()).containsExactly(late.key());
    assertThat(sync.size()).isEqualTo(1);
  }

  @Test
  void apply_finishedEventThisPollerDidNotPublish_isEvictedOnlyOnItsVenue() {
    OddsEventSync sync =
        new OddsEventSync(data, Venue.ODDS_API, Duration.ofMinutes(30), Duration.ofHours(1));
    Instant longAgo = clock.wallTime().minus(Duration.ofHours(2));
    OddsEvent warmed = event(Venue.ODDS_API, "warmed", longAgo);
    OddsEvent otherFeed = event(Venue.UNABATED, "other", longAgo);
    data.oddsEvents().store(warmed.key()).publish(warmed, Provenance.WARM);
    data.oddsEvents().publish(otherFeed.key(), otherFeed);

    sync.apply(List.of(), health);

    assertThat(data.oddsEvents().keys()).containsExactly(otherFeed.key());
    SourceStatus status =
        health.status(SourceStatus.State.LIVE, 0, 0, BudgetStatus.empty("odds_api"), Map.of());
    assertThat(status.counters()).containsEntry("removed", 1L);
  }

  @Test
  void apply_changedEvent_sharesItsUnchangedLinesWithThePreviousSnapshot() {
    OddsEventSync sync =
        new OddsEventSync(data, Venue.ODDS_API, Duration.ofMinutes(30), Duration.ofHours(1));
    Instant start = clock.wallTime().plus(Duration.ofHours(2));
    OddsEvent first = event(Venue.ODDS_API, "g", start);
    sync.apply(List.of(first), health);
    OddsLine extra =
        new OddsLine(
            new Bookmaker("b", "B"),
            MarketType.MONEYLINE,
            List.of(
                OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-130)),
                OddsOutcome.of(BetSide.AWAY, OddsPrice.ofAmerican(110))),
            start);
    OddsEvent reparsed =
        new OddsEvent(
            first.key(),
            "nba",
            first.home(),
            first.away(),
            start,
            List.of(event(Venue.ODDS_API, "g", start).lines().get(0), extra));

    sync.apply(List.of(reparsed), health);

    OddsEvent latest = data.oddsEvents().latest(first.key()).orElseThrow().value();
    assertThat(latest).isEqualTo(reparsed);
    assertThat(latest.lines().get(0)).isSameAs(first.lines().get(0));
  }
}
