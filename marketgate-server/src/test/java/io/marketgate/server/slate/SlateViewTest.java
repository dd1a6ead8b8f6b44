package io.marketgate.server.slate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.marketgate.cache.FileTier;
import io.marketgate.cache.ManualClock;
import io.marketgate.cache.ResourcePolicy;
import io.marketgate.cache.Snapshot;
import io.marketgate.server.ingest.MarketData;
import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.calls.CallCounts;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.kalshi.KalshiRest;
import io.marketgate.upstream.odds.OddsApiFeed;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slate view with its own resources against an in-process simulator, whose call counters say
 * exactly which upstream calls each build caused. Time is a {@link ManualClock}.
 */
class SlateViewTest {

  static final LocalDate DATE = LocalDate.of(2026, 11, 21);
  static final int GAMES = 3;

  @TempDir Path dir;

  VenueSimulator sim;
  ManualClock clock;
  UpstreamClient kalshi;
  UpstreamClient odds;

  @BeforeEach
  void start() {
    sim =
        VenueSimulator.start(
            SimConfig.builder().port(0).seed(11).slateDate(DATE).gameCount(GAMES).build());
    clock = new ManualClock(Instant.parse("2026-11-21T20:00:00Z"));
    kalshi =
        UpstreamClient.builder("kalshi", sim.kalshiBaseUri())
            .budget(
                TokenBucketBudget.create(
                    BudgetConfig.kalshi(BudgetConfig.KalshiTier.BASIC)
                        .withRetry(BudgetConfig.Retry.none())))
            .build();
    odds =
        UpstreamClient.builder("odds_api", sim.oddsApiBaseUri())
            .budget(
                TokenBucketBudget.create(
                    BudgetConfig.theOddsApi().withRetry(BudgetConfig.Retry.none())))
            .build();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

  SlateView view(FileTier tier) {
    KalshiRest rest = KalshiRest.create(kalshi);
    OddsApiFeed feed =
        OddsApiFeed.builder(odds, sim.config().odds().oddsApiKey())
            .regions(List.of("us", "eu"))
            .build();
    return SlateView.builder(MarketData.create(clock))
        .oddsFromFeed(feed, "basketball_nba")
        .manifestFromKalshi(rest)
        .booksFromKalshi(rest)
        .fileTier(tier)
        .meterRegistry(registry)
        .oddsPolicy(ResourcePolicy.of(Duration.ofSeconds(120)).withMaxStale(Duration.ofHours(1)))
        .manifestPolicy(ResourcePolicy.of(Duration.ofSeconds(60)).withMaxStale(Duration.ofHours(1)))
        .booksPolicy(ResourcePolicy.of(Duration.ofSeconds(120)).withMaxStale(Duration.ofHours(1)))
        .gamesPolicy(ResourcePolicy.of(Duration.ofMinutes(10)).withMaxStale(Duration.ofHours(1)))
        .build();
  }

  static Map<String, Long> simCalls(CallCounts c) {
    return Map.of(
        "odds", c.calls("odds_api.odds"),
        "manifest", c.calls("kalshi.events"),
        "books", c.calls("kalshi.orderbooks") + c.calls("kalshi.orderbook"),
        "total", c.total());
  }

  @Test
  void build_coldWarmAfterManifestTtl_onlyTheCallsEachNeeds() throws Exception {
    SlateView view = view(FileTier.open(dir));
    sim.resetCalls();

    Slate first = view.build(DATE, false).value();
    Map<String, Long> afterFirst = simCalls(sim.calls());
    // One odds snapshot, one event listing per series, one batch of 30 books.
    assertThat(afterFirst).isEqualTo(Map.of("odds", 1L, "manifest", 3L, "books", 1L, "total", 5L));
    assertThat(first.calls().total()).isEqualTo(5);
    assertThat(first.calls().byResource())
        .isEqualTo(Map.of("odds", 1L, "manifest", 3L, "books", 1L, "games", 0L));
    assertThat(first.games()).hasSize(GAMES);
    assertThat(first.unmatched()).isEmpty();
    assertThat(first.moneylines()).hasSize(2 * GAMES);
    assertThat(first.spreads()).hasSize(4 * GAMES);
    assertThat(first.totals()).hasSize(4 * GAMES);
    assertThat(
            Stream.of(first.moneylines(), first.spreads(), first.totals())
                .flatMap(List::stream)
                .map(r -> r.book().state()))
        .containsOnly("live");

    clock.advance(Duration.ofSeconds(30));
    Snapshot<Slate> second = view.build(DATE, false);
    assertThat(simCalls(sim.calls())).isEqualTo(afterFirst);
    assertThat(second.value().calls().total()).isZero();
    assertThat(second.value().version()).isEqualTo(first.version());

    clock.advance(Duration.ofSeconds(31));
    Slate third = view.build(DATE, false).value();
    Map<String, Long> afterThird = simCalls(sim.calls());
    assertThat(afterThird).isEqualTo(Map.of("odds", 1L, "manifest", 6L, "books", 1L, "total", 8L));
    assertThat(third.calls().byResource())
        .isEqualTo(Map.of("odds", 0L, "manifest", 3L, "books", 0L, "games", 0L));
    assertThat(
            registry
                .get("marketgate.slate.upstream.calls")
                .tag("resource", "manifest")
                .counter()
                .count())
        .isEqualTo(6.0);
    assertThat(registry.get("marketgate.slate.builds").tag("outcome", "ok").timer().count())
        .isEqualTo(3);
  }

  @Test
  void build_afterRestart_manifestAndGamesWarmFromFileTier() throws Exception {
    FileTier tier = FileTier.open(dir);
    view(tier).build(DATE, false);
    await().atMost(Duration.ofSeconds(10)).until(() -> tier.writes() >= 2);
    sim.resetCalls();

    Slate restarted = view(FileTier.open(dir)).build(DATE, false).value();

    assertThat(restarted.calls().byResource())
        .isEqualTo(Map.of("odds", 1L, "manifest", 0L, "books", 1L, "games", 0L));
    assertThat(sim.calls().calls("kalshi.events")).isZero();
    assertThat(restarted.freshness().manifest().source()).isEqualTo("warm");
    assertThat(restarted.games()).hasSize(GAMES);
  }

  @Test
  void build_noOddsEver_unavailableWithReason() {
    sim.faults()
        .inject("odds_api.odds", new Fault.Status(503, Optional.empty()), FaultTrigger.always());
    SlateView view = view(FileTier.open(dir));

    assertThatThrownBy(() -> view.build(DATE, false))
        .isInstanceOf(SlateUnavailableException.class)
        .hasMessageContaining("no odds data");
  }

  @Test
  void build_oddsRefreshFails_lastGoodServedStale() throws Exception {
    SlateView view = view(FileTier.open(dir));
    view.build(DATE, false);
    sim.faults()
        .inject("odds_api.odds", new Fault.Status(503, Optional.empty()), FaultTrigger.always());
    clock.advance(Duration.ofSeconds(121));

    Slate slate = view.build(DATE, false).value();

    assertThat(slate.freshness().odds().source()).isEqualTo("stale");
    assertThat(slate.moneylines()).hasSize(2 * GAMES);
  }

  @Test
  void build_booksFail_rowsKeptMissingWithReason() throws Exception {
    sim.faults()
        .inject(
            "kalshi.orderbooks", new Fault.Status(500, Optional.empty()), FaultTrigger.always());
    SlateView view = view(FileTier.open(dir));

    Slate slate = view.build(DATE, false).value();

    assertThat(slate.moneylines()).hasSize(2 * GAMES);
    assertThat(slate.moneylines())
        .allSatisfy(
            r -> {
              assertThat(r.book().state()).isEqualTo("missing");
              assertThat(r.book().reason().orElseThrow()).contains("order book fetch failed");
              assertThat(r.yesAsk()).isEmpty();
            });
    assertThat(slate.freshness().books().missing()).isEqualTo(10 * GAMES);
  }

  @Test
  void build_refresh_reloadsOwnResourcesPastTtl() throws Exception {
    SlateView view = view(FileTier.open(dir));
    view.build(DATE, false);
    sim.resetCalls();

    Slate refreshed = view.build(DATE, true).value();

    assertThat(simCalls(sim.calls()))
        .isEqualTo(Map.of("odds", 1L, "manifest", 3L, "books", 1L, "total", 5L));
    assertThat(refreshed.calls().total()).isEqualTo(5);
  }
}
