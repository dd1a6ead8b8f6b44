package io.marketgate.upstream.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketgate.model.PriceLevel;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BinanceJsonTest {

  @Test
  void snapshot_documentedPayload_readsIdAndLevelsBestFirst() {
    DepthSnapshot s =
        BinanceJson.snapshot(
            "BNBBTC", BinanceFixtures.text("depth-snapshot.json").getBytes(StandardCharsets.UTF_8));

    assertThat(s.lastUpdateId()).isEqualTo(1027024);
    assertThat(s.book().bids())
        .containsExactly(PriceLevel.of("4", "431"), PriceLevel.of("3.99", "9"));
    assertThat(s.book().asks())
        .containsExactly(PriceLevel.of("4.000002", "12"), PriceLevel.of("4.01", "5.5"));
  }

  @Test
  void message_rawDepthUpdate_readsIdsAndAbsoluteLevels() {
    BinanceJson.Message m = BinanceJson.message(BinanceFixtures.text("depth-update.json"));

    assertThat(m).isInstanceOf(BinanceJson.Diff.class);
    DepthDiff d = ((BinanceJson.Diff) m).diff();
    assertThat(d.symbol()).isEqualTo("BNBBTC");
    assertThat(d.eventTimeMillis()).isEqualTo(1672515782136L);
    assertThat(d.firstUpdateId()).isEqualTo(157);
    assertThat(d.finalUpdateId()).isEqualTo(160);
    assertThat(d.bids()).containsExactly(PriceLevel.of("0.0024", "10"));
    assertThat(d.asks()).containsExactly(PriceLevel.of("0.0026", "100"));
  }

  @Test
  void message_combinedDepthUpdate_unwrapsDataAndKeepsZeroSizeRemovals() {
    DepthDiff d =
        ((BinanceJson.Diff) BinanceJson.message(BinanceFixtures.text("depth-update-combined.json")))
            .diff();

    assertThat(d.bids())
        .containsExactly(PriceLevel.of("0.0024", "10"), PriceLevel.of("0.0023", "0"));
    assertThat(d.bids().get(1).isEmpty()).isTrue();
  }

  @Test
  void message_rawBookTicker_readsTopWithoutEventType() {
    BookTicker t =
        ((BinanceJson.Ticker) BinanceJson.message(BinanceFixtures.text("book-ticker.json")))
            .ticker();

    assertThat(t.symbol()).isEqualTo("BNBUSDT");
    assertThat(t.updateId()).isEqualTo(400900217L);
    assertThat(t.bid()).isEqualTo(PriceLevel.of("25.35190000", "31.21000000"));
    assertThat(t.ask()).isEqualTo(PriceLevel.of("25.36520000", "40.66000000"));
    assertThat(t.toBook().mid()).contains(new BigDecimal("25.35855"));
  }

  @Test
  void message_combinedBookTicker_unwrapsData() {
    BinanceJson.Message m = BinanceJson.message(BinanceFixtures.text("book-ticker-combined.json"));

    assertThat(((BinanceJson.Ticker) m).ticker().symbol()).isEqualTo("BNBUSDT");
  }

  @Test
  void message_subscribeReply_isOk() {
    BinanceJson.Message m = BinanceJson.message(BinanceFixtures.text("subscribe-reply.json"));

    assertThat(m).isEqualTo(new BinanceJson.Reply(Optional.of(1L), true, "null"));
  }

  @Test
  void message_errorReply_isNotOkWithCodeAndText() {
    BinanceJson.Reply r =
        (BinanceJson.Reply) BinanceJson.message(BinanceFixtures.text("error-reply.json"));

    assertThat(r.ok()).isFalse();
    assertThat(r.id()).contains(3L);
    assertThat(r.detail()).isEqualTo("2 Invalid request: too many requests");
  }

  @Test
  void message_numbersInsteadOfStrings_areAccepted() {
    DepthDiff d =
        ((BinanceJson.Diff)
                BinanceJson.message(
                    "{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":\"5\",\"u\":6,"
                        + "\"b\":[[42000.5,0.25]],\"a\":[]}"))
            .diff();

    assertThat(d.firstUpdateId()).isEqualTo(5);
    assertThat(d.bids()).containsExactly(PriceLevel.of("42000.5", "0.25"));
  }

  @Test
  void message_combinedDepthWithBadPrice_isMalformedNamingStreamAndField() {
    String text =
        "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,"
            + "\"s\":\"BTCUSDT\",\"U\":5,\"u\":6,\"b\":[[\"abc\",\"1\"]],\"a\":[]}}";

    assertThatThrownBy(() -> BinanceJson.message(text))
        .isInstanceOfSatisfying(
            BinanceJson.Malformed.class,
            e -> assertThat(e.stream()).contains("btcusdt@depth@100ms"))
        .hasMessageContaining("b[0] price");
  }

  @Test
  void message_depthWithoutIds_isMalformed() {
    assertThatThrownBy(
            () ->
                BinanceJson.message("{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"b\":[],\"a\":[]}"))
        .isInstanceOf(BinanceJson.Malformed.class)
        .hasMessageContaining("'U'");
  }

  @Test
  void message_finalIdBeforeFirst_isMalformed() {
    assertThatThrownBy(
            () ->
                BinanceJson.message(
                    "{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"U\":9,\"u\":8,\"b\":[],\"a\":[]}"))
        .isInstanceOf(BinanceJson.Malformed.class)
        .hasMessageContaining("u 8 < U 9");
  }

  @Test
  void message_symbolNotMatchingStream_isMalformed() {
    String text =
        "{\"stream\":\"ethusdt@bookTicker\",\"data\":{\"u\":1,\"s\":\"BTCUSDT\","
            + "\"b\":\"1\",\"B\":\"1\",\"a\":\"2\",\"A\":\"1\"}}";

    assertThatThrownBy(() -> BinanceJson.message(text))
        .isInstanceOf(BinanceJson.Malformed.class)
        .hasMessageContaining("does not match stream ethusdt@bookTicker");
  }

  @Test
  void message_notJson_isMalformed() {
    assertThatThrownBy(() -> BinanceJson.message("{\"stream\":"))
        .isInstanceOf(BinanceJson.Malformed.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void message_unknownPayload_isOther() {
    assertThat(BinanceJson.message("{\"e\":\"trade\",\"s\":\"BTCUSDT\"}"))
        .isInstanceOf(BinanceJson.Other.class);
  }

  @Test
  void snapshot_negativeQuantity_isMalformed() {
    byte[] body =
        "{\"lastUpdateId\":1,\"bids\":[[\"1\",\"-2\"]],\"asks\":[]}"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> BinanceJson.snapshot("BTCUSDT", body))
        .isInstanceOf(BinanceJson.Malformed.class)
        .hasMessageContaining("bids[0]");
  }

  @Test
  void streamNames_splitIntoSymbolAndKind() {
    assertThat(BinanceJson.symbolOf("btcusdt@depth@100ms")).isEqualTo("BTCUSDT");
    assertThat(BinanceJson.kind("btcusdt@depth@100ms")).isEqualTo("depth");
    assertThat(BinanceJson.kind("btcusdt@bookTicker")).isEqualTo("bookTicker");
  }
}
