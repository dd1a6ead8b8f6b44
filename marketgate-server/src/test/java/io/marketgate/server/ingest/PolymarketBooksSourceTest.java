package io.marketgate.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketgate.cache.Clock;
import io.marketgate.cache.Provenance;
import io.marketgate.model.MarketKey;
import io.marketgate.model.Venue;
import io.marketgate.server.ingest.SourceStatus.State;
import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.UpstreamClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Polymarket source against an in-process simulator that ticks every 100 ms. */
class PolymarketBooksSourceTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private VenueSimulator sim;
  private MarketData data;
  private PolymarketBooksSource source;
  private List<String> assets;

  @BeforeEach
  void start() {
    sim =
        VenueSimulator.start(
            SimConfig.builder()
                .port(0)
                .seed(7)
                .slateDate(SimFixture.SLATE)
                .gameCount(1)
                .tickInterval(Duration.ofMillis(100))
                .build());
    assets = sim.polymarket().assetIds().subList(0, 3);
    data = MarketData.create(Clock.system());
    UpstreamClient client =
        UpstreamClient.builder("polymarket", sim.polymarketBaseUri())
            .budget(TokenBucketBudget.create(BudgetConfig.polymarketClob()))
            .build();
    source =
        PolymarketBooksSource.builder(data, client, sim.polymarketWsUri())
            .assets(assets)
            .staleAfter(Duration.ofSeconds(2))
            .silenceWindow(Duration.ofSeconds(1))
            .resyncInterval(Duration.ofMinutes(5))
            .build();
  }

  @AfterEach
  void stop() {
    source.close();
    sim.close();
  }

  private boolean allLive() {
    return assets.stream()
        .allMatch(
            a ->
                data.orderBooks()
                    .latest(new MarketKey(Venue.POLYMARKET, a))
                    .map(s -> s.provenance() == Provenance.LIVE)
                    .orElse(false));
  }

  @Test
  void start_simulator_booksLiveInOrderBooksAndStatusLive() {
    assertThat(source.status().state()).isEqualTo(State.STARTING);

    source.start();

    await().atMost(WAIT).until(() -> allLive() && source.status().state() == State.LIVE);
    SourceStatus st = source.status();
    assertThat(st.name()).isEqualTo("polymarket.books");
    assertThat(st.venue()).isEqualTo("polymarket");
    assertThat(st.kind()).isEqualTo(SourceStatus.Kind.STREAM);
    assertThat(st.keys()).isEqualTo(3);
    assertThat(st.silentAfter()).isEqualTo(Duration.ofSeconds(2));
    assertThat(st.counters()).containsEntry("connected", 1L).containsKey("priceChanges");
    assertThat(data.books().size()).as("binary books untouched").isZero();
    assertThat(data.orderBooks().keys())
        .extracting(MarketKey::ticker)
        .containsExactlyInAnyOrderElementsOf(assets);

    source.close();
    assertThat(source.status().state()).isEqualTo(State.STOPPED);
  }

  @Test
  void freeze_degradedWhileStaleThenLiveAgain() {
    source.start();
    await().atMost(WAIT).until(() -> source.status().state() == State.LIVE);

    sim.faults().inject("polymarket.ws", Fault.freeze(), FaultTrigger.once());

    await().atMost(WAIT).until(() -> source.status().state() == State.DEGRADED);
    await().atMost(WAIT).until(() -> source.status().state() == State.LIVE && allLive());
    SourceStatus st = source.status();
    assertThat(st.counters().get("silences")).isGreaterThanOrEqualTo(1);
    assertThat(st.counters().get("reconnects")).isGreaterThanOrEqualTo(1);
    assertThat(st.epochBumps()).isGreaterThanOrEqualTo(3);
    assertThat(st.lastError()).hasValueSatisfying(e -> assertThat(e).contains("frozen"));
  }
}
