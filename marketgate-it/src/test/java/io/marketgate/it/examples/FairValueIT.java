package io.marketgate.it.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketgate.cache.Clock;
import io.marketgate.cache.SnapshotStore;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.MarketKey;
import io.marketgate.model.OrderBook;
import io.marketgate.model.Venue;
import io.marketgate.server.Gateway;
import io.marketgate.server.config.GatewayConfig;
import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fair-value example at 20 Hz against the demo gateway's caches (Binance BTCUSDT and a Kalshi
 * game book): it acts while both are fresh and refuses while Binance reconnects.
 */
class FairValueIT {

  @TempDir Path dir;

  @Test
  void consumer_at20Hz_actsWhenFreshAndRefusesWhileBinanceIsDown() throws Exception {
    try (VenueSimulator sim =
            VenueSimulator.start(
                SimConfig.builder()
                    .port(0)
                    .seed(9)
                    .gameCount(2)
                    .tickInterval(Duration.ofMillis(100))
                    .build());
        Gateway gateway = Gateway.start(GatewayConfig.demo(sim).port(0).dataDir(dir).build())) {
      ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
      try {
        String ticker =
            sim.kalshiMarketTickers().stream()
                .filter(t -> t.startsWith("KXNBAGAME-"))
                .findFirst()
                .orElseThrow();
        MarketKey kalshi = new MarketKey(Venue.KALSHI, ticker);
        MarketKey btc = new MarketKey(Venue.BINANCE, "BTCUSDT");
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    gateway.data().books().latest(kalshi).isPresent()
                        && gateway.data().orderBooks().latest(btc).isPresent());
        SnapshotStore<OrderBook> crypto = gateway.data().orderBooks().store(btc);
        // Kalshi game books change only when the simulator walks them: a looser window.
        SnapshotStore<BinaryBook> market = gateway.data().books().store(kalshi);
        FairValueConsumer consumer =
            new FairValueConsumer(
                crypto,
                market,
                Clock.system(),
                Duration.ofSeconds(1),
                Duration.ofMinutes(5),
                65_000,
                50);
        List<FairValueConsumer.Decision> seen = new CopyOnWriteArrayList<>();
        long started = System.nanoTime();
        var task = consumer.runAt(executor, Duration.ofMillis(50), seen::add);

        await().atMost(Duration.ofSeconds(10)).until(() -> acts(seen) >= 10);
        sim.binance().disconnectWebSockets();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    seen.stream()
                        .anyMatch(
                            d ->
                                d instanceof FairValueConsumer.Refuse r
                                    && r.reason().startsWith(crypto.name())));
        int before = acts(seen);
        await().atMost(Duration.ofSeconds(20)).until(() -> acts(seen) > before + 10);
        task.cancel(false);
        double seconds = (System.nanoTime() - started) / 1e9;

        // A fixed rate of 20 a second: never more, and not far fewer on a loaded machine.
        assertThat(seen.size()).isLessThanOrEqualTo((int) (seconds * 20) + 2);
        assertThat(seen.size()).isGreaterThanOrEqualTo((int) (seconds * 20 * 0.5));
      } finally {
        executor.shutdownNow();
      }
    }
  }

  private static int acts(List<FairValueConsumer.Decision> seen) {
    return (int) seen.stream().filter(d -> d instanceof FairValueConsumer.Act).count();
  }
}
