package io.marketgate.upstream.polymarket;

import static io.marketgate.upstream.polymarket.PolymarketFixtures.A;
import static io.marketgate.upstream.polymarket.PolymarketFixtures.B;
import static io.marketgate.upstream.polymarket.PolymarketFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.ManualClock;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import io.marketgate.model.MarketKey;
import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Venue;
import io.marketgate.upstream.UpstreamClient;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The market-channel stream against a loopback venue, with time driven by a manual clock. */
class PolymarketBookStreamTest {

  private static final MarketKey KEY_A = new MarketKey(Venue.POLYMARKET, A);
  private static final MarketKey KEY_B = new MarketKey(Venue.POLYMARKET, B);
  private static final Duration WAIT = Duration.ofSeconds(5);

  private static final OrderBook AFTER_CHANGES =
      OrderBook.of(
          List.of(
              PriceLevel.of("0.51", "40"),
              PriceLevel.of("0.50", "15"),
              PriceLevel.of("0.49", "5"),
              PriceLevel.of("0.48", "30")),
          List.of(PriceLevel.of("0.53", "60"), PriceLevel.of("0.54", "10")));

  private FakePolymarket server;
  private ManualClock clock;
  private KeyedSnapshotStore<MarketKey, OrderBook> store;
  private PolymarketBookStream stream;

  @BeforeEach
  void start() {
    JsonNode dump = PolymarketJson.parse(text("ws-initial-dump.json"));
    server = new FakePolymarket().wsBook(A, text("ws-book.json")).wsBook(B, dump.get(1).toString());
    clock = new ManualClock();
    store =
        KeyedSnapshotStore.<MarketKey, OrderBook>builder("books")
            .source("polymarket.ws")
            .clock(clock)
            .historySize(64)
            .build();
  }

  @AfterEach
  void stop() {
    if (stream != null) {
      stream.close();
    }
    server.close();
  }

  private PolymarketBookStream connect(UnaryOperator<PolymarketBookStream.Builder> settings) {
    UpstreamClient client = UpstreamClient.builder("polymarket", server.restUri()).build();
    stream =
        settings
            .apply(
                PolymarketBookStream.builder(client, server.wsUri(), store)
                    .assets(List.of(A, B))
                    .clock(clock)
                    .watchdogTick(Duration.ofMillis(10))
                    .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
                    .random(new SplittableRandom(7)))
            .build();
    stream.start();
    await().atMost(WAIT).until(() -> isLive(KEY_A) && isLive(KEY_B));
    return stream;
  }

  private PolymarketBookStream connect() {
    return connect(b -> b.silenceWindow(Duration.ofHours(1)).resyncInterval(Duration.ofHours(1)));
  }

  private boolean isLive(MarketKey key) {
    return store.latest(key).map(s -> s.provenance() == Provenance.LIVE).orElse(false);
  }

  private Snapshot<OrderBook> latest(MarketKey key) {
    return store.latest(key).orElseThrow();
  }

  @Test
  void start_initialDump_subscribesOnceAndPublishesBestBidAsMaxPrice() {
    connect();

    JsonNode sub = server.subscriptions().get(0);
    assertThat(sub.path("type").asText()).isEqualTo("market");
    assertThat(sub.path("initial_dump").asBoolean()).isTrue();
    assertThat(sub.path("custom_feature_enabled").asBoolean()).isTrue();
    assertThat(sub.path("assets_ids")).extracting(JsonNode::asText).containsExactly(A, B);
    assertThat(latest(KEY_A).value().bestBid()).contains(PriceLevel.of("0.50", "15"));
    assertThat(latest(KEY_A).value().bestAsk()).contains(PriceLevel.of("0.52", "25"));
    assertThat(stream.info(A).orElseThrow().tickSize()).contains(new BigDecimal("0.01"));
  }

  @Test
  void priceChange_currentSchema_absoluteSizesAppliedInSameEpoch() {
    connect();
    Snapshot<OrderBook> before = latest(KEY_A);

    server.send(text("ws-price-change-current.json"));

    await().atMost(WAIT).until(() -> latest(KEY_A).value().equals(AFTER_CHANGES));
    assertThat(latest(KEY_A).epoch()).isEqualTo(before.epoch());
    assertThat(latest(KEY_A).seq()).isEqualTo(before.seq() + 1);
    assertThat(stream.stats().topMismatches()).isZero();
  }

  @Test
  void priceChange_legacySchema_sameBookAsCurrentSchema() {
    connect();

    server.send(text("ws-price-change-legacy.json"));

    await().atMost(WAIT).until(() -> latest(KEY_A).value().equals(AFTER_CHANGES));
    assertThat(stream.stats().priceChanges()).isEqualTo(1);
  }

