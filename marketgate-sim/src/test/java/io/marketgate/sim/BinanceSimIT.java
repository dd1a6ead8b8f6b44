package io.marketgate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BinanceSimIT {

  VenueSimulator sim;
  WsClient ws;

  @BeforeEach
  void start() {
    sim = VenueSimulator.start(c -> c.seed(5).gameCount(2).wsPingInterval(Duration.ofMillis(100)));
  }

  @AfterEach
  void stop() {
    if (ws != null) {
      ws.close();
    }
    sim.close();
  }

  private String rest(String pathAndQuery) {
    return sim.binanceBaseUri() + pathAndQuery;
  }

  private WsClient connect(String streams) {
    ws = WsClient.connect(URI.create(sim.binanceStreamUri() + "/stream?streams=" + streams));
    await().atMost(Duration.ofSeconds(5)).until(() -> sim.binance().webSocketConnections() == 1);
    return ws;
  }

  private List<JsonNode> on(String stream) {
    return ws.messages.stream().filter(m -> m.path("stream").asText().equals(stream)).toList();
  }

  @Test
  void depth_snapshot_hasStringLevelsBestFirstAndTheUsedWeight() {
    Http.Response r = Http.get(rest("/api/v3/depth?symbol=BTCUSDT&limit=5"));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-MBX-USED-WEIGHT-1M")).contains("5");
    JsonNode body = r.json();
    assertThat(body.path("lastUpdateId").asLong()).isEqualTo(sim.binance().updateId("BTCUSDT"));
    assertThat(body.path("bids")).hasSize(5);
    assertThat(body.path("bids").get(0).get(0).isTextual()).isTrue();
    assertThat(body.path("bids").get(0).get(0).asText()).matches("\\d+\\.\\d{8}");
    assertThat(price(body, "bids", 0)).isGreaterThan(price(body, "bids", 1));
    assertThat(price(body, "asks", 0)).isGreaterThan(price(body, "bids", 0));
  }

  private static BigDecimal price(JsonNode book, String side, int level) {
    return new BigDecimal(book.path(side).get(level).get(0).asText());
  }

  @Test
  void depth_weightOverTheMinute_is429WithRetryAfter() {
    sim.close();
    sim = VenueSimulator.start(c -> c.seed(5).gameCount(2).binanceWeightPerMinute(60));

    assertThat(Http.get(rest("/api/v3/depth?symbol=BTCUSDT&limit=1000")).status()).isEqualTo(200);
    Http.Response r = Http.get(rest("/api/v3/depth?symbol=BTCUSDT&limit=1000"));

    assertThat(r.status()).isEqualTo(429);
    assertThat(r.json().path("code").asInt()).isEqualTo(-1003);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(sim.calls().routes().get("binance.depth").calls()).isEqualTo(2);
  }

  @Test
  void depth_unknownSymbol_is400() {
    Http.Response r = Http.get(rest("/api/v3/depth?symbol=NOPEUSDT"));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().path("code").asInt()).isEqualTo(-1121);
  }

  @Test
  void stream_combined_sendsContinuousDiffsAndTopsWrapped() {
    connect("btcusdt@depth@100ms/btcusdt@bookTicker");

    sim.step(5);
    await().atMost(Duration.ofSeconds(5)).until(() -> on("btcusdt@depth@100ms").size() == 5);

    List<JsonNode> diffs = on("btcusdt@depth@100ms");
    for (int i = 1; i < diffs.size(); i++) {
      assertThat(diffs.get(i).path("data").path("U").asLong())
          .isEqualTo(diffs.get(i - 1).path("data").path("u").asLong() + 1);
    }
    JsonNode d = diffs.get(0).path("data");
    assertThat(d.path("e").asText()).isEqualTo("depthUpdate");
    assertThat(d.path("s").asText()).isEqualTo("BTCUSDT");
    JsonNode top = on("btcusdt@bookTicker").get(4).path("data");
    assertThat(top.has("e")).isFalse();
    assertThat(top.path("u").asLong()).isEqualTo(diffs.get(4).path("data").path("u").asLong());
    assertThat(on("ethusdt@depth@100ms")).isEmpty();
  }

  @Test
  void stream_sequenceGapFault_skipsOneDiffOfThatSymbol() {
    connect("btcusdt@depth@100ms/ethusdt@depth@100ms");
    sim.step();
    await().atMost(Duration.ofSeconds(5)).until(() -> on("ethusdt@depth@100ms").size() == 1);
    sim.faults().inject("binance.ws.BTCUSDT", Fault.sequenceGap(), FaultTrigger.once());

    sim.step(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> on("ethusdt@depth@100ms").size() == 3);

    List<JsonNode> btc = on("btcusdt@depth@100ms");
    assertThat(btc).hasSize(2);
    assertThat(btc.get(1).path("data").path("U").asLong())
        .isGreaterThan(btc.get(0).path("data").path("u").asLong() + 1);
  }

  @Test
  void stream_subscribe_repliesAndStartsTheStream() {
    connect("btcusdt@bookTicker");

    ws.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"solusdt@depth@100ms\"],\"id\":7}");
    await().atMost(Duration.ofSeconds(5)).until(() -> !ws.messages.isEmpty());
    sim.step();
    await().atMost(Duration.ofSeconds(5)).until(() -> on("solusdt@depth@100ms").size() == 1);

    assertThat(ws.messages.get(0).toString()).isEqualTo("{\"result\":null,\"id\":7}");
  }

  @Test
  void stream_moreThanFiveMessagesASecond_isDisconnected() {
    connect("btcusdt@bookTicker");

    for (int i = 1; i <= 6; i++) {
      ws.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}");
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> ws.closed);
    assertThat(sim.binance().webSocketConnections()).isZero();
  }

  @Test
  void stream_pings() {
    connect("btcusdt@bookTicker");

    await().atMost(Duration.ofSeconds(5)).until(() -> ws.pings.get() >= 2);
  }
}
