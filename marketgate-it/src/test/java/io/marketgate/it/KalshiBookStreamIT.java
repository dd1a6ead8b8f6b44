package io.marketgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketgate.cache.Clock;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import io.marketgate.cache.SnapshotStore;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.MarketKey;
import io.marketgate.model.Venue;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import io.marketgate.sim.kalshi.LevelOrder;
import io.marketgate.sim.kalshi.PayloadGeneration;
import io.marketgate.upstream.Budget;
import io.marketgate.upstream.kalshi.KalshiBookStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * KalshiBookStream keeps our book store equal to the simulator's books over its WebSocket, and
 * recovers from a sequence gap and a disconnect with exactly one epoch bump per broken book; a
 * silent freeze goes unnoticed by the stream itself.
 */
class KalshiBookStreamIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private VenueSimulator sim;
  private KeyedSnapshotStore<MarketKey, BinaryBook> store;
  private KalshiBookStream stream;
  private List<String> tickers;

  private void start(PayloadGeneration payloads, LevelOrder order) {
    sim =
        KalshiAccess.simulator(
            c -> c.seed(11).gameCount(2).kalshiPayloads(payloads).kalshiLevelOrder(order));
    List<String> all = sim.kalshiMarketTickers();
    // Moneyline, spread and total markets of both games.
    tickers = IntStream.range(0, 6).mapToObj(i -> all.get(i * 8)).toList();
    store =
        KeyedSnapshotStore.<MarketKey, BinaryBook>builder("kalshi-books")
            .source("kalshi.ws")
            .historySize(256)
            .build();
    stream =
        KalshiBookStream.builder(
                KalshiAccess.client(sim, Budget.unlimited("kalshi")), sim.kalshiWsUri(), store)
            .tickers(tickers)
            .backoff(Duration.ofMillis(50), Duration.ofMillis(200))
            .build();
    stream.start();
    awaitBooksEqualSimulator();
    sim.step(20);
    awaitBooksEqualSimulator();
  }

  @AfterEach
  void stop() {
    if (stream != null) {
      stream.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @ParameterizedTest
  @EnumSource(PayloadGeneration.class)
  void stream_snapshotsThenSteppedDeltas_booksEqualSimulatorInOneEpoch(PayloadGeneration payloads) {
    start(payloads, LevelOrder.DESCENDING);

    for (int round = 0; round < 5; round++) {
      sim.step(10);
      awaitBooksEqualSimulator();
    }

    for (String t : tickers) {
      SnapshotStore<BinaryBook> s = store.find(key(t)).orElseThrow();
      assertThat(s.epoch()).as(t).isZero();
      assertThat(s.history()).extracting(Snapshot::provenance).containsOnly(Provenance.LIVE);
    }
    KalshiBookStream.Stats stats = stream.stats();
    assertThat(stats.gaps()).isZero();
    assertThat(stats.resyncs()).isZero();
    assertThat(stats.reconnects()).isZero();
    assertThat(stats.malformed()).isZero();
    assertThat(stats.errors()).isZero();
    assertThat(stats.duplicates()).isZero();
    assertThat(sim.calls().calls("kalshi.ws")).isEqualTo(1);
  }

  @Test
  void stream_sequenceGapOnOneSubscription_onlyThatBookGoesStaleResyncsAndBumpsEpochOnce() {
    start(PayloadGeneration.CURRENT, LevelOrder.ASCENDING);
    Map<String, Long> epochs = epochs();

    sim.faults().inject("kalshi.ws", Fault.sequenceGap(), FaultTrigger.once());
    await()
        .atMost(WAIT)
        .until(
            () -> {
              sim.step();
              return stream.stats().gaps() > 0;
            });
    awaitBooksEqualSimulator();

    assertThat(sim.faults().injected()).isEmpty();
    assertThat(stream.stats().gaps()).isEqualTo(1);
    assertThat(stream.stats().resyncs()).isEqualTo(1);
    assertThat(stream.stats().reconnects()).isZero();
    List<String> bumped = tickers.stream().filter(t -> epoch(t) != epochs.get(t)).toList();
    assertThat(bumped).as("books whose epoch changed").hasSize(1);
    String gapped = bumped.getFirst();
    assertThat(epoch(gapped)).isEqualTo(epochs.get(gapped) + 1);
    assertMarkedStaleThenLive(gapped, epochs.get(gapped) + 1);

    sim.step(10);
    awaitBooksEqualSimulator();
    assertThat(epochs()).containsEntry(gapped, epochs.get(gapped) + 1);
  }

  @Test
  void stream_simulatorDropsEveryConnection_allBooksStaleThenReconnectedResubscribedEqual() {
    start(PayloadGeneration.LEGACY, LevelOrder.ASCENDING);
    Map<String, Long> epochs = epochs();

    sim.disconnectKalshiWebSockets();
    await()
        .atMost(WAIT)
        .until(() -> stream.stats().reconnects() == 1 && stream.stats().connected());
    awaitBooksEqualSimulator();

    for (String t : tickers) {
      assertThat(epoch(t)).as(t).isEqualTo(epochs.get(t) + 1);
      assertMarkedStaleThenLive(t, epochs.get(t) + 1);
    }
    assertThat(sim.calls().calls("kalshi.ws")).isEqualTo(2);
    assertThat(sim.kalshiWebSocketConnections()).isEqualTo(1);

    sim.step(10);
    awaitBooksEqualSimulator();
    for (String t : tickers) {
      assertThat(epoch(t)).as(t).isEqualTo(epochs.get(t) + 1);
    }
  }

  /**
   * Documents what the stream does about a silent freeze: nothing. The connection stays open (the
   * simulator keeps pinging), no message arrives, the books age and stay labelled LIVE. Detecting
   * this is left to a watchdog on the books' ages (DESIGN §7: /health catches silent freezes).
   */
  @Test
  void stream_silentFreeze_noMessagesBooksAgeStillLiveAndConnected() {
    start(PayloadGeneration.CURRENT, LevelOrder.ASCENDING);
    long messages = stream.stats().messages();

    sim.faults().inject("kalshi.ws", Fault.freeze(), FaultTrigger.once());
    sim.step(20);
    Duration quiet = Duration.ofSeconds(1);
    await()
        .during(quiet)
        .atMost(quiet.plusSeconds(2))
        .until(() -> stream.stats().messages() == messages);

    KalshiBookStream.Stats stats = stream.stats();
    assertThat(stats.connected()).isTrue();
    assertThat(stats.gaps()).isZero();
    assertThat(stats.reconnects()).isZero();
    assertThat(sim.kalshiWebSocketConnections()).isEqualTo(1);
    assertThat(tickers)
        .as("books that fell behind the simulator")
        .anyMatch(t -> !latest(t).value().equals(sim.kalshiBook(t).orElseThrow()));
    for (String t : tickers) {
      Snapshot<BinaryBook> s = latest(t);
      assertThat(s.provenance()).as(t).isEqualTo(Provenance.LIVE);
      assertThat(s.age(Clock.system())).as(t).isGreaterThanOrEqualTo(quiet);
    }
  }

  private void awaitBooksEqualSimulator() {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              for (String t : tickers) {
                assertThat(store.latest(key(t)))
                    .as(t)
                    .hasValueSatisfying(
                        s -> {
                          assertThat(s.provenance()).isEqualTo(Provenance.LIVE);
                          assertThat(s.value()).isEqualTo(sim.kalshiBook(t).orElseThrow());
                        });
              }
            });
  }

  private void assertMarkedStaleThenLive(String ticker, long epoch) {
    List<Snapshot<BinaryBook>> inEpoch =
        store.find(key(ticker)).orElseThrow().history().stream()
            .filter(s -> s.epoch() == epoch)
            .toList();
    assertThat(inEpoch).as("%s snapshots of epoch %d", ticker, epoch).hasSizeGreaterThan(1);
    assertThat(inEpoch.getFirst().provenance()).as(ticker).isEqualTo(Provenance.STALE);
    assertThat(inEpoch.subList(1, inEpoch.size()))
        .extracting(Snapshot::provenance)
        .containsOnly(Provenance.LIVE);
  }

  private Map<String, Long> epochs() {
    Map<String, Long> out = new HashMap<>();
    tickers.forEach(t -> out.put(t, epoch(t)));
    return out;
  }

  private long epoch(String ticker) {
    return store.find(key(ticker)).orElseThrow().epoch();
  }

  private Snapshot<BinaryBook> latest(String ticker) {
    return store.latest(key(ticker)).orElseThrow();
  }

  private static MarketKey key(String ticker) {
    return new MarketKey(Venue.KALSHI, ticker);
  }
}
