package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class OrderBookTest {

  private static final List<PriceLevel> BIDS_ASCENDING =
      List.of(level("99.5", "3"), level("100.0", "1.5"), level("100.5", "2"));
  private static final List<PriceLevel> ASKS_ASCENDING =
      List.of(level("101", "4"), level("101.5", "1"), level("102", "7"));

  private static PriceLevel level(String price, String size) {
    return PriceLevel.of(price, size);
  }

  private static BigDecimal dec(String value) {
    return new BigDecimal(value);
  }

  private static OrderBook book() {
    return OrderBook.of(BIDS_ASCENDING, ASKS_ASCENDING);
  }

  @Test
  void of_ascendingDescendingAndShuffledLevels_giveTheSameBook() {
    List<PriceLevel> bidsDescending = new ArrayList<>(BIDS_ASCENDING);
    Collections.reverse(bidsDescending);
    List<PriceLevel> asksDescending = new ArrayList<>(ASKS_ASCENDING);
    Collections.reverse(asksDescending);
    List<PriceLevel> bidsShuffled =
        List.of(BIDS_ASCENDING.get(1), BIDS_ASCENDING.get(2), BIDS_ASCENDING.get(0));
    List<PriceLevel> asksShuffled =
        List.of(ASKS_ASCENDING.get(2), ASKS_ASCENDING.get(0), ASKS_ASCENDING.get(1));

    OrderBook ascending = OrderBook.of(BIDS_ASCENDING, ASKS_ASCENDING);
    OrderBook descending = OrderBook.of(bidsDescending, asksDescending);
    OrderBook shuffled = OrderBook.of(bidsShuffled, asksShuffled);

    assertThat(descending).isEqualTo(ascending).hasSameHashCodeAs(ascending);
    assertThat(shuffled).isEqualTo(ascending);
    assertThat(ascending.bids())
        .extracting(PriceLevel::price)
        .containsExactly(dec("100.5"), dec("100"), dec("99.5"));
    assertThat(ascending.asks())
        .extracting(PriceLevel::price)
        .containsExactly(dec("101"), dec("101.5"), dec("102"));
  }

  @Test
  void bestBidAndBestAsk_anyInputOrder_areMaxBidAndMinAsk() {
    OrderBook book = book();

    assertThat(book.bestBid()).contains(level("100.5", "2"));
    assertThat(book.bestAsk()).contains(level("101", "4"));
    assertThat(book.best(Side.BID)).isEqualTo(book.bestBid());
    assertThat(book.best(Side.ASK)).isEqualTo(book.bestAsk());
  }

  @Test
  void midAndSpread_twoSidedBook_areExact() {
    OrderBook book = book();

    assertThat(book.mid()).contains(dec("100.75"));
    assertThat(book.spread()).contains(dec("0.5"));
    assertThat(book.isCrossed()).isFalse();
  }

  @Test
  void midAndSpread_oneSidedOrEmptyBook_areEmpty() {
    OrderBook bidsOnly = OrderBook.of(BIDS_ASCENDING, List.of());

    assertThat(bidsOnly.mid()).isEmpty();
    assertThat(bidsOnly.spread()).isEmpty();
    assertThat(bidsOnly.bestAsk()).isEmpty();
    assertThat(OrderBook.empty().isEmpty()).isTrue();
    assertThat(OrderBook.empty().bestBid()).isEmpty();
  }

  @Test
  void sizeAt_presentAndAbsentPrices_givesSizeOrZero() {
    OrderBook book = book();

    assertThat(book.sizeAt(Side.BID, dec("100.00"))).isEqualByComparingTo("1.5");
    assertThat(book.sizeAt(Side.ASK, dec("101.5"))).isEqualByComparingTo("1");
    assertThat(book.sizeAt(Side.BID, dec("101"))).isEqualByComparingTo("0");
    assertThat(book.sizeAt(Side.ASK, dec("1000"))).isEqualByComparingTo("0");
  }

  @Test
  void totalSize_firstNLevels_sumsBestLevels() {
    OrderBook book = book();

    assertThat(book.totalSize(Side.BID, 2)).isEqualByComparingTo("3.5");
    assertThat(book.totalSize(Side.ASK, 1)).isEqualByComparingTo("4");
    assertThat(book.totalSize(Side.ASK, 10)).isEqualByComparingTo("12");
    assertThat(book.totalSize(Side.ASK, 0)).isEqualByComparingTo("0");
    assertThatThrownBy(() -> book.totalSize(Side.ASK, -1))
        .isInstanceOf(ModelException.class)
        .hasMessage("level count must be zero or positive but was -1");
  }

  @Test
  void sizeAtOrBetter_limitPrice_sumsLevelsUpToLimit() {
    OrderBook book = book();

    assertThat(book.sizeAtOrBetter(Side.ASK, dec("101.5"))).isEqualByComparingTo("5");
    assertThat(book.sizeAtOrBetter(Side.ASK, dec("100.9"))).isEqualByComparingTo("0");
    assertThat(book.sizeAtOrBetter(Side.BID, dec("99.75"))).isEqualByComparingTo("3.5");
  }

  @Test
  void depth_n_keepsBestNLevelsPerSide() {
    OrderBook top = book().depth(1);

    assertThat(top.bids()).containsExactly(level("100.5", "2"));
    assertThat(top.asks()).containsExactly(level("101", "4"));
    assertThat(book().depth(3)).isEqualTo(book());
    assertThat(book().depth(0).isEmpty()).isTrue();
  }

  @Test
  void of_duplicatePrices_areSummed() {
    OrderBook book =
        OrderBook.of(List.of(level("10", "1"), level("9", "2"), level("10.00", "0.5")), List.of());

    assertThat(book.bids()).containsExactly(level("10", "1.5"), level("9", "2"));
  }

  @Test
  void of_zeroSizeLevels_areDropped() {
    OrderBook book =
        OrderBook.of(List.of(level("10", "0"), level("9", "2")), List.of(level("11", "0")));

    assertThat(book.bids()).containsExactly(level("9", "2"));
    assertThat(book.asks()).isEmpty();
    assertThat(book.levelCount(Side.BID)).isEqualTo(1);
  }

  @Test
  void of_crossedLevels_isAcceptedAndFlagged() {
    OrderBook book = OrderBook.of(List.of(level("10", "1")), List.of(level("9.5", "1")));

    assertThat(book.isCrossed()).isTrue();
    assertThat(book.spread()).contains(dec("-0.5"));
  }

  @Test
  void of_missingLevel_namesSideAndIndex() {
    List<PriceLevel> withNull = new ArrayList<>();
    withNull.add(level("1", "1"));
    withNull.add(null);

    assertThatThrownBy(() -> OrderBook.of(List.of(), withNull))
        .isInstanceOf(ModelException.class)
        .hasMessage("OrderBook: ASK level at index 1 is missing");
    assertThatThrownBy(() -> OrderBook.of(null, List.of()))
        .isInstanceOf(ModelException.class)
        .hasMessage("OrderBook: BID levels are missing");
  }

  @Test
  void bids_returnedList_isUnmodifiable() {
    assertThatThrownBy(() -> book().bids().set(0, level("1", "1")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toString_book_listsLevelsBestFirst() {
    assertThat(OrderBook.of(List.of(level("1.0", "2")), List.of(level("1.5", "3.00"))))
        .hasToString("OrderBook{bids=[1 x 2], asks=[1.5 x 3]}");
  }

  @Property(tries = 200)
  void of_anyPermutation_givesTheSameSortedBook(
      @ForAll @Size(max = 60) List<@IntRange(min = 1, max = 500) Integer> bidTicks,
      @ForAll @Size(max = 60) List<@IntRange(min = 501, max = 1000) Integer> askTicks,
      @ForAll long seed) {
    List<PriceLevel> bids = ticksToLevels(bidTicks);
    List<PriceLevel> asks = ticksToLevels(askTicks);
    List<PriceLevel> shuffledBids = new ArrayList<>(bids);
    List<PriceLevel> shuffledAsks = new ArrayList<>(asks);
    Collections.shuffle(shuffledBids, new Random(seed));
    Collections.shuffle(shuffledAsks, new Random(seed + 1));

    OrderBook book = OrderBook.of(bids, asks);

    assertThat(OrderBook.of(shuffledBids, shuffledAsks)).isEqualTo(book);
    assertThat(book.bids()).isSortedAccordingTo((a, b) -> b.price().compareTo(a.price()));
    assertThat(book.asks()).isSortedAccordingTo((a, b) -> a.price().compareTo(b.price()));
    assertThat(book.totalSize(Side.BID, Integer.MAX_VALUE))
        .isEqualByComparingTo(
            bids.stream().map(PriceLevel::size).reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  /** Levels at tick/100 with size tick/10, duplicates included. */
  private static List<PriceLevel> ticksToLevels(List<Integer> ticks) {
    List<PriceLevel> levels = new ArrayList<>();
    for (int tick : ticks) {
      levels.add(new PriceLevel(BigDecimal.valueOf(tick, 2), BigDecimal.valueOf(tick, 1)));
    }
    return levels;
  }
}
