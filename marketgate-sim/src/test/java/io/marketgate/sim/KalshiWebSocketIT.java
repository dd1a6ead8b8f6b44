package io.marketgate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.BinarySide;
import io.marketgate.model.MutableBinaryBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import io.marketgate.sim.kalshi.PayloadGeneration;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KalshiWebSocketIT {

  VenueSimulator sim;
  WsClient ws;
  List<String> tickers;

  @BeforeEach
  void start() {
    sim =
        VenueSimulator.start(
            c ->
                c.seed(11)
                    .slateDate(LocalDate.of(2026, 1, 9))
                    .gameCount(3)
                    .wsPingInterval(Duration.ofMillis(100)));
    tickers = sim.kalshiMarketTickers().subList(0, 6);
    ws = WsClient.connect(sim.kalshiWsUri());
  }

  @AfterEach
  void stop() {
    ws.close();
    sim.close();
  }

  void subscribe(int id, List<String> markets) {
    ws.send(
        "{\"id\":"
            + id
            + ",\"cmd\":\"subscribe\",\"params\":{\"channels\":[\"orderbook_delta\"],"
            + "\"market_tickers\":"
            + toJson(markets)
            + "}}");
  }

  static String toJson(List<String> items) {
    return "[\"" + String.join("\",\"", items) + "\"]";
  }

  void stepUntil(java.util.function.BooleanSupplier condition) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              if (!condition.getAsBoolean()) {
                sim.step();
              }
              return condition.getAsBoolean();
            });
  }

  @Test
  void subscribe_orderbookDelta_acksThenOneSnapshotPerTicker() {
    subscribe(1, tickers.subList(0, 2));
    await().until(() -> ws.ofType("orderbook_snapshot").size() == 2);
    JsonNode ack = ws.messages.get(0);
    assertThat(ack.get("id").asInt()).isEqualTo(1);
    assertThat(ack.get("type").asText()).isEqualTo("subscribed");
    assertThat(ack.get("msg").get("channel").asText()).isEqualTo("orderbook_delta");
    long sid = ack.get("msg").get("sid").asLong();
    List<JsonNode> snaps = ws.ofType("orderbook_snapshot");
    assertThat(snaps).extracting(s -> s.get("sid").asLong()).containsOnly(sid);
    assertThat(snaps).extracting(s -> s.get("seq").asLong()).containsExactly(1L, 2L);
    JsonNode msg = snaps.get(0).get("msg");
    assertThat(msg.get("market_ticker").asText()).isEqualTo(tickers.get(0));
    assertThat(msg.get("market_id").asText()).isNotBlank();
    assertThat(msg.get("yes_dollars_fp").get(0).get(0).asText()).matches("0\\.\\d{4}");
    assertThat(msg.get("yes_dollars_fp").get(0).get(1).asText()).matches("\\d+\\.\\d{2}");
    assertThat(book(msg)).isEqualTo(sim.kalshiBook(tickers.get(0)).orElseThrow());
  }

  @Test
  void deltas_afterSteps_rebuildTheTrueBookWithIncreasingSeq() {
    subscribe(1, tickers);
    await().until(() -> ws.ofType("orderbook_snapshot").size() == tickers.size());
    sim.step(30);
    Map<String, MutableBinaryBook> books = new HashMap<>();
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              books.clear();
              long seq = 0;
              for (JsonNode m : ws.messages) {
                if (!m.has("seq")) {
                  continue;
                }
                assertThat(m.get("seq").asLong()).isEqualTo(seq + 1);
                seq = m.get("seq").asLong();
                JsonNode msg = m.get("msg");
                String t = msg.get("market_ticker").asText();
                if (m.get("type").asText().equals("orderbook_snapshot")) {
                  books.put(t, MutableBinaryBook.of(book(msg)));
                } else {
                  BinarySide side =
                      msg.get("side").asText().equals("yes") ? BinarySide.YES : BinarySide.NO;
                  books
                      .get(t)
                      .add(
                          side,
                          new BigDecimal(msg.get("price_dollars").asText()),
                          new BigDecimal(msg.get("delta_fp").asText()));
                }
              }
              for (String t : tickers) {
                assertThat(books.get(t).snapshot()).isEqualTo(sim.kalshiBook(t).orElseThrow());
              }
            });
    List<JsonNode> deltas = ws.ofType("orderbook_delta");
    assertThat(deltas).isNotEmpty();
    JsonNode d = deltas.get(0).get("msg");
    assertThat(d.get("price_dollars").asText()).matches("0\\.\\d{4}");
    assertThat(d.get("delta_fp").asText()).matches("-?\\d+\\.\\d{2}");
    assertThat(d.get("side").asText()).isIn("yes", "no");
    assertThat(d.get("ts_ms").isIntegralNumber()).isTrue();
    assertThat(deltas).anyMatch(m -> !m.get("msg").get("delta_fp").asText().endsWith(".00"));
  }

  @Test
  void commands_invalid_answerDocumentedErrorCodes() {
    ws.send(
        "{\"id\":1,\"cmd\":\"subscribe\",\"params\":{\"channels\":[\"nope\"],\"market_ticker\":\""
            + tickers.get(0)
            + "\"}}");
    ws.send("{\"id\":2,\"cmd\":\"dance\"}");
    ws.send("{\"id\":3,\"cmd\":\"subscribe\"}");
    ws.send("{\"id\":4,\"cmd\":\"subscribe\",\"params\":{\"channels\":[]}}");
    ws.send("{\"id\":5,\"cmd\":\"unsubscribe\",\"params\":{\"sids\":[999]}}");
    ws.send(
        "{\"id\":6,\"cmd\":\"subscribe\",\"params\":{\"channels\":[\"orderbook_delta\"],\"market_ticker\":\"NOPE\"}}");
    ws.send("{\"id\":7,\"cmd\":\"subscribe\",\"params\":{\"channels\":[\"orderbook_delta\"]}}");
    ws.send("not json");
    await().until(() -> ws.ofType("error").size() == 8);
    assertThat(ws.ofType("error"))
        .extracting(e -> e.get("msg").get("code").asInt())
        .containsExactly(8, 5, 2, 3, 7, 16, 14, 1);
    JsonNode first = ws.ofType("error").get(0);
    assertThat(first.get("id").asInt()).isEqualTo(1);
    assertThat(first.get("msg").get("msg").asText()).isEqualTo("Unknown channel name");
  }

  @Test
  void updateSubscription_addMarkets_sendsSnapshotAndActionErrors() {
    ws.send(
        "{\"id\":1,\"cmd\":\"subscribe\",\"params\":{\"channels\":[\"orderbook_delta\"],\"market_ticker\":\""
            + tickers.get(0)
            + "\"}}");
    await().until(() -> ws.ofType("orderbook_snapshot").size() == 1);
    long sid = ws.ofType("subscribed").get(0).get("msg").get("sid").asLong();
    ws.send(
        "{\"id\":2,\"cmd\":\"update_subscription\",\"params\":{\"sid\":"
            + sid
            + ",\"action\":\"add_markets\",\"market_tickers\":[\""
            + tickers.get(1)
            + "\"]}}");
    await().until(() -> ws.ofType("orderbook_snapshot").size() == 2);
    assertThat(ws.ofType("orderbook_snapshot").get(1).get("msg").get("market_ticker").asText())
        .isEqualTo(tickers.get(1));
    assertThat(ws.ofType("orderbook_snapshot").get(1).get("seq").asLong()).isEqualTo(2);
    ws.send("{\"id\":3,\"cmd\":\"update_subscription\",\"params\":{\"sid\":" + sid + "}}");
    ws.send(
        "{\"id\":4,\"cmd\":\"update_subscription\",\"params\":{\"sid\":"
            + sid
            + ",\"action\":\"jump\"}}");
    ws.send(
        "{\"id\":5,\"cmd\":\"update_subscription\",\"params\":{\"sids\":[1,2],\"action\":\"get_snapshot\"}}");
    ws.send(
        "{\"id\":6,\"cmd\":\"update_subscription\",\"params\":{\"sid\":"
            + sid
            + ",\"action\":\"get_snapshot\"}}");
    await()
        .until(() -> ws.ofType("error").size() == 3 && ws.ofType("orderbook_snapshot").size() == 4);
    assertThat(ws.ofType("error"))
        .extracting(e -> e.get("msg").get("code").asInt())
        .containsExactly(15, 13, 12);
  }

  @Test
  void unsubscribe_knownSid_acksAndStopsDeltas() {
    subscribe(1, tickers);
    await().until(() -> ws.ofType("subscribed").size() == 1);
    long sid = ws.ofType("subscribed").get(0).get("msg").get("sid").asLong();
    ws.send("{\"id\":2,\"cmd\":\"unsubscribe\",\"params\":{\"sids\":[" + sid + "]}}");
    await().until(() -> ws.ofType("unsubscribed").size() == 1);
    assertThat(ws.ofType("unsubscribed").get(0).get("sid").asLong()).isEqualTo(sid);
    subscribe(3, tickers);
    await().until(() -> ws.ofType("subscribed").size() == 2);
    long sid2 = ws.ofType("subscribed").get(1).get("msg").get("sid").asLong();
    stepUntil(() -> !ws.ofType("orderbook_delta").isEmpty());
    assertThat(ws.ofType("orderbook_delta"))
        .extracting(m -> m.get("sid").asLong())
        .containsOnly(sid2);
  }

  @Test
  void sequenceGapFault_nextDelta_skipsOneSeq() {
    subscribe(1, tickers);
    await().until(() -> ws.ofType("orderbook_snapshot").size() == tickers.size());
    sim.faults().inject("kalshi.ws", Fault.sequenceGap(), FaultTrigger.once());
    stepUntil(() -> !ws.ofType("orderbook_delta").isEmpty());
    assertThat(ws.ofType("orderbook_delta").get(0).get("seq").asLong())
        .isEqualTo(tickers.size() + 2L);
  }

  @Test
  void disconnectFault_nextDataMessage_closesConnection() {
    subscribe(1, tickers);
    await().until(() -> ws.ofType("orderbook_snapshot").size() == tickers.size());
    assertThat(sim.kalshiWebSocketConnections()).isEqualTo(1);
    sim.faults().inject("kalshi.*", Fault.disconnect(), FaultTrigger.once());
    stepUntil(() -> ws.closed);
    await().until(() -> sim.kalshiWebSocketConnections() == 0);
    assertThat(ws.ofType("orderbook_delta")).isEmpty();
  }

  @Test
  void freezeFault_connectionStaysOpenWithPingsButNoData() {
    subscribe(1, tickers);
    await().until(() -> ws.ofType("orderbook_snapshot").size() == tickers.size());
    sim.faults().inject("kalshi.ws", Fault.freeze(), FaultTrigger.once());
    int before = ws.messages.size();
    sim.step(50);
    int pings = ws.pings.get();
    await().until(() -> ws.pings.get() >= pings + 3);
    subscribe(2, tickers);
    sim.step(20);
    await().until(() -> ws.pings.get() >= pings + 5);
    assertThat(ws.messages).hasSize(before);
    assertThat(ws.closed).isFalse();
    assertThat(sim.kalshiWebSocketConnections()).isEqualTo(1);
  }

  @Test
  void legacyPayloads_snapshotAndDeltaUseCents() {
    try (VenueSimulator legacy =
        VenueSimulator.start(
            c ->
                c.seed(11)
                    .slateDate(LocalDate.of(2026, 1, 9))
                    .gameCount(2)
                    .kalshiPayloads(PayloadGeneration.LEGACY))) {
      WsClient client = WsClient.connect(legacy.kalshiWsUri());
      try {
        List<String> ts = legacy.kalshiMarketTickers().subList(0, 6);
        client.send(
            "{\"id\":1,\"cmd\":\"subscribe\",\"params\":{\"channels\":[\"orderbook_delta\"],\"market_tickers\":"
                + toJson(ts)
                + "}}");
        await().until(() -> client.ofType("orderbook_snapshot").size() == 6);
        JsonNode snap = client.ofType("orderbook_snapshot").get(0).get("msg");
        assertThat(snap.get("yes").get(0).get(0).isInt()).isTrue();
        assertThat(snap.get("yes").get(0).get(1).isIntegralNumber()).isTrue();
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  legacy.step();
                  return !client.ofType("orderbook_delta").isEmpty();
                });
        JsonNode d = client.ofType("orderbook_delta").get(0).get("msg");
        assertThat(d.get("price").isInt()).isTrue();
        assertThat(d.get("price_dollars").asText()).matches("0\\.\\d{3}");
        assertThat(d.get("delta").isIntegralNumber()).isTrue();
        assertThat(d.get("side").asText()).isIn("yes", "no");
        assertThat(d.has("delta_fp")).isFalse();
      } finally {
        client.close();
      }
    }
  }

  static BinaryBook book(JsonNode msg) {
    return BinaryBook.of(levels(msg.get("yes_dollars_fp")), levels(msg.get("no_dollars_fp")));
  }

  static List<PriceLevel> levels(JsonNode side) {
    List<PriceLevel> out = new java.util.ArrayList<>();
    side.forEach(l -> out.add(PriceLevel.of(l.get(0).asText(), l.get(1).asText())));
    return out;
  }
}
