package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MutableOrderBookTest {

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  @Test
  void set_absoluteSizes_replaceAndRemoveLevels() {
    MutableOrderBook book = new MutableOrderBook();

    book.set(Side.BID, dec("100"), dec("1"))
        .set(Side.BID, dec("101"), dec("2"))
        .set(Side.BID, dec("99"), dec("3"))
        .set(Side.BID, dec("100.00"), dec("5"))
        .set(Side.ASK, dec("102"), dec("1"))
        .set(Side.BID, dec("101"), dec("0"));

    assertThat(book.snapshot())
        .isEqualTo(
            OrderBook.of(
                List.of(PriceLevel.of("100", "5"), PriceLevel.of("99", "3")),
                List.of(PriceLevel.of("102", "1"))));
    assertThat(book.best(Side.BID)).contains(PriceLevel.of("100", "5"));
    assertThat(book.levelCount(Side.BID)).isEqualTo(2);
  }

  @Test
  void set_zeroAtAbsentPrice_isNoOp() {
    MutableOrderBook book = new MutableOrderBook().set(Side.ASK, dec("5"), dec("0"));

    assertThat(book.snapshot().isEmpty()).isTrue();
  }

  @Test
  void add_deltas_accumulateExactly() {
    MutableOrderBook book = new MutableOrderBook();
    for (int i = 0; i < 10; i++) {
      book.add(Side.ASK, dec("0.3"), dec("0.1"));
    }

    assertThat(book.sizeAt(Side.ASK, dec("0.30"))).isEqualTo(dec("1"));
  }

  @Test
  void add_toZeroOrBelow_removesLevelAndReturnsResult() {
    MutableOrderBook book = new MutableOrderBook().set(Side.BID, dec("10"), dec("3"));

    assertThat(book.add(Side.BID, dec("10"), dec("-3.00"))).isEqualTo(BigDecimal.ZERO);
    assertThat(book.levelCount(Side.BID)).isZero();
    assertThat(book.add(Side.BID, dec("10"), dec("-1"))).isEqualTo(dec("-1"));
    assertThat(book.levelCount(Side.BID)).isZero();
  }

  @Test
  void snapshot_unchangedBook_isSameInstanceAndChangesAfterUpdate() {
    MutableOrderBook book = new MutableOrderBook().set(Side.BID, dec("10"), dec("3"));
    OrderBook first = book.snapshot();

    assertThat(book.snapshot()).isSameAs(first);
    book.add(Side.BID, dec("10"), dec("1"));
    assertThat(book.snapshot()).isNotSameAs(first);
    assertThat(first.sizeAt(Side.BID, dec("10"))).isEqualByComparingTo("3");
    assertThat(book.snapshot().sizeAt(Side.BID, dec("10"))).isEqualByComparingTo("4");
  }

  @Test
  void snapshotDepth_thousandLevels_keepsBestN() {
    MutableOrderBook book = new MutableOrderBook();
    for (int i = 1; i <= 1000; i++) {
      book.set(Side.BID, BigDecimal.valueOf(i), BigDecimal.ONE);
      book.set(Side.ASK, BigDecimal.valueOf(1000 + i), BigDecimal.ONE);
    }

    OrderBook top = book.snapshot(3);

    assertThat(top.bids())
        .extracting(PriceLevel::price)
        .containsExactly(dec("1000"), dec("999"), dec("998"));
    assertThat(top.asks())
        .extracting(PriceLevel::price)
        .containsExactly(dec("1001"), dec("1002"), dec("1003"));
    assertThat(book.snapshot().depth(3)).isEqualTo(top);
    assertThat(book.snapshot(3)).isEqualTo(top);
  }

  @Test
  void of_immutableBook_startsFromItsLevels() {
    OrderBook start =
        OrderBook.of(
            List.of(PriceLevel.of("1", "1"), PriceLevel.of("2", "2")),
            List.of(PriceLevel.of("3", "3")));
    MutableOrderBook book = MutableOrderBook.of(start);

    assertThat(book.snapshot()).isSameAs(start);
    book.add(Side.BID, dec("1.5"), dec("7"));
    assertThat(book.snapshot().bids())
        .extracting(PriceLevel::price)
        .containsExactly(dec("2"), dec("1.5"), dec("1"));
    assertThat(book.clear().snapshot().isEmpty()).isTrue();
  }

  @Test
  void setAndAdd_badInput_isRejected() {
    MutableOrderBook book = new MutableOrderBook();

    assertThatThrownBy(() -> book.set(Side.BID, dec("1"), dec("-1")))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("size must be zero or positive but was -1");
    assertThatThrownBy(() -> book.add(Side.BID, dec("0"), dec("-1")))
        .isInstanceOf(ModelException.class)
        .hasMessage("MutableOrderBook: price must be positive but was 0");
    assertThatThrownBy(() -> book.add(null, dec("1"), dec("1")))
        .isInstanceOf(ModelException.class)
        .hasMessage("MutableOrderBook: side is missing");
  }

  /** One update: side, price in cents, size or delta in hundredths, absolute or delta. */
  record Update(Side side, int priceCents, int amount, boolean delta) {}

  @Provide
  Arbitrary<List<Update>> updates() {
    Arbitrary<Update> update =
        Combinators.combine(
                Arbitraries.of(Side.class),
                Arbitraries.integers().between(1, 60),
                Arbitraries.integers().between(-300, 300),
                Arbitraries.of(true, false))
            .as(Update::new);
    return update.list().ofMaxSize(300);
  }

  @Property(tries = 300)
  void updates_anySequence_matchTreeMapModel(@ForAll("updates") List<Update> updates) {
    MutableOrderBook book = new MutableOrderBook();
    Map<Side, TreeMap<BigDecimal, BigDecimal>> model =
        Map.of(
            Side.BID, new TreeMap<>(Comparator.reverseOrder()),
            Side.ASK, new TreeMap<>());

    for (Update u : updates) {
      BigDecimal price = BigDecimal.valueOf(u.priceCents(), 2);
      BigDecimal amount = BigDecimal.valueOf(u.amount(), 2);
      TreeMap<BigDecimal, BigDecimal> side = model.get(u.side());
      if (u.delta()) {
        BigDecimal result = side.getOrDefault(price, BigDecimal.ZERO).add(amount);
        if (result.signum() > 0) {
          side.put(price, result);
        } else {
          side.remove(price);
        }
        assertThat(book.add(u.side(), price, amount)).isEqualByComparingTo(result);
      } else {
        BigDecimal size = amount.abs();
        if (size.signum() > 0) {
          side.put(price, size);
        } else {
          side.remove(price);
        }
        book.set(u.side(), price, size);
      }
    }

    assertThat(book.snapshot())
        .isEqualTo(OrderBook.of(levels(model.get(Side.BID)), levels(model.get(Side.ASK))));
    assertThat(book.snapshot().bids()).isEqualTo(levels(model.get(Side.BID)));
    assertThat(book.snapshot().asks()).isEqualTo(levels(model.get(Side.ASK)));
  }

  private static List<PriceLevel> levels(TreeMap<BigDecimal, BigDecimal> side) {
    List<PriceLevel> levels = new ArrayList<>();
    side.forEach((price, size) -> levels.add(new PriceLevel(price, size)));
    return levels;
  }
}
