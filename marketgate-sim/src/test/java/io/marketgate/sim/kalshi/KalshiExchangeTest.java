package io.marketgate.sim.kalshi;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.model.BinaryBook;
import io.marketgate.model.BinarySide;
import io.marketgate.model.MutableBinaryBook;
import io.marketgate.sim.slate.Game;
import io.marketgate.sim.slate.Slate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KalshiExchangeTest {

  static final Slate SLATE = Slate.generate(LocalDate.of(2026, 1, 9), 21, 4);

  @Test
  void catalog_tickers_followTheDocumentedGrammar() {
    KalshiCatalog catalog = new KalshiCatalog(SLATE);
    Game g = SLATE.games().get(0);
    String suffix = "26JAN09" + g.away().code() + g.home().code();
    assertThat(catalog.event("KXNBAGAME-" + suffix)).isPresent();
    assertThat(catalog.event("KXNBAGAME-" + suffix).orElseThrow().title())
        .isEqualTo(g.away().city() + " at " + g.home().city());
    assertThat(catalog.market("KXNBAGAME-" + suffix + "-" + g.home().code())).isPresent();
    assertThat(catalog.event("KXNBASPREAD-" + suffix).orElseThrow().markets()).hasSize(10);
    assertThat(catalog.event("KXNBATOTAL-" + suffix).orElseThrow().markets()).hasSize(11);
    assertThat(catalog.markets()).hasSize(4 * 23);
    KalshiCatalog.Market spread =
        catalog.event("KXNBASPREAD-" + suffix).orElseThrow().markets().get(1);
    assertThat(spread.ticker())
        .isEqualTo("KXNBASPREAD-" + suffix + "-" + g.favorite().code() + "6");
    assertThat(spread.floorStrike()).isEqualTo(5.5);
    assertThat(spread.trueProbability()).isEqualTo(g.winsByMoreThan(g.favorite(), 5.5));
  }

  @Test
  void step_manySteps_booksNeverCrossAndStayNearTruth() {
    KalshiExchange exchange = new KalshiExchange(new KalshiCatalog(SLATE), 21, false);
    for (int i = 0; i < 500; i++) {
      exchange.step();
    }
    for (KalshiCatalog.Market m : exchange.catalog().markets()) {
      BinaryBook book = exchange.book(m.ticker()).orElseThrow();
      assertThat(book.isCrossed()).isFalse();
      book.yesMid()
          .ifPresent(
              mid ->
                  assertThat(mid.doubleValue())
                      .isCloseTo(m.trueProbability(), org.assertj.core.data.Offset.offset(0.12)));
    }
  }

  @Test
  void step_deltas_replayedOnSnapshot_giveTheSameBook() {
    KalshiExchange exchange = new KalshiExchange(new KalshiCatalog(SLATE), 21, false);
    List<String> tickers =
        exchange.catalog().markets().stream().map(KalshiCatalog.Market::ticker).toList();
    Map<String, MutableBinaryBook> replica = new HashMap<>();
    tickers.forEach(t -> replica.put(t, MutableBinaryBook.of(exchange.book(t).orElseThrow())));
    for (int i = 0; i < 100; i++) {
      for (KalshiExchange.BookDelta d : exchange.step()) {
        replica.get(d.ticker()).add(d.side(), BigDecimal.valueOf(d.cents(), 2), d.delta());
      }
    }
    for (String t : tickers) {
      assertThat(replica.get(t).snapshot()).isEqualTo(exchange.book(t).orElseThrow());
    }
    assertThat(exchange.steps()).isEqualTo(100);
    assertThat(BinarySide.values()).hasSize(2);
  }

  @Test
  void wholeSizes_legacy_sizesAndDeltasAreIntegers() {
    KalshiExchange exchange = new KalshiExchange(new KalshiCatalog(SLATE), 21, true);
    for (int i = 0; i < 50; i++) {
      assertThat(exchange.step())
          .allSatisfy(
              d -> assertThat(d.delta().stripTrailingZeros().scale()).isLessThanOrEqualTo(0));
    }
  }
}
