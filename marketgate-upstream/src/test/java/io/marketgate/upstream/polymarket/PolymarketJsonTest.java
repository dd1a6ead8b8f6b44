package io.marketgate.upstream.polymarket;

import static io.marketgate.upstream.polymarket.PolymarketFixtures.A;
import static io.marketgate.upstream.polymarket.PolymarketFixtures.B;
import static io.marketgate.upstream.polymarket.PolymarketFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Side;
import io.marketgate.upstream.polymarket.PolymarketJson.BestBidAsk;
import io.marketgate.upstream.polymarket.PolymarketJson.BookEvent;
import io.marketgate.upstream.polymarket.PolymarketJson.Change;
import io.marketgate.upstream.polymarket.PolymarketJson.Grouped;
import io.marketgate.upstream.polymarket.PolymarketJson.LastTrade;
import io.marketgate.upstream.polymarket.PolymarketJson.PriceChanges;
import io.marketgate.upstream.polymarket.PolymarketJson.TickSizeChange;
import io.marketgate.upstream.polymarket.PolymarketJson.WireEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Replays the documented payloads (both schema generations) through the parser. */
class PolymarketJsonTest {

  private static WireEvent event(String fixture) {
    return PolymarketJson.event(PolymarketJson.parse(text(fixture)));
  }

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  private static final OrderBook WIRE_BOOK =
      OrderBook.of(
          List.of(
              PriceLevel.of("0.50", "15"),
              PriceLevel.of("0.49", "20"),
              PriceLevel.of("0.48", "30")),
          List.of(
              PriceLevel.of("0.52", "25"),
              PriceLevel.of("0.53", "60"),
              PriceLevel.of("0.54", "10")));

  @Test
  void book_restWireOrderBestLast_bestBidIsMaxAndBestAskIsMin() {
    PolymarketBook b = PolymarketJson.book(PolymarketJson.parse(text("rest-book.json")));

    assertThat(b.assetId()).isEqualTo(A);
    assertThat(b.book().bestBid()).contains(PriceLevel.of("0.50", "15"));
    assertThat(b.book().bestAsk()).contains(PriceLevel.of("0.52", "25"));
    assertThat(b.book().mid()).contains(d("0.51"));
    assertThat(b.timestamp()).contains(Instant.ofEpochMilli(1767900000000L));
    assertThat(b.hash()).contains("0x1a2b3c4d");
    assertThat(b.tickSize()).contains(d("0.01"));
    assertThat(b.minOrderSize()).contains(d("5"));
    assertThat(b.lastTradePrice()).contains(d("0.51"));
    assertThat(b.market()).hasValueSatisfying(m -> assertThat(m).startsWith("0xbd31"));
  }

  @Test
  void book_documentedOrderBestFirst_sameBookAsWireOrder() {
    PolymarketBook wire = PolymarketJson.book(PolymarketJson.parse(text("rest-book.json")));
    PolymarketBook documented =
        PolymarketJson.book(PolymarketJson.parse(text("rest-book-documented-order.json")));

    assertThat(documented.book()).isEqualTo(wire.book());
  }

  @Test
  void event_wsBook_parsedWithAllLevelsBestFirst() {
    WireEvent e = event("ws-book.json");

    assertThat(e).isInstanceOf(BookEvent.class);
    assertThat(((BookEvent) e).book().book()).isEqualTo(WIRE_BOOK);
    assertThat(e.assetId()).contains(A);
  }

  @Test
  void event_wsBookBuysSells_sameAsBidsAsks() {
    BookEvent bidsAsks = (BookEvent) event("ws-book.json");
    BookEvent buysSells = (BookEvent) event("ws-book-buys-sells.json");

    assertThat(buysSells.book().book()).isEqualTo(bidsAsks.book().book());
  }

  @Test
  void event_numbersInsteadOfStrings_parsedExactly() {
    BookEvent e = (BookEvent) event("ws-book-numbers.json");

    assertThat(e.book().book().bestBid()).contains(PriceLevel.of("0.5", "15"));
    assertThat(e.book().book().bestAsk()).contains(PriceLevel.of("0.52", "25.5"));
    assertThat(e.book().timestamp()).contains(Instant.ofEpochMilli(1767900000000L));
  }

  @Test
  void elements_initialDumpArray_oneBookPerAsset() {
    List<WireEvent> events =
        PolymarketJson.elements(PolymarketJson.parse(text("ws-initial-dump.json"))).stream()
            .map(PolymarketJson::event)
            .toList();

    assertThat(events).hasSize(2).allMatch(e -> e instanceof BookEvent);
    assertThat(events).extracting(e -> e.assetId().orElseThrow()).containsExactly(A, B);
  }

