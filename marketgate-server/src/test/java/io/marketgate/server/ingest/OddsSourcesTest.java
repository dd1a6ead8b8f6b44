package io.marketgate.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.cache.ManualClock;
import io.marketgate.model.Bookmaker;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.Venue;
import io.marketgate.server.ingest.SourceStatus.State;
import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.slate.Game;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.odds.OddsApiFeed;
import io.marketgate.upstream.odds.UnabatedFeed;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link OddsApiSource} and {@link UnabatedSource} against an in-process simulator. */
class OddsSourcesTest {

  private static final List<String> ALL_REGIONS = List.of("us", "uk", "eu", "au");

  private final ManualClock clock = new ManualClock();
  private final MarketData data = MarketData.create(clock);
  private VenueSimulator sim;
  private Source source;

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    sim.close();
  }

  private OddsApiSource oddsApi(long quota) {
    sim =
        VenueSimulator.start(
            SimConfig.builder()
                .port(0)
                .seed(7)
                .slateDate(SimFixture.SLATE)
                .gameCount(3)
                .oddsApiQuota(quota)
                .build());
    UpstreamClient client =
        UpstreamClient.builder("the-odds-api", sim.oddsApiBaseUri())
            .budget(
                TokenBucketBudget.create(
                    BudgetConfig.theOddsApi().withRetry(BudgetConfig.Retry.none())))
            .build();
    OddsApiFeed feed =
        OddsApiFeed.builder(client, sim.config().odds().oddsApiKey()).regions(ALL_REGIONS).build();
    OddsApiSource s = OddsApiSource.builder(data, client, feed).build();
    source = s;
    return s;
  }

  private UnabatedSource unabated() {
    sim = SimFixture.start();
    UpstreamClient client = UpstreamClient.builder("unabated", sim.unabatedBaseUri()).build();
    UnabatedFeed feed = UnabatedFeed.builder(client, sim.config().odds().unabatedApiKey()).build();
    UnabatedSource s = UnabatedSource.builder(data, client, feed).build();
    source = s;
    return s;
  }

  /** Each simulated game as its start and home team's full name. */
  private List<String> simulatedGames() {
    return sim.slate().games().stream().map(g -> g.start() + " " + g.home().name()).toList();
  }

  private static String game(OddsEvent e) {
    return e.start() + " " + e.home().label();
  }

  private List<OddsEvent> events(Venue venue) {
    return data.oddsEvents().keys(k -> k.venue() == venue).stream()
        .map(k -> data.oddsEvents().latest(k).orElseThrow().value())
        .toList();
  }

  @Test
  void oddsApi_pollOnce_fillsEveryGameWithEveryBookmakerAndMarket() {
    OddsApiSource odds = oddsApi(500);

    odds.pollOnce();

    List<OddsEvent> events = events(Venue.ODDS_API);
    assertThat(events).extracting(OddsSourcesTest::game).hasSameElementsAs(simulatedGames());
    for (OddsEvent e : events) {
      assertThat(e.bookmakers())
          .extracting(Bookmaker::id)
          .containsExactlyInAnyOrder(
              "pinnacle",
              "draftkings",
              "fanduel",
              "betmgm",
              "williamhill_us",
              "williamhill",
              "sportsbet");
      for (MarketType type : MarketType.values()) {
        assertThat(e.lines(type)).as(e.key() + " " + type).hasSize(7);
      }
    }
    SourceStatus status = odds.status();
    assertThat(status.state()).isEqualTo(State.LIVE);
    assertThat(status.keys()).isEqualTo(sim.slate().games().size());
    assertThat(status.counters()).containsEntry("creditsRemaining", 500L - 12);
  }

  @Test
  void oddsApi_secondPollWithoutChange_publishesNothing() {
    OddsApiSource odds = oddsApi(500);
    odds.pollOnce();
    long version = data.oddsEvents().version();

    odds.pollOnce();

    assertThat(data.oddsEvents().version()).isEqualTo(version);
    assertThat(odds.status().counters())
        .containsEntry("unchanged", (long) sim.slate().games().size());
  }

  @Test
  void oddsApi_oneSourcePerSport_namedBySportAndFailingAloneWithoutTouchingTheOther() {
    OddsApiSource nba = oddsApi(500);
    UpstreamClient client =
        UpstreamClient.builder("the-odds-api", sim.oddsApiBaseUri())
            .budget(
                TokenBucketBudget.create(
                    BudgetConfig.theOddsApi().withRetry(BudgetConfig.Retry.none())))
            .build();
    OddsApiFeed feed =
        OddsApiFeed.builder(client, sim.config().odds().oddsApiKey()).regions(ALL_REGIONS).build();
    OddsApiSource named = OddsApiSource.builder(data, client, feed).namedBySport(true).build();
    try (OddsApiSource nhl =
        OddsApiSource.builder(data, client, feed)
            .sport("icehockey_nhl")
            .namedBySport(true)
            .build()) {

      nba.pollOnce();
      nhl.pollOnce();

      assertThat(nba.name()).isEqualTo("odds_api.odds");
      assertThat(named.name()).isEqualTo("odds_api.odds.basketball_nba");
      assertThat(nhl.name()).isEqualTo("odds_api.odds.icehockey_nhl");
      assertThat(nhl.status().counters()).containsEntry("failures", 1L);
      assertThat(nhl.status().keys()).isZero();
      assertThat(events(Venue.ODDS_API)).hasSize(sim.slate().games().size());
      assertThat(nba.status().state()).isEqualTo(State.LIVE);
    } finally {
      named.close();
    }
  }

  @Test
  void oddsApi_creditsSpent_stopsPollingReportsDownAndResumesOnRefresh() {
    OddsApiSource odds = oddsApi(24);

    odds.pollOnce();
    odds.pollOnce();
    sim.resetCalls();
    odds.pollOnce();

    SourceStatus status = odds.status();
    assertThat(sim.calls().calls("odds_api.odds")).isZero();
    assertThat(status.state()).isEqualTo(State.DOWN);
    assertThat(status.lastError()).hasValueSatisfying(e -> assertThat(e).contains("credits spent"));
    assertThat(status.counters()).containsEntry("creditsRemaining", 0L);
    assertThat(status.counters()).containsEntry("skippedNoCredits", 1L);
    assertThat(events(Venue.ODDS_API)).hasSize(sim.slate().games().size());
  }

  @Test
  void oddsApi_eventsStartedLongAgo_areEvicted() {
    OddsApiSource odds = oddsApi(500);
    odds.pollOnce();
    Game last =
        sim.slate().games().stream().max(java.util.Comparator.comparing(Game::start)).orElseThrow();

    clock.advance(Duration.between(clock.wallTime(), last.start()).plus(Duration.ofHours(5)));
    odds.pollOnce();

    assertThat(events(Venue.ODDS_API)).isEmpty();
    assertThat(odds.status().keys()).isZero();
  }

  @Test
  void unabated_snapshotThenChanges_fillsEveryGameAndPublishesOnlyChanges() {
    UnabatedSource feed = unabated();

    feed.pollOnce();
    List<OddsEvent> events = events(Venue.UNABATED);
    long version = data.oddsEvents().version();
    feed.pollOnce();

    assertThat(events).extracting(OddsSourcesTest::game).hasSameElementsAs(simulatedGames());
    assertThat(events).allSatisfy(e -> assertThat(e.bookmakers()).hasSize(2));
    assertThat(data.oddsEvents().version()).isEqualTo(version);
    sim.step(5);
    feed.pollOnce();
    assertThat(data.oddsEvents().version()).isGreaterThan(version);
    SourceStatus status = feed.status();
    assertThat(status.state()).isEqualTo(State.LIVE);
    assertThat(status.epochBumps()).isZero();
    assertThat(status.counters()).containsEntry("snapshots", 1L).containsEntry("polls", 3L);
  }
}
