package io.marketgate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultTrigger;
import io.marketgate.sim.polymarket.PolymarketLevelOrder;
import io.marketgate.sim.polymarket.PolymarketSettings;
import io.marketgate.sim.polymarket.PriceChangeSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The simulated Polymarket CLOB over real HTTP and WebSocket connections. */
class PolymarketIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(5);

  private static VenueSimulator start(PolymarketSettings settings) {
    return VenueSimulator.start(c -> c.seed(11).gameCount(2).polymarket(settings));
  }

  private static OrderBook parseBook(JsonNode b, String bids, String asks) {
    List<PriceLevel> bl = new ArrayList<>();
    b.path(bids)
        .forEach(l -> bl.add(PriceLevel.of(l.path("price").asText(), l.path("size").asText())));
    List<PriceLevel> al = new ArrayList<>();
    b.path(asks)
        .forEach(l -> al.add(PriceLevel.of(l.path("price").asText(), l.path("size").asText())));
    return OrderBook.of(bl, al);
  }

  @Test
  void book_wireOrder_bestLevelsLastAndCounted() {
    try (VenueSimulator sim = start(PolymarketSettings.defaults())) {
      String id = sim.polymarket().assetIds().get(0);

      Http.Response r = Http.get(sim.polymarketBaseUri() + "/book?token_id=" + id);

      assertThat(r.status()).isEqualTo(200);
      JsonNode b = r.json();
      assertThat(b.path("asset_id").asText()).isEqualTo(id);
      assertThat(b.path("timestamp").isTextual()).isTrue();
      JsonNode bids = b.path("bids");
      JsonNode asks = b.path("asks");
      OrderBook truth = sim.polymarket().book(id).orElseThrow();
      assertThat(new BigDecimal(bids.get(bids.size() - 1).path("price").asText()))
          .isEqualByComparingTo(truth.bestBid().orElseThrow().price());
      assertThat(new BigDecimal(asks.get(asks.size() - 1).path("price").asText()))
          .isEqualByComparingTo(truth.bestAsk().orElseThrow().price());
      assertThat(parseBook(b, "bids", "asks")).isEqualTo(truth);
      assertThat(sim.calls().calls("polymarket.book", 200)).isEqualTo(1);
      assertThat(Http.get(sim.polymarketBaseUri() + "/book?token_id=42").status()).isEqualTo(404);
      assertThat(Http.get(sim.polymarketBaseUri() + "/book").status()).isEqualTo(400);
    }
  }

  @Test
  void books_post_knownTokensOnlyAndCounted() {
    try (VenueSimulator sim = start(PolymarketSettings.defaults())) {
      List<String> ids = sim.polymarket().assetIds();

      Http.Response r =
          Http.post(
              sim.polymarketBaseUri() + "/books",
              "[{\"token_id\":\"" + ids.get(1) + "\"},{\"token_id\":\"1\"}]");

      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json()).hasSize(1);
      assertThat(r.json().get(0).path("asset_id").asText()).isEqualTo(ids.get(1));
      assertThat(Http.post(sim.polymarketBaseUri() + "/books", "{oops").status()).isEqualTo(400);
      // POST /books reads its own body, so it is counted when its exchange completes, which may
      // be just after the client has the answer.
      await()
          .atMost(WAIT)
          .until(
              () ->
                  sim.calls().calls("polymarket.books", 200) == 1
                      && sim.calls().calls("polymarket.books", 400) == 1);
    }
  }

  @Test
  void priceAndMidpoint_buyIsBestBidAndKeyFollowsSettings() {
    try (VenueSimulator sim =
        start(
            new PolymarketSettings(
                3, PolymarketLevelOrder.DOCUMENTED, PriceChangeSchema.CURRENT, false, false))) {
      String id = sim.polymarket().assetIds().get(0);
      OrderBook truth = sim.polymarket().book(id).orElseThrow();

      JsonNode buy =
          Http.get(sim.polymarketBaseUri() + "/price?token_id=" + id + "&side=BUY").json();
      JsonNode mid = Http.get(sim.polymarketBaseUri() + "/midpoint?token_id=" + id).json();

      assertThat(new BigDecimal(buy.path("price").asText()))
          .isEqualByComparingTo(truth.bestBid().orElseThrow().price());
      assertThat(mid.has("mid_price")).isFalse();
      assertThat(new BigDecimal(mid.path("mid").asText()))
          .isEqualByComparingTo(truth.mid().orElseThrow());
    }
  }

  @Test
  void marketChannel_initialDumpThenChanges_replayRebuildsTheTrueBook() {
    try (VenueSimulator sim = start(PolymarketSettings.defaults());
        Client ws = Client.connect(sim.polymarketWsUri())) {
      String id = sim.polymarket().assetIds().get(0);
      ws.send(
          "{\"assets_ids\":[\""
              + id
              + "\"],\"type\":\"market\",\"initial_dump\":true,"
              + "\"custom_feature_enabled\":true}");
      await().atMost(WAIT).until(() -> !ws.texts.isEmpty());

      sim.step(40);
      ws.send("PING");

      await().atMost(WAIT).until(() -> ws.texts.contains("PONG"));
      io.marketgate.model.MutableOrderBook book = new io.marketgate.model.MutableOrderBook();
      List<String> types = new ArrayList<>();
      for (String t : ws.texts) {
        if (t.equals("PONG")) {
          continue;
        }
        JsonNode m = ws.json(t);
        for (JsonNode e : m.isArray() ? m : List.of(m)) {
          String type = e.path("event_type").asText();
          types.add(type);
          if (type.equals("book")) {
            book.reset(parseBook(e, "bids", "asks"));
          } else if (type.equals("price_change")) {
            for (JsonNode c : e.path("price_changes")) {
              book.set(
                  c.path("side").asText().equals("BUY")
                      ? io.marketgate.model.Side.BID
                      : io.marketgate.model.Side.ASK,
                  new BigDecimal(c.path("price").asText()),
                  new BigDecimal(c.path("size").asText()));
              assertThat(c.path("best_bid").isTextual()).isTrue();
            }
          }
        }
      }
      assertThat(types).contains("book", "price_change", "best_bid_ask");
      assertThat(book.snapshot()).isEqualTo(sim.polymarket().book(id).orElseThrow());
    }
  }

  @Test
  void marketChannel_legacySchemaAndBuysSells_asConfigured() {
    try (VenueSimulator sim =
            start(
                new PolymarketSettings(
                    2, PolymarketLevelOrder.SHUFFLED, PriceChangeSchema.LEGACY, true, true));
        Client ws = Client.connect(sim.polymarketWsUri())) {
      String id = sim.polymarket().assetIds().get(1);
      ws.send("{\"assets_ids\":[\"" + id + "\"],\"type\":\"market\",\"initial_dump\":true}");
      await().atMost(WAIT).until(() -> !ws.texts.isEmpty());
      sim.step(30);
      await().atMost(WAIT).until(() -> ws.texts.size() > 1);

      JsonNode dump = ws.json(ws.texts.get(0));
      assertThat(dump.get(0).has("buys")).isTrue();
      JsonNode change = ws.json(ws.texts.get(1));
      assertThat(change.path("event_type").asText()).isIn("price_change", "last_trade_price");
      assertThat(ws.texts.stream().map(ws::json).filter(m -> m.has("changes"))).isNotEmpty();
      assertThat(ws.texts.stream().map(ws::json).filter(m -> m.has("price_changes"))).isEmpty();
    }
  }

  @Test
  void freeze_dataStopsButPingStillAnswered() {
    try (VenueSimulator sim = start(PolymarketSettings.defaults());
        Client ws = Client.connect(sim.polymarketWsUri())) {
      String id = sim.polymarket().assetIds().get(0);
      ws.send("{\"assets_ids\":[\"" + id + "\"],\"type\":\"market\",\"initial_dump\":true}");
      await().atMost(WAIT).until(() -> ws.texts.size() == 1);
      sim.faults().inject("polymarket.ws", Fault.freeze(), FaultTrigger.once());

      sim.step(50);
      ws.send("PING");

      await().atMost(WAIT).until(() -> ws.texts.contains("PONG"));
      assertThat(ws.texts).containsOnly(ws.texts.get(0), "PONG");
      assertThat(sim.polymarket().webSocketConnections()).isEqualTo(1);
    }
  }

  /** A WebSocket client that keeps every text message. */
  static final class Client implements WebSocket.Listener, AutoCloseable {
    final List<String> texts = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    static Client connect(URI uri) {
      Client c = new Client();
      try {
        c.socket = Http.CLIENT.newWebSocketBuilder().buildAsync(uri, c).get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("cannot connect to " + uri, e);
      }
      return c;
    }

    void send(String text) {
      socket.sendText(text, true).join();
    }

    JsonNode json(String text) {
      try {
        return JSON.readTree(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        texts.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public void close() {
      socket.abort();
    }
  }
}
