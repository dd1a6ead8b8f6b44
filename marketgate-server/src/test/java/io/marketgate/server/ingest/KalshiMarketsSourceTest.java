package io.marketgate.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.cache.ManualClock;
import io.marketgate.cache.Provenance;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.Market;
import io.marketgate.model.MarketKey;
import io.marketgate.server.ingest.SourceStatus.State;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import io.marketgate.upstream.UpstreamClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link KalshiMarketsSource} against an in-process simulator, driven by {@code pollOnce()}. */
class KalshiMarketsSourceTest {

  private VenueSimulator sim;
  private final ManualClock clock = new ManualClock();
  private final MarketData data = MarketData.create(clock);
  private KalshiMarketsSource source;

  @BeforeEach
  void start() {
    sim = SimFixture.start();
    UpstreamClient client = SimFixture.kalshi(sim);
    source = KalshiMarketsSource.builder(data, client).downAfterFailures(2).build();
  }

  @AfterEach
  void stop() {
    source.close();
    sim.close();
  }

  @Test
  void pollOnce_simulatorListing_publishesEveryMarketAsTheSimulatorHasIt() {
    source.pollOnce();

    List<MarketKey> expected =
        sim.kalshiMarketTickers().stream().map(SimFixture::kalshiKey).sorted().toList();
    assertThat(data.markets().keys()).containsExactlyInAnyOrderElementsOf(expected);
    for (String ticker : sim.kalshiMarketTickers()) {
      Market market = data.markets().latest(SimFixture.kalshiKey(ticker)).orElseThrow().value();
      BinaryBook book = sim.kalshiBook(ticker).orElseThrow();
      assertThat(market.eventTicker()).startsWith(market.seriesTicker().orElseThrow() + "-");
      assertThat(market.status()).isEqualTo("active");
      assertThat(market.yesBid().orElseThrow())
          .isEqualByComparingTo(book.bestYesBid().orElseThrow().price());
      if (!ticker.startsWith("KXNBAGAME")) {
        assertThat(market.attributes()).containsKeys("floor_strike", "strike_type");
      }
      assertThat(market.attributes()).containsKey("yes_sub_title");
    }
    SourceStatus status = source.status();
    assertThat(status.state()).isEqualTo(State.LIVE);
    assertThat(status.keys()).isEqualTo(expected.size());
    assertThat(status.counters()).containsEntry("publishes", (long) expected.size());
  }

  @Test
  void pollOnce_nothingChanged_publishesNothingAndCallsOncePerSeries() {
    source.pollOnce();
    long version = data.markets().version();
    sim.resetCalls();

    source.pollOnce();

    assertThat(data.markets().version()).isEqualTo(version);
    assertThat(sim.calls().calls("kalshi.markets"))
        .isEqualTo(KalshiMarketsSource.NBA_SERIES.size());
    assertThat(source.status().counters())
        .containsEntry("unchanged", (long) data.markets().size())
        .containsEntry("polls", 2L);
  }

  @Test
  void pollOnce_afterSimulatorStep_publishesOnlyTheMarketsThatChanged() {
    source.pollOnce();
    sim.step(3);

    source.pollOnce();

    long published = source.status().counters().get("publishes") - data.markets().size();
    long unchanged = source.status().counters().get("unchanged");
    assertThat(published).isPositive();
    assertThat(published + unchanged).isEqualTo(data.markets().size());
    for (String ticker : sim.kalshiMarketTickers()) {
      Market market = data.markets().latest(SimFixture.kalshiKey(ticker)).orElseThrow().value();
      assertThat(market.yesBid().orElseThrow())
          .isEqualByComparingTo(
              sim.kalshiBook(ticker).orElseThrow().bestYesBid().orElseThrow().price());
    }
  }

  @Test
  void pollOnce_serverErrors_keepsLastGoodDataReportsErrorAndRecovers() {
    source.pollOnce();
    int markets = data.markets().size();
    long version = data.markets().version();
    long fault = sim.faults().inject("kalshi.markets", Fault.status(503), FaultTrigger.always());

    source.pollOnce();
    SourceStatus degraded = source.status();
    clock.advance(Duration.ofSeconds(30));
    source.pollOnce();
    SourceStatus down = source.status();

    assertThat(degraded.state()).isEqualTo(State.DEGRADED);
    assertThat(degraded.lastError()).hasValueSatisfying(e -> assertThat(e).contains("503"));
    assertThat(down.state()).isEqualTo(State.DOWN);
    assertThat(down.age()).hasValueSatisfying(a -> assertThat(a).isEqualTo(Duration.ofSeconds(30)));
    assertThat(data.markets().size()).isEqualTo(markets);
    assertThat(data.markets().version()).isEqualTo(version);
    assertThat(source.marketLists().getIfPresent("KXNBAGAME")).isPresent();

    sim.faults().remove(fault);
    // The budget's circuit breaker may have opened; it lets calls through again shortly.
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              source.pollOnce();
              assertThat(source.status().state()).isEqualTo(State.LIVE);
            });
    assertThat(source.status().age()).hasValue(Duration.ZERO);
  }

  @Test
  void status_noPollForThreeIntervals_isDegraded() {
    source.pollOnce();

    clock.advance(Duration.ofSeconds(91));

    assertThat(source.status().state()).isEqualTo(State.DEGRADED);
    assertThat(data.markets().latest(data.markets().keys().get(0)).orElseThrow().provenance())
        .isEqualTo(Provenance.LIVE);
  }

  @Test
  void start_scheduledPoll_fillsTheStoreWithoutPollOnce() {
    source.start();

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> data.markets().size() == sim.kalshiMarketTickers().size());
    source.refreshNow();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> source.status().counters().get("polls") >= 2);
  }
}
