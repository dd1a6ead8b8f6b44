package io.marketgate.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.cache.ManualClock;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.MarketKey;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Venue;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketDataTest {

  @Test
  void create_withSizes_keepsThatMuchHistoryAndMidsPerBook() {
    MarketData data = MarketData.create(new ManualClock(), 3, 5);
    MarketKey key = new MarketKey(Venue.KALSHI, "KXNBAGAME-26JAN09TORBOS-TOR");
    for (int i = 0; i < 10; i++) {
      String bid = "0.4" + i;
      data.books()
          .publish(
              key,
              BinaryBook.of(
                  List.of(PriceLevel.of(bid, "10")), List.of(PriceLevel.of("0.50", "10"))));
    }

    assertThat(data.books().store(key).history()).hasSize(3);
    assertThat(data.books().store(key).points()).hasSize(5);
  }
}
