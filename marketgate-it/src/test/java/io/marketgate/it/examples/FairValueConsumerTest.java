package io.marketgate.it.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.cache.ManualClock;
import io.marketgate.cache.SnapshotStore;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairValueConsumerTest {

  private final ManualClock clock = new ManualClock();
  private final SnapshotStore<OrderBook> crypto =
      SnapshotStore.<OrderBook>builder("binance:BTCUSDT").clock(clock).build();
  private final SnapshotStore<BinaryBook> market =
      SnapshotStore.<BinaryBook>builder("kalshi:KXBTC").clock(clock).build();
  private final FairValueConsumer consumer =
      new FairValueConsumer(
          crypto, market, clock, Duration.ofSeconds(1), Duration.ofMillis(500), 65_000, 100);

  private static OrderBook btc(String bid, String ask) {
    return OrderBook.of(List.of(PriceLevel.of(bid, "1")), List.of(PriceLevel.of(ask, "1")));
  }

  private static BinaryBook yes(String bid, String noBid) {
    return BinaryBook.of(List.of(PriceLevel.of(bid, "10")), List.of(PriceLevel.of(noBid, "10")));
  }

  @Test
  void tick_bothFresh_actsWithTheFairValueAndTheMarketMid() {
    crypto.publish(btc("65099", "65101"));
    market.publish(yes("0.70", "0.26"));

    FairValueConsumer.Decision d = consumer.tick();

    assertThat(d).isInstanceOf(FairValueConsumer.Act.class);
    FairValueConsumer.Act act = (FairValueConsumer.Act) d;
    assertThat(act.fairYes())
        .isCloseTo(1 / (1 + Math.exp(-1)), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(act.marketYesMid()).isEqualTo(0.72);
    assertThat(act.cryptoSeq()).isEqualTo(1);
  }

  @Test
  void tick_cryptoOlderThanOneSecond_refusesNamingIt() {
    crypto.publish(btc("65099", "65101"));
    clock.advance(Duration.ofMillis(900));
    market.publish(yes("0.70", "0.26"));
    clock.advance(Duration.ofMillis(200));

    FairValueConsumer.Decision d = consumer.tick();

    assertThat(d).isInstanceOf(FairValueConsumer.Refuse.class);
    assertThat(((FairValueConsumer.Refuse) d).reason())
        .startsWith("binance:BTCUSDT: live, 1100 ms old");
  }

  @Test
  void tick_marketMarkedStale_refusesAtOnceWhateverItsAge() {
    crypto.publish(btc("65099", "65101"));
    market.publish(yes("0.70", "0.26"));
    market.markStale();

    FairValueConsumer.Decision d = consumer.tick();

    assertThat(((FairValueConsumer.Refuse) d).reason()).startsWith("kalshi:KXBTC: stale");
  }

  @Test
  void tick_nothingPublished_refuses() {
    assertThat(consumer.tick())
        .isEqualTo(new FairValueConsumer.Refuse("binance:BTCUSDT: nothing published yet"));
  }
}
