package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutableBinaryBookTest {

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  @Test
  void snapshotThenDeltas_kalshiStyle_giveExpectedBook() {
    BinaryBook start =
        BinaryBook.of(
            List.of(PriceLevel.of("0.45", "100"), PriceLevel.of("0.47", "30")),
            List.of(PriceLevel.of("0.50", "20"), PriceLevel.of("0.52", "10")));
    MutableBinaryBook book = MutableBinaryBook.of(start);

    book.add(BinarySide.YES, dec("0.4700"), dec("-30.00"));
    book.add(BinarySide.NO, dec("0.53"), dec("5.50"));
    book.add(BinarySide.YES, dec("0.45"), dec("-0.25"));

    BinaryBook now = book.snapshot();
    assertThat(now.bestYesBid()).contains(PriceLevel.of("0.45", "99.75"));
    assertThat(now.yesAsk()).contains(PriceLevel.of("0.47", "5.5"));
    assertThat(now.noAsk()).contains(PriceLevel.of("0.55", "99.75"));
    assertThat(start.bestYesBid()).contains(PriceLevel.of("0.47", "30"));
  }

  @Test
  void set_absoluteSize_replacesAndZeroRemoves() {
    MutableBinaryBook book = new MutableBinaryBook();

    book.set(BinarySide.NO, dec("0.2"), dec("4")).set(BinarySide.NO, dec("0.2"), dec("6"));
    assertThat(book.sizeAt(BinarySide.NO, dec("0.20"))).isEqualByComparingTo("6");
    book.set(BinarySide.NO, dec("0.2"), BigDecimal.ZERO);
    assertThat(book.levelCount(BinarySide.NO)).isZero();
    assertThat(book.bestBid(BinarySide.NO)).isEmpty();
  }

  @Test
  void snapshot_unchanged_isSameInstanceAndDepthTruncates() {
    MutableBinaryBook book =
        new MutableBinaryBook()
            .set(BinarySide.YES, dec("0.1"), dec("1"))
            .set(BinarySide.YES, dec("0.2"), dec("1"));

    assertThat(book.snapshot()).isSameAs(book.snapshot());
    assertThat(book.snapshot(1).yesBids()).containsExactly(PriceLevel.of("0.2", "1"));
    assertThat(book.clear().snapshot()).isEqualTo(BinaryBook.empty());
  }

  @Test
  void add_priceOutsideZeroOne_isRejected() {
    MutableBinaryBook book = new MutableBinaryBook();

    assertThatThrownBy(() -> book.add(BinarySide.YES, dec("1"), dec("1")))
        .isInstanceOf(ModelException.class)
        .hasMessage("BinaryBook: YES bid price must be strictly between 0 and 1 dollar but was 1");
    assertThatThrownBy(() -> book.set(BinarySide.NO, dec("0"), dec("1")))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("NO bid price");
  }
}