  @Test
  void priceChange_twoAssetsInOneMessage_bothBooksChange() {
    connect();

    server.send(text("ws-price-change-two-assets.json"));

    await()
        .atMost(WAIT)
        .until(
            () ->
                latest(KEY_A)
                            .value()
                            .bestBid()
                            .orElseThrow()
                            .price()
                            .compareTo(new BigDecimal("0.49"))
                        == 0
                    && latest(KEY_B)
                            .value()
                            .bestAsk()
                            .orElseThrow()
                            .price()
                            .compareTo(new BigDecimal("0.52"))
                        == 0);
    assertThat(stream.stats().topMismatches()).isZero();
  }

  @Test
  void infoEvents_tickSizeLastTradeBestBidAsk_keptWithoutTouchingTheBook() {
    connect();
    Snapshot<OrderBook> before = latest(KEY_A);

    server.send(text("ws-tick-size-change.json"));
    server.send(text("ws-last-trade-price.json"));
    server.send(text("ws-best-bid-ask.json"));

    await().atMost(WAIT).until(() -> stream.info(A).orElseThrow().announcedBestBid().isPresent());
    PolymarketBookStream.AssetInfo info = stream.info(A).orElseThrow();
    assertThat(info.tickSize()).contains(new BigDecimal("0.001"));
    assertThat(info.lastTradePrice()).contains(new BigDecimal("0.52"));
    assertThat(info.lastTradeSize()).contains(new BigDecimal("219.21"));
    assertThat(latest(KEY_A).seq()).isEqualTo(before.seq());
    assertThat(stream.stats().topMismatches()).isZero();
  }

  @Test
  void malformedMessages_countedAndNeverReplaceGoodData() {
    connect();
    Snapshot<OrderBook> good = latest(KEY_A);

    server.send("{\"event_type\":\"book\"");
    server.send(
        "{\"event_type\":\"book\",\"asset_id\":\""
            + A
            + "\",\"bids\":[{\"price\":\"-1\",\"size\":\"5\"}],\"asks\":[]}");
    server.send("{\"event_type\":\"price_change\",\"asset_id\":\"" + A + "\"}");

    await().atMost(WAIT).until(() -> stream.stats().malformed() == 3);
    assertThat(latest(KEY_A)).isEqualTo(good);
  }

  @Test
  void topOfBookMismatch_marksStaleAndRestReplacesInNewEpoch() {
    OrderBook truth =
        OrderBook.of(List.of(PriceLevel.of("0.47", "9")), List.of(PriceLevel.of("0.55", "3")));
    connect();
    Snapshot<OrderBook> before = latest(KEY_A);
    server.restBook(
        A,
        "{\"asset_id\":\""
            + A
            + "\",\"timestamp\":\"1767900009999\",\"bids\":[{\"price\":\"0.47\",\"size\":\"9\"}],"
            + "\"asks\":[{\"price\":\"0.55\",\"size\":\"3\"}]}");

    server.send(
        "{\"event_type\":\"price_change\",\"market\":\"0xbd31\",\"timestamp\":\"1767900000100\","
            + "\"price_changes\":[{\"asset_id\":\""
            + A
            + "\",\"price\":\"0.49\",\"size\":\"0\",\"side\":\"BUY\",\"best_bid\":\"0.47\","
            + "\"best_ask\":\"0.55\"}]}");

    await().atMost(WAIT).until(() -> latest(KEY_A).value().equals(truth) && isLive(KEY_A));
    assertThat(stream.stats().topMismatches()).isEqualTo(1);
    assertThat(latest(KEY_A).epoch()).isGreaterThan(before.epoch());
    assertThat(store.store(KEY_A).history())
        .anyMatch(s -> s.provenance() == Provenance.STALE && s.seq() > before.seq());
  }

  @Test
  void priceChangeBeforeAnyBook_notAppliedButResyncedOverRest() {
    server.wsBook(B, "{\"event_type\":\"new_market\"}");
    UpstreamClient client = UpstreamClient.builder("polymarket", server.restUri()).build();
    stream =
        PolymarketBookStream.builder(client, server.wsUri(), store)
            .assets(List.of(B))
            .clock(clock)
            .watchdogTick(Duration.ofMillis(10))
            .build();
    stream.start();
    await().atMost(WAIT).until(() -> server.posted().size() == 1);
    server.restBook(B, PolymarketJson.parse(text("rest-books.json")).get(1).toString());

    server.send(text("ws-price-change-two-assets.json"));

    await().atMost(WAIT).until(() -> isLive(KEY_B));
    assertThat(latest(KEY_B).value().bestBid()).contains(PriceLevel.of("0.46", "25"));
    assertThat(stream.stats().unapplicable()).isEqualTo(1);
  }

  @Test
  void ping_everyInterval_textPingAndPongIsNotData() {
    connect(
        b ->
            b.pingInterval(Duration.ofMillis(20))
                .silenceWindow(Duration.ofHours(1))
                .resyncInterval(Duration.ofHours(1)));
    long messages = stream.stats().messages();

    await().atMost(WAIT).until(() -> server.pings() >= 2 && stream.stats().pongs() >= 2);
    assertThat(stream.stats().messages()).isEqualTo(messages);
  }

