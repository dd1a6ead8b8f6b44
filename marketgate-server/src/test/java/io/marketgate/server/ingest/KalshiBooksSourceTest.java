package io.marketgate.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketgate.cache.ManualClock;
import io.marketgate.cache.Snapshot;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.MarketKey;
import io.marketgate.server.ingest.SourceStatus.State;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import io.marketgate.upstream.UpstreamClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KalshiBooksSource} against an in-process simulator: the stream runs for real (awaited with
 * Awaitility), windows and ages run on a {@link ManualClock}, reconciles are driven by {@code
 * pollOnce()}.
 */
class KalshiBooksSourceTest {

  private static final Duration SILENT_AFTER = Duration.ofSeconds(10);

  private VenueSimulator sim;
  private UpstreamClient client;
  private final ManualClock clock = new ManualClock();
  private final MarketData data = MarketData.create(clock);
  private KalshiBooksSource source;
  private List<String> tickers;

  @BeforeEach
  void start() {
    sim = SimFixture.start();
    client = SimFixture.kalshi(sim);
    tickers = sim.kalshiMarketTickers().subList(0, 3);
  }

  @AfterEach
  void stop() {
    if (source != null) {
      source.close();
    }
    sim.close();
  }

  private KalshiBooksSource source(UnaryOperator<KalshiBooksSource.Builder> settings) {
    source =
        settings
            .apply(
                KalshiBooksSource.builder(data, client, sim.kalshiWsUri())
                    .fallbackPolicy(PollPolicy.every(Duration.ofHours(1)))
                    .silentAfter(SILENT_AFTER)
                    .demandWindow(Duration.ofMinutes(1))
                    .streamSettings(s -> s.backoff(Duration.ofMillis(20), Duration.ofMillis(100))))
            .build();
    return source;
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20));
  }

  private Optional<BinaryBook> served(String ticker) {
    return data.books().latest(SimFixture.kalshiKey(ticker)).map(Snapshot::value);
  }

  private void assertServedEqualsSimulator(List<String> which) {
    for (String t : which) {
      assertThat(served(t)).as(t).isEqualTo(sim.kalshiBook(t));
    }
  }

  @Test
  void alwaysOnTickers_streamed_matchSimulatorAndFollowItsSteps() {
    source(b -> b.alwaysOnTickers(tickers)).start();
    source.pollOnce();

    eventually()
        .untilAsserted(
            () -> {
              assertServedEqualsSimulator(tickers);
              assertThat(source.status().state()).isEqualTo(State.LIVE);
            });
    sim.step(3);

    eventually().untilAsserted(() -> assertServedEqualsSimulator(tickers));
    SourceStatus status = source.status();
    assertThat(status.keys()).isEqualTo(3);
    assertThat(status.kind()).isEqualTo(SourceStatus.Kind.STREAM);
    assertThat(status.counters()).containsEntry("subscribed", 3L).containsEntry("uncovered", 0L);
    assertThat(status.counters().get("messages")).isPositive();
  }

  @Test
  void demand_neverSeenBook_fetchedOnceSubscribedThenDroppedAfterTheWindow() {
    source(b -> b).start();
    String ticker = tickers.get(0);
    MarketKey key = SimFixture.kalshiKey(ticker);
    sim.resetCalls();

    for (int i = 0; i < 5; i++) {
      source.demand(key);
    }

    eventually().untilAsserted(() -> assertThat(served(ticker)).isEqualTo(sim.kalshiBook(ticker)));
    assertThat(sim.calls().calls("kalshi.orderbook")).isEqualTo(1);
    eventually().untilAsserted(() -> assertThat(source.status().state()).isEqualTo(State.LIVE));
    sim.step(2);
    eventually().untilAsserted(() -> assertThat(served(ticker)).isEqualTo(sim.kalshiBook(ticker)));

    clock.advance(Duration.ofSeconds(30));
    source.demand(key);
    clock.advance(Duration.ofSeconds(45));
    source.pollOnce();
    assertThat(data.books().find(key)).as("kept: demanded 45 s ago").isPresent();

    clock.advance(Duration.ofSeconds(20));
    source.pollOnce();

    assertThat(data.books().find(key)).isEmpty();
    assertThat(source.status().keys()).isZero();
    assertThat(source.status().counters()).containsEntry("evicted", 1L);
  }

  @Test
  void webSocketOff_booksComeFromBatchRestOnEveryPoll_neverFromTheStream() {
    source(b -> b.webSocket(false).alwaysOnTickers(tickers)); // reconciles driven by hand
    sim.resetCalls();

    source.pollOnce();

    assertServedEqualsSimulator(tickers);
    assertThat(source.status().state()).isEqualTo(State.LIVE);
    sim.step(2);
    source.pollOnce();
    assertServedEqualsSimulator(tickers);
    assertThat(sim.calls().calls("kalshi.orderbooks")).isEqualTo(2);
    assertThat(sim.calls().calls("kalshi.ws")).isZero();
    assertThat(source.status().counters()).containsEntry("subscribed", 0L);
  }

  @Test
  void webSocketOff_restFailing_isDown() {
    source(b -> b.webSocket(false).alwaysOnTickers(tickers).downAfterFailures(1));
    sim.faults().inject("kalshi.orderbooks", Fault.status(503), FaultTrigger.always());

    source.pollOnce();

    assertThat(source.status().state()).isIn(State.DOWN, State.STARTING);
    sim.faults().clear();
    source.pollOnce();
    assertThat(source.status().state()).isEqualTo(State.LIVE);
  }

  @Test
  void demand_otherVenue_isIgnored() {
    source(b -> b).start();

    source.demand(new MarketKey(io.marketgate.model.Venue.POLYMARKET, "123"));

    assertThat(source.status().counters()).containsEntry("demands", 0L);
  }

  @Test
  void webSocketDown_restFallbackKeepsBooksFreshAndStateDegradedThenLive() {
    source(b -> b.alwaysOnTickers(tickers)).start();
    source.pollOnce();
    eventually().untilAsserted(() -> assertThat(source.status().state()).isEqualTo(State.LIVE));
    long fault = sim.faults().inject("kalshi.ws", Fault.disconnect(), FaultTrigger.always());

    sim.disconnectKalshiWebSockets();
    eventually().untilAsserted(() -> assertThat(source.status().state()).isEqualTo(State.DEGRADED));
    sim.step(3);
    source.pollOnce();

    assertServedEqualsSimulator(tickers);
    assertThat(source.status().state()).isEqualTo(State.DEGRADED);
    assertThat(source.status().epochBumps()).isPositive();
    assertThat(source.status().counters().get("restPublishes")).isPositive();

    // The stream reconnects by itself; a connection left half-open by the abrupt close is caught
    // by the watchdog (silent beyond the window, REST disagrees) once time passes and books move.
    sim.faults().remove(fault);
    eventually()
        .untilAsserted(
            () -> {
              clock.advance(SILENT_AFTER.dividedBy(3));
              sim.step();
              source.pollOnce();
              assertThat(source.status().state()).isEqualTo(State.LIVE);
            });
    sim.step();
    eventually().untilAsserted(() -> assertServedEqualsSimulator(tickers));
    SourceStatus status = source.status();
    assertThat(status.counters().get("reconnects") + status.counters().get("streamRestarts"))
        .isPositive();
  }

  @Test
  void silentFreeze_streamConnectedButSilent_degradedWithinWindowThenRestarted() {
    source(b -> b.alwaysOnTickers(tickers)).start();
    source.pollOnce();
    eventually().untilAsserted(() -> assertThat(source.status().state()).isEqualTo(State.LIVE));
    sim.faults().inject("kalshi.ws", Fault.freeze(), FaultTrigger.once());

    eventually()
        .untilAsserted(
            () -> {
              clock.advance(SILENT_AFTER.dividedBy(3));
              sim.step();
              assertThat(source.status().state()).isEqualTo(State.DEGRADED);
            });
    assertThat(source.status().counters()).containsEntry("connected", 1L);

    source.pollOnce();

    assertServedEqualsSimulator(tickers);
    assertThat(source.status().counters().get("streamRestarts")).isEqualTo(1L);
    eventually().untilAsserted(() -> assertThat(source.status().state()).isEqualTo(State.LIVE));
    sim.step();
    eventually().untilAsserted(() -> assertServedEqualsSimulator(tickers));
  }

  @Test
  void alwaysOnSeries_followsTheMarketsSourceListing() {
    KalshiMarketsSource markets =
        KalshiMarketsSource.builder(data, client).series(List.of("KXNBAGAME")).build();
    markets.pollOnce();
    source(b -> b.alwaysOnSeries(List.of("KXNBAGAME"))).start();

    source.pollOnce();

    List<String> games =
        sim.kalshiMarketTickers().stream().filter(t -> t.startsWith("KXNBAGAME-")).toList();
    eventually().untilAsserted(() -> assertServedEqualsSimulator(games));
    assertThat(source.status().keys()).isEqualTo(games.size());
    markets.close();
  }

  @Test
  void close_source_reportsStopped() {
    source(b -> b.alwaysOnTickers(tickers)).start();

    source.close();

    assertThat(source.status().state()).isEqualTo(State.STOPPED);
  }
}
