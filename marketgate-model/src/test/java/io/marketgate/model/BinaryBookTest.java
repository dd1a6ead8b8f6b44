package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryBookTest {

  /** The reference's orderbook_fp example: yes [[0.45,100],[0.47,30]], no [[0.50,20],[0.52,10]]. */
  private static BinaryBook kalshiExample() {
    return BinaryBook.of(
        List.of(PriceLevel.of("0.4500", "100.00"), PriceLevel.of("0.4700", "30.00")),
        List.of(PriceLevel.of("0.5000", "20.00"), PriceLevel.of("0.5200", "10.00")));
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  @Test
  void kalshiExample_bestBidsAndImpliedAsks_matchReference() {
    BinaryBook book = kalshiExample();

    assertThat(book.bestYesBid()).contains(PriceLevel.of("0.47", "30"));
    assertThat(book.bestNoBid()).contains(PriceLevel.of("0.52", "10"));
    assertThat(book.yesAsk()).contains(PriceLevel.of("0.48", "10"));
    assertThat(book.noAsk()).contains(PriceLevel.of("0.53", "30"));
  }

  @Test
  void yesMidAndSpread_kalshiExample_areExact() {
    BinaryBook book = kalshiExample();

    assertThat(book.yesMid()).contains(dec("0.475"));
    assertThat(book.yesSpread()).contains(dec("0.01"));
    assertThat(book.isCrossed()).isFalse();
  }

  @Test
  void of_levelsInAnyOrder_giveTheSameBook() {
    BinaryBook descending =
        BinaryBook.of(
            List.of(PriceLevel.of("0.47", "30"), PriceLevel.of("0.45", "100")),
            List.of(PriceLevel.of("0.52", "10"), PriceLevel.of("0.50", "20")));

    assertThat(descending).isEqualTo(kalshiExample()).hasSameHashCodeAs(kalshiExample());
  }

  @Test
  void yesBook_kalshiExample_hasNoBidsAsComplementAsks() {
    OrderBook yes = kalshiExample().yesBook();

    assertThat(yes.bids())
        .containsExactly(PriceLevel.of("0.47", "30"), PriceLevel.of("0.45", "100"));
    assertThat(yes.asks()).containsExactly(PriceLevel.of("0.48", "10"), PriceLevel.of("0.5", "20"));
    assertThat(kalshiExample().yesBook()).isEqualTo(yes);
  }

  @Test
  void noBook_kalshiExample_hasYesBidsAsComplementAsks() {
    OrderBook no = kalshiExample().noBook();

    assertThat(no.bestBid()).contains(PriceLevel.of("0.52", "10"));
    assertThat(no.asks())
        .containsExactly(PriceLevel.of("0.53", "30"), PriceLevel.of("0.55", "100"));
  }

  @Test
  void impliedAsks_emptyOppositeSide_areEmpty() {
    BinaryBook yesOnly = BinaryBook.of(List.of(PriceLevel.of("0.4", "1")), List.of());

    assertThat(yesOnly.yesAsk()).isEmpty();
    assertThat(yesOnly.noAsk()).contains(PriceLevel.of("0.6", "1"));
    assertThat(yesOnly.yesMid()).isEmpty();
    assertThat(BinaryBook.empty().isEmpty()).isTrue();
  }

  @Test
  void of_priceOutsideZeroOne_isRejected() {
    assertThatThrownBy(() -> BinaryBook.of(List.of(PriceLevel.of("1.00", "1")), List.of()))
        .isInstanceOf(ModelException.class)
        .hasMessage("BinaryBook: YES bid price must be strictly between 0 and 1 dollar but was 1");
    assertThatThrownBy(() -> BinaryBook.of(List.of(), List.of(PriceLevel.of("45", "1"))))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("NO bid price");
  }

  @Test
  void isCrossed_bidsSummingToOneOrMore_isTrue() {
    BinaryBook crossed =
        BinaryBook.of(List.of(PriceLevel.of("0.6", "1")), List.of(PriceLevel.of("0.45", "1")));

    assertThat(crossed.isCrossed()).isTrue();
    assertThat(crossed.yesSpread()).contains(dec("-0.05"));
  }

  @Test
  void sizeAtAndDepth_kalshiExample_readSides() {
    BinaryBook book = kalshiExample();

    assertThat(book.sizeAt(BinarySide.NO, dec("0.5"))).isEqualByComparingTo("20");
    assertThat(book.sizeAt(BinarySide.YES, dec("0.46"))).isEqualByComparingTo("0");
    assertThat(book.depth(1).yesBids()).containsExactly(PriceLevel.of("0.47", "30"));
    assertThat(book.depth(1).noBids()).containsExactly(PriceLevel.of("0.52", "10"));
    assertThat(book.bids(BinarySide.YES)).isEqualTo(book.yesBids());
  }

  @Test
  void toString_kalshiExample_listsBidsBestFirst() {
    assertThat(kalshiExample())
        .hasToString("BinaryBook{yes=[0.47 x 30, 0.45 x 100], no=[0.52 x 10, 0.5 x 20]}");
  }
}
