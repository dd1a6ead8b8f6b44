package io.marketgate.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import io.marketgate.model.MarketKey;
import io.marketgate.model.OrderBook;
import io.marketgate.model.Venue;
import io.marketgate.server.ingest.SourceStatus.State;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.UpstreamClient;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link BinanceBooksSource} against an in-process simulator stepped by the test. */
class BinanceBooksSourceTest {

  private static final MarketKey BTC = new MarketKey(Venue.BINANCE, "BTCUSDT");
  private static final MarketKey ETH = new MarketKey(Venue.BINANCE, "ETHUSDT");

  private VenueSimulator sim;
  private final MarketData data = MarketData.create(io.marketgate.cache.Clock.system());
  private BinanceBooksSource source;

  @BeforeEach
  void start() {
    sim = SimFixture.start();
    UpstreamClient client =
        UpstreamClient.builder("binance", sim.binanceBaseUri())
            .budget(TokenBucketBudget.create(BudgetConfig.binance()))
            .build();
    source =
        BinanceBooksSource.builder(data, client, sim.binanceStreamUri())
            .symbols(List.of("BTCUSDT", "ethusdt"))
            .staleAfter(Duration.ofMinutes(1))
            .streamSettings(s -> s.backoff(Duration.ofMillis(20), Duration.ofMillis(100)))
            .build();
    source.start();
    eventually().until(() -> sim.binance().webSocketConnections() == 1);
  }

  @AfterEach
  void stop() {
    source.close();
    sim.close();
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10));
  }

  /** Steps until both books are live and equal to the simulator's. */
  private void stepUntilBothMatch() {
    stepUntil(() -> matches(BTC) && matches(ETH));
  }

  /** Steps the simulator, giving the stream time to catch up after each step, until done. */
  private void stepUntil(java.util.concurrent.Callable<Boolean> done) {
    eventually()
        .until(
            () -> {
              sim.step();
              try {
                await()
                    .atMost(Duration.ofMillis(500))
                    .pollInterval(Duration.ofMillis(5))
                    .until(done);
                return true;
              } catch (org.awaitility.core.ConditionTimeoutException e) {
                return false;
              }
            });
  }

  private boolean matches(MarketKey key) {
    return data.orderBooks()
        .latest(key)
        .filter(s -> s.provenance() == Provenance.LIVE)
        .map(Snapshot::value)
        .equals(sim.binance().book(key.ticker()));
  }

  private Snapshot<OrderBook> latest(MarketKey key) {
    return data.orderBooks().latest(key).orElseThrow();
  }

  @Test
  void start_streamsEverySymbolsBookEqualToTheSimulators() {
    stepUntilBothMatch();

    SourceStatus status = source.status();
    assertThat(status.name()).isEqualTo("binance.books");
    assertThat(status.state()).isEqualTo(State.LIVE);
    assertThat(status.keys()).isEqualTo(2);
    assertThat(status.counters()).containsEntry("liveBooks", 2L).containsEntry("gaps", 0L);
    assertThat(data.orderBooks().store(BTC).points()).isNotEmpty();
    assertThat(source.tops().latest(BTC)).isPresent();
  }

  @Test
  void sequenceGap_resyncsThatSymbolOnlyWithOneEpochBump() {
    stepUntilBothMatch();
    long btcEpoch = latest(BTC).epoch();
    long ethEpoch = latest(ETH).epoch();

    sim.faults().inject("binance.ws.BTCUSDT", Fault.sequenceGap(), FaultTrigger.once());
    stepUntil(() -> source.status().counters().get("gaps") == 1 && matches(BTC) && matches(ETH));

    assertThat(latest(BTC).epoch()).isEqualTo(btcEpoch + 1);
    assertThat(latest(ETH).epoch()).isEqualTo(ethEpoch);
    assertThat(source.status().epochBumps()).isEqualTo(1);
    assertThat(sim.calls().routes().get("binance.depth").calls()).isEqualTo(3);
  }
}