  @Test
  void watchdog_silentBeyondWindow_staleThenReconnectedAndLiveInNewEpoch() {
    connect(b -> b.silenceWindow(Duration.ofSeconds(2)).resyncInterval(Duration.ofHours(1)));
    Snapshot<OrderBook> before = latest(KEY_A);

    clock.advance(Duration.ofMillis(1900));
    assertThat(stream.stats().silences()).isZero();
    clock.advance(Duration.ofMillis(200));

    await().atMost(WAIT).until(() -> server.connections() == 2);
    await().atMost(WAIT).until(() -> isLive(KEY_A) && isLive(KEY_B));
    assertThat(stream.stats().silences()).isEqualTo(2);
    assertThat(stream.stats().reconnects()).isEqualTo(1);
    assertThat(latest(KEY_A).epoch()).isGreaterThan(before.epoch());
    assertThat(latest(KEY_A).value()).isEqualTo(before.value());
    assertThat(store.store(KEY_A).history())
        .anyMatch(s -> s.provenance() == Provenance.STALE && s.seq() > before.seq());
  }

  @Test
  void periodicResync_restDiffers_correctedInNewEpoch() {
    OrderBook drifted =
        OrderBook.of(List.of(PriceLevel.of("0.50", "99")), List.of(PriceLevel.of("0.52", "25")));
    connect(b -> b.silenceWindow(Duration.ofHours(1)).resyncInterval(Duration.ofSeconds(30)));
    await().atMost(WAIT).until(() -> stream.stats().resyncCalls() >= 1);
    Snapshot<OrderBook> before = latest(KEY_A);
    server.restBook(
        A,
        "{\"asset_id\":\""
            + A
            + "\",\"timestamp\":\"1767900005000\",\"bids\":[{\"price\":\"0.50\",\"size\":\"99\"}],"
            + "\"asks\":[{\"price\":\"0.52\",\"size\":\"25\"}]}");

    clock.advance(Duration.ofSeconds(31));

    await().atMost(WAIT).until(() -> latest(KEY_A).value().equals(drifted));
    assertThat(latest(KEY_A).epoch()).isEqualTo(before.epoch() + 1);
    assertThat(latest(KEY_A).provenance()).isEqualTo(Provenance.LIVE);
    assertThat(stream.stats().corrections()).isEqualTo(1);
  }

  @Test
  void resync_restOlderThanStream_superseded() {
    connect();
    server.send(text("ws-price-change-current.json"));
    await().atMost(WAIT).until(() -> latest(KEY_A).value().equals(AFTER_CHANGES));
    server.restBook(A, text("rest-book.json"));

    stream.resyncNow();

    await().atMost(WAIT).until(() -> stream.stats().superseded() == 1);
    assertThat(latest(KEY_A).value()).isEqualTo(AFTER_CHANGES);
  }

  @Test
  void disconnect_marksStaleThenReconnectsWithFreshBooks() throws Exception {
    connect();
    Snapshot<OrderBook> before = latest(KEY_A);

    server.drop();

    await().atMost(WAIT).until(() -> server.connections() == 2);
    await().atMost(WAIT).until(() -> isLive(KEY_A) && latest(KEY_A).epoch() > before.epoch());
    assertThat(stream.stats().reconnects()).isEqualTo(1);
    assertThat(server.subscriptions()).hasSize(2);
  }

  @Test
  void restWhileDisconnected_thenStreamBook_startsANewEpoch() throws Exception {
    connect();
    long e0 = latest(KEY_A).epoch();
    OrderBook wsBook = latest(KEY_A).value();
    OrderBook restBook = PolymarketJson.book(PolymarketJson.parse(text("rest-book.json"))).book();
    server.refuseWebSocket(true);
    server.restBook(A, text("rest-book.json"));

    server.drop();
    await().atMost(WAIT).until(() -> latest(KEY_A).provenance() == Provenance.STALE);
    stream.resyncNow();
    await().atMost(WAIT).until(() -> isLive(KEY_A) && latest(KEY_A).value().equals(restBook));
    assertThat(latest(KEY_A).epoch()).isEqualTo(e0 + 1);
    await().atMost(WAIT).until(() -> stream.stats().lastError().contains("connect failed"));
    assertThat(isLive(KEY_A)).as("failed reconnects leave the REST book live").isTrue();
    server.restBook(A, text("ws-book.json"));
    server.refuseWebSocket(false);

    await().atMost(WAIT).until(() -> isLive(KEY_A) && latest(KEY_A).value().equals(wsBook));
    assertThat(latest(KEY_A).epoch()).isEqualTo(e0 + 2);
  }
}
