package io.marketgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import io.marketgate.model.MarketKey;
import io.marketgate.model.OrderBook;
import io.marketgate.model.Venue;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import io.marketgate.sim.polymarket.PolymarketLevelOrder;
import io.marketgate.sim.polymarket.PolymarketSettings;
import io.marketgate.sim.polymarket.PriceChangeSchema;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.polymarket.PolymarketBookStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PolymarketBookStream keeps our books equal to the simulator's over the market channel whatever
 * the level order and schema generation; a silent freeze is caught within the watchdog window, the
 * books are marked stale and come back equal to the venue's after the re-sync; a lost message is
 * caught by the top-of-book check or the periodic re-sync.
 */
class PolymarketBookStreamIT {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private VenueSimulator sim;
  private KeyedSnapshotStore<MarketKey, OrderBook> store;
  private PolymarketBookStream stream;
  private List<String> assets;

  private void start(PolymarketSettings settings, Duration window, Duration resync) {
    start(settings, window, resync, Duration.ZERO);
  }

  private void start(PolymarketSettings settings, Duration window, Duration resync, Duration tick) {
    sim = VenueSimulator.start(c -> c.seed(5).gameCount(1).polymarket(settings).tickInterval(tick));
    assets = sim.polymarket().assetIds();
    store =
        KeyedSnapshotStore.<MarketKey, OrderBook>builder("polymarket-books")
            .source("polymarket.ws")
            .historySize(512)
            .build();
    UpstreamClient client =
        UpstreamClient.builder("polymarket", sim.polymarketBaseUri())
            .budget(TokenBucketBudget.create(BudgetConfig.polymarketClob()))
            .build();
    stream =
        PolymarketBookStream.builder(client, sim.polymarketWsUri(), store)
            .assets(assets)
            .silenceWindow(window)
            .resyncInterval(resync)
            .backoff(Duration.ofMillis(50), Duration.ofMillis(200))
            .build();
    stream.start();
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

  private static MarketKey key(String asset) {
    return new MarketKey(Venue.POLYMARKET, asset);
  }

  private boolean equalsSimulator(String asset) {
    return store
        .latest(key(asset))
        .filter(s -> s.provenance() == Provenance.LIVE)
        .map(s -> s.value().equals(sim.polymarket().book(asset).orElseThrow()))
        .orElse(false);
  }

  private void awaitBooksEqualSimulator() {
    await().atMost(WAIT).until(() -> assets.stream().allMatch(this::equalsSimulator));
  }

  @ParameterizedTest
  @CsvSource({"WIRE, CURRENT, false", "DOCUMENTED, LEGACY, false", "SHUFFLED, CURRENT, true"})
  void stream_anyLevelOrderAndSchema_booksFollowTheVenue(
      PolymarketLevelOrder order, PriceChangeSchema schema, boolean buysSells) {
    start(
        new PolymarketSettings(6, order, schema, buysSells, true),
        Duration.ofSeconds(30),
        Duration.ofMinutes(10));

    for (int i = 0; i < 10; i++) {
      sim.step(10);
      awaitBooksEqualSimulator();
    }

    assertThat(stream.stats().priceChanges()).isGreaterThan(50);
    assertThat(stream.stats().malformed()).isZero();
    assertThat(stream.stats().topMismatches()).isZero();
    assertThat(stream.stats().corrections()).isZero();
  }

  @Test
  void freeze_caughtWithinWindow_staleThenEqualToVenueAfterResync() {
    Duration window = Duration.ofSeconds(1);
    // The venue ticks every 100 ms, so no book is silent for a second unless the stream froze.
    start(PolymarketSettings.defaults(), window, Duration.ofMinutes(10), Duration.ofMillis(100));
    long before = stream.stats().priceChanges();
    await().atMost(WAIT).until(() -> stream.stats().priceChanges() > before + 40);
    assertThat(stream.stats().silences()).isZero();
    Map<String, Long> epochs = new ConcurrentHashMap<>();
    assets.forEach(a -> epochs.put(a, store.latest(key(a)).orElseThrow().epoch()));
    Map<String, Long> staleAt = new ConcurrentHashMap<>();
    store.addListener(
        (k, s) -> {
          if (s.provenance() == Provenance.STALE) {
            staleAt.putIfAbsent(k.ticker(), System.nanoTime());
          }
        });

    sim.faults().inject("polymarket.ws", Fault.freeze(), FaultTrigger.once());
    long frozenAt = System.nanoTime();
    await().atMost(WAIT).until(() -> assets.stream().anyMatch(a -> !equalsSimulator(a)));

    await().atMost(WAIT).until(() -> staleAt.keySet().containsAll(assets));
    for (String a : assets) {
      // Within the window plus one watchdog tick (a fifth of the window) and scheduling slack.
      Duration detected = Duration.ofNanos(staleAt.get(a) - frozenAt);
      assertThat(detected).isLessThan(window.plus(Duration.ofMillis(700)));
    }
    long recovering = System.nanoTime();
    awaitBooksEqualSimulator();
    for (String a : assets) {
      Snapshot<OrderBook> now = store.latest(key(a)).orElseThrow();
      assertThat(now.epoch()).isGreaterThan(epochs.get(a));
    }
    // The first silent token proves the freeze (REST moved, the stream said nothing): the
    // connection is replaced and the other books are marked stale by the reconnect.
    assertThat(stream.stats().silences()).isGreaterThanOrEqualTo(1);
    assertThat(stream.stats().reconnects()).isGreaterThanOrEqualTo(1);
    System.out.printf(
        "PolymarketBookStreamIT: freeze detected after %s ms (window %d ms); books equal to the"
            + " venue again %d ms later; %s%n",
        assets.stream()
            .map(a -> Long.toString((staleAt.get(a) - frozenAt) / 1_000_000))
            .sorted()
            .toList(),
        window.toMillis(),
        (System.nanoTime() - recovering) / 1_000_000,
        stream.stats());
  }

  @Test
  void lostMessage_caughtByTopCheckOrPeriodicResync_bookEqualsVenueAgain() {
    start(
        new PolymarketSettings(
            4, PolymarketLevelOrder.WIRE, PriceChangeSchema.CURRENT, false, true),
        Duration.ofSeconds(30),
        Duration.ofSeconds(2));
    await().atMost(WAIT).until(() -> stream.stats().resyncCalls() >= 1);

    sim.faults().inject("polymarket.ws", Fault.sequenceGap(), FaultTrigger.once());
    sim.step(1);

    awaitBooksEqualSimulator();
    await()
        .atMost(WAIT)
        .until(() -> stream.stats().topMismatches() + stream.stats().corrections() >= 1);
    awaitBooksEqualSimulator();
  }
}