  @Test
  void event_priceChangeCurrentSchema_absoluteSizesWithVenueTop() {
    PriceChanges pc = (PriceChanges) event("ws-price-change-current.json");

    assertThat(pc.asset()).isEqualTo(A);
    assertThat(pc.timestamp()).contains(Instant.ofEpochMilli(1767900000100L));
    assertThat(pc.changes())
        .containsExactly(
            new Change(
                Side.BID, d("0.51"), d("40"), Optional.of(d("0.51")), Optional.of(d("0.52"))),
            new Change(Side.ASK, d("0.52"), d("0"), Optional.of(d("0.51")), Optional.of(d("0.53"))),
            new Change(
                Side.BID, d("0.49"), d("5"), Optional.of(d("0.51")), Optional.of(d("0.53"))));
  }

  @Test
  void event_priceChangeTwoAssets_groupedPerAssetInOrder() {
    Grouped g = (Grouped) event("ws-price-change-two-assets.json");

    assertThat(g.groups()).extracting(PriceChanges::asset).containsExactly(A, B);
    assertThat(g.groups().get(1).changes().get(0).side()).isEqualTo(Side.ASK);
  }

  @Test
  void event_priceChangeLegacySchema_sameChangesWithoutVenueTop() {
    PriceChanges pc = (PriceChanges) event("ws-price-change-legacy.json");

    assertThat(pc.asset()).isEqualTo(A);
    assertThat(pc.changes())
        .extracting(Change::side, Change::price, Change::size)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Side.BID, d("0.51"), d("40")),
            org.assertj.core.groups.Tuple.tuple(Side.ASK, d("0.52"), d("0")),
            org.assertj.core.groups.Tuple.tuple(Side.BID, d("0.49"), d("5")));
    assertThat(pc.changes()).allMatch(c -> c.bestBid().isEmpty() && c.bestAsk().isEmpty());
  }

  @Test
  void event_tickSizeChange_newTickSize() {
    TickSizeChange t = (TickSizeChange) event("ws-tick-size-change.json");

    assertThat(t.asset()).isEqualTo(A);
    assertThat(t.oldTickSize()).contains(d("0.01"));
    assertThat(t.newTickSize()).isEqualByComparingTo("0.001");
  }

  @Test
  void event_lastTradePrice_priceSizeSide() {
    LastTrade t = (LastTrade) event("ws-last-trade-price.json");

    assertThat(t.price()).isEqualByComparingTo("0.52");
    assertThat(t.size()).contains(d("219.21"));
    assertThat(t.side()).contains("BUY");
  }

  @Test
  void event_bestBidAsk_bothPrices() {
    BestBidAsk b = (BestBidAsk) event("ws-best-bid-ask.json");

    assertThat(b.bestBid()).contains(d("0.50"));
    assertThat(b.bestAsk()).contains(d("0.52"));
  }

  @Test
  void event_unknownType_isOtherNotAnError() {
    WireEvent e =
        PolymarketJson.event(
            PolymarketJson.parse("{\"event_type\":\"market_resolved\",\"market\":\"0xbd31\"}"));

    assertThat(e).isEqualTo(new PolymarketJson.Other("market_resolved", Optional.empty()));
  }

  @Test
  void event_malformedPayloads_rejectedWithTheFieldNamed() {
    assertThatThrownBy(() -> PolymarketJson.parse("{\"event_type\":\"book\""))
        .isInstanceOf(PolymarketJson.Malformed.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(
            () ->
                PolymarketJson.event(
                    PolymarketJson.parse(
                        "{\"event_type\":\"book\",\"asset_id\":\"1\",\"bids\":[]}")))
        .hasMessageContaining("neither asks nor sells");
    assertThatThrownBy(
            () ->
                PolymarketJson.event(
                    PolymarketJson.parse(
                        "{\"event_type\":\"book\",\"asset_id\":\"1\",\"bids\":[{\"price\":\"x\","
                            + "\"size\":\"1\"}],\"asks\":[]}")))
        .hasMessageContaining("price is not a number");
    assertThatThrownBy(
            () ->
                PolymarketJson.event(
                    PolymarketJson.parse(
                        "{\"event_type\":\"price_change\",\"price_changes\":[{\"asset_id\":\"1\","
                            + "\"price\":\"0.5\",\"size\":\"1\",\"side\":\"HOLD\"}]}")))
        .hasMessageContaining("side \"HOLD\"");
    assertThatThrownBy(
            () ->
                PolymarketJson.event(
                    PolymarketJson.parse("{\"event_type\":\"price_change\",\"asset_id\":\"1\"}")))
        .hasMessageContaining("neither price_changes[] nor changes[]");
    assertThatThrownBy(() -> PolymarketJson.event(PolymarketJson.parse("{\"asset_id\":\"1\"}")))
        .hasMessageContaining("without event_type");
  }
}
