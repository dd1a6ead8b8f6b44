package io.marketgate.upstream.polymarket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.model.PriceLevel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The book parser never depends on the order of levels on the wire. */
class PolymarketJsonPropertiesTest {

  @Property(tries = 300)
  void book_anyLevelOrder_sameBookAndBestIsExtreme(
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 99) Integer> bidCents,
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 1, max = 99) Integer> askCents,
      @ForAll long seed) {
    List<ObjectNode> bids = levels(bidCents);
    List<ObjectNode> asks = levels(askCents);
    PolymarketBook sorted = PolymarketJson.book(book(bids, asks, false));
    Collections.shuffle(bids, new Random(seed));
    Collections.shuffle(asks, new Random(seed + 1));
    PolymarketBook shuffled = PolymarketJson.book(book(bids, asks, seed % 2 == 0));

    assertThat(shuffled.book()).isEqualTo(sorted.book());
    BigDecimal maxBid = cents(bidCents.stream().max(Integer::compare).orElseThrow());
    BigDecimal minAsk = cents(askCents.stream().min(Integer::compare).orElseThrow());
    assertThat(shuffled.book().bestBid().map(PriceLevel::price)).contains(maxBid);
    assertThat(shuffled.book().bestAsk().map(PriceLevel::price)).contains(minAsk);
  }

  private static BigDecimal cents(int c) {
    return BigDecimal.valueOf(c, 2).stripTrailingZeros();
  }

  private static List<ObjectNode> levels(List<Integer> cents) {
    List<ObjectNode> out = new ArrayList<>();
    for (int i = 0; i < cents.size(); i++) {
      ObjectNode l = PolymarketJson.MAPPER.createObjectNode();
      l.put("price", BigDecimal.valueOf(cents.get(i), 2).toPlainString());
      l.put("size", Integer.toString(i + 1));
      out.add(l);
    }
    return out;
  }

  private static ObjectNode book(List<ObjectNode> bids, List<ObjectNode> asks, boolean buysSells) {
    ObjectNode b = PolymarketJson.MAPPER.createObjectNode();
    b.put("event_type", "book");
    b.put("asset_id", "123");
    ArrayNode bidArray = b.putArray(buysSells ? "buys" : "bids");
    bids.forEach(bidArray::add);
    ArrayNode askArray = b.putArray(buysSells ? "sells" : "asks");
    asks.forEach(askArray::add);
    return b;
  }
}
