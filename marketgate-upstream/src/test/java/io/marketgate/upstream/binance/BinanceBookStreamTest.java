package io.marketgate.upstream.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import io.marketgate.model.MarketKey;
import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Venue;
import io.marketgate.upstream.Budget;
import io.marketgate.upstream.UpstreamClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stream client against a loopback combined-stream server and a loopback REST host. */
class BinanceBookStreamTest {

  private static final MarketKey BTC = new MarketKey(Venue.BINANCE, "BTCUSDT");
  private static final MarketKey ETH = new MarketKey(Venue.BINANCE, "ETHUSDT");

  private final FakeBinanceWs ws = new FakeBinanceWs();
  private final FakeBinanceRest rest = new FakeBinanceRest();
  private final Map<String, Long> snapshotIds = new ConcurrentHashMap<>();
  private final KeyedSnapshotStore<MarketKey, OrderBook> books =
      KeyedSnapshotStore.<MarketKey, OrderBook>builder("books").build();
  private final KeyedSnapshotStore<MarketKey, OrderBook> tops =
      KeyedSnapshotStore.<MarketKey, OrderBook>builder("tops").build();
  private BinanceBookStream stream;

  BinanceBookStreamTest() {
    rest.compute(
        "/api/v3/depth",
        query -> {
          String symbol = query.replaceAll(".*symbol=([A-Z]+).*", "$1");
          long id = snapshotIds.getOrDefault(symbol, 100L);
          return FakeBinanceRest.Reply.json(
              "{\"lastUpdateId\":"
                  + id
                  + ",\"bids\":[[\"100.00000000\",\"1.00000000\"]],"
                  + "\"asks\":[[\"101.00000000\",\"2.00000000\"]]}");
        });
  }

  @AfterEach
  void stop() {
    if (stream != null) {
      stream.close();
    }
    ws.close();
    rest.close();
  }

  private BinanceBookStream start(
      List<String> symbols, UnaryOperator<BinanceBookStream.Builder> settings) {
    UpstreamClient client =
        UpstreamClient.builder("binance", rest.baseUri())
            .budget(Budget.unlimited("binance"))
            .build();
    stream =
        settings
            .apply(
                BinanceBookStream.builder(client, ws.base(), books)
                    .tops(tops)
                    .symbols(symbols)
                    .backoff(Duration.ofMillis(20), Duration.ofMillis(100)))
            .build();
    stream.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> stream.stats().connected());
    return stream;
  }

  private Snapshot<OrderBook> latest(MarketKey key) {
    return books.latest(key).orElseThrow();
  }

  /** Waits until the live book of {@code key} holds the diff's bid 99.5 x 3. */
  private void awaitDiffApplied(MarketKey key) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                books
                    .latest(key)
                    .map(
                        s ->
                            s.provenance() == Provenance.LIVE
                                && s.value().bids().contains(PriceLevel.of("99.5", "3")))
                    .orElse(false));
  }

  /** Both symbols synced from a snapshot at 100 and one diff 100..101 each. */
  private void syncBoth() {
    start(List.of("BTCUSDT", "ETHUSDT"), b -> b);
    ws.diff("BTCUSDT", 100, 101, "99.5", "3");
    ws.diff("ETHUSDT", 100, 101, "99.5", "3");
    awaitDiffApplied(BTC);
    awaitDiffApplied(ETH);
  }

  @Test
  void start_putsEverySymbolsStreamsInTheUrl() {
    start(List.of("BTCUSDT", "ethusdt"), b -> b);

    assertThat(ws.handshakes())
        .containsExactly(
            "streams=btcusdt@depth@100ms/btcusdt@bookTicker/ethusdt@depth@100ms/ethusdt@bookTicker");
    assertThat(ws.commands()).isEmpty();
  }

  @Test
  void diff_thenSnapshot_publishesTheSyncedBook() {
    syncBoth();

    OrderBook btc = latest(BTC).value();
    assertThat(btc.bids()).containsExactly(PriceLevel.of("100", "1"), PriceLevel.of("99.5", "3"));
    assertThat(btc.asks()).containsExactly(PriceLevel.of("101", "2"));
    assertThat(rest.seen()).contains("/api/v3/depth?symbol=BTCUSDT&limit=1000");
  }

  @Test
  void gap_resyncsThatSymbolOnlyWithAnEpochBump() {
    syncBoth();
    long btcEpoch = latest(BTC).epoch();
    Snapshot<OrderBook> ethBefore = latest(ETH);
    long depthCalls = rest.count("/api/v3/depth");

    ws.diff("BTCUSDT", 105, 106, "99", "1"); // 102..104 missing
    await().atMost(Duration.ofSeconds(5)).until(() -> latest(BTC).provenance() == Provenance.STALE);
    snapshotIds.put("BTCUSDT", 106L);
    ws.diff("BTCUSDT", 107, 107, "98", "4");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> latest(BTC).provenance() == Provenance.LIVE && latest(BTC).seq() > 2);

    assertThat(latest(BTC).epoch()).isEqualTo(btcEpoch + 1);
    assertThat(latest(BTC).value().bids())
        .containsExactly(PriceLevel.of("100", "1"), PriceLevel.of("98", "4"));
    assertThat(stream.stats().gaps()).isEqualTo(1);
    assertThat(latest(ETH)).isEqualTo(ethBefore);
    assertThat(rest.seen().subList((int) depthCalls, rest.seen().size()))
        .allMatch(s -> s.contains("symbol=BTCUSDT"));
  }

  @Test
  void malformedDepthPayload_isCountedAndNeverReplacesTheBook() {
    syncBoth();
    OrderBook good = latest(BTC).value();

    ws.send(
        "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\","
            + "\"U\":102,\"u\":102,\"b\":[[\"oops\",\"1\"]],\"a\":[]}}");
    ws.send("not json at all");
    await().atMost(Duration.ofSeconds(5)).until(() -> stream.stats().malformed() == 2);

    assertThat(latest(BTC).value()).isEqualTo(good);
    assertThat(latest(BTC).provenance()).isEqualTo(Provenance.STALE);
    assertThat(latest(ETH).provenance()).isEqualTo(Provenance.LIVE);
  }

  @Test
  void bookTicker_publishesTopsAndIgnoresOlderUpdateIds() {
    start(List.of("BTCUSDT"), b -> b);

    ws.ticker("BTCUSDT", 50, "100.10000000", "100.20000000");
    ws.ticker("BTCUSDT", 49, "90.00000000", "91.00000000");
    ws.ticker("BTCUSDT", 51, "100.11000000", "100.20000000");
    await().atMost(Duration.ofSeconds(5)).until(() -> stream.stats().tickers() == 3);

    Snapshot<OrderBook> top = tops.latest(BTC).orElseThrow();
    assertThat(top.seq()).isEqualTo(2);
    assertThat(top.value().bestBid()).contains(PriceLevel.of("100.11", "1"));
    assertThat(top.value().bestAsk()).contains(PriceLevel.of("100.2", "2"));
  }

  @Test
  void ping_isAnsweredWithAPongEchoingItsPayload() {
    start(List.of("BTCUSDT"), b -> b);

    ws.ping("binance-1700000000");

    await().atMost(Duration.ofSeconds(5)).until(() -> !ws.pongs().isEmpty());
    assertThat(ws.pongs()).containsExactly("binance-1700000000");
  }

  @Test
  void subscribe_whileConnected_sendsPacedSubscribeMessages() {
    start(List.of("BTCUSDT"), b -> b.controlMessagesPerSecond(2));

    for (String s : List.of("ETHUSDT", "BNBUSDT", "SOLUSDT")) {
      stream.subscribe(List.of(s));
    }

    await().atMost(Duration.ofSeconds(5)).until(() -> ws.commands().size() == 3);
    assertThat(ws.commands().get(0).toString())
        .isEqualTo(
            "{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@depth@100ms\",\"ethusdt@bookTicker\"],"
                + "\"id\":1}");
    assertThat(ws.commands()).extracting(c -> c.path("id").asLong()).containsExactly(1L, 2L, 3L);
    assertThat(stream.stats().controlMessages()).isEqualTo(3);
    assertThat(stream.stats().serverErrors()).isZero();
  }

  @Test
  void disconnect_marksEveryBookStaleThenReconnectsAndResyncs() throws Exception {
    syncBoth();
    long btcEpoch = latest(BTC).epoch();
    snapshotIds.put("BTCUSDT", 200L);
    snapshotIds.put("ETHUSDT", 200L);

    ws.drop();
    await().atMost(Duration.ofSeconds(5)).until(() -> stream.stats().reconnects() == 1);
    // Each book is fetched again as soon as the new connection is open.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                latest(BTC).provenance() == Provenance.LIVE
                    && latest(ETH).provenance() == Provenance.LIVE);
    ws.diff("BTCUSDT", 200, 201, "99", "1");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> latest(BTC).value().bids().contains(PriceLevel.of("99", "1")));

    assertThat(latest(BTC).epoch()).isEqualTo(btcEpoch + 1);
    assertThat(latest(ETH).epoch()).isEqualTo(btcEpoch + 1);
    assertThat(stream.stats().gaps()).isZero();
    assertThat(ws.handshakes()).hasSize(2);
  }

  @Test
  void start_quietSymbol_getsItsBookFromTheSnapshotWithoutAnyDiff() {
    start(List.of("BTCUSDT"), b -> b);

    await().atMost(Duration.ofSeconds(5)).until(() -> books.latest(BTC).isPresent());

    assertThat(latest(BTC).value().bids()).containsExactly(PriceLevel.of("100", "1"));
    assertThat(latest(BTC).provenance()).isEqualTo(Provenance.LIVE);
  }

  @Test
  void firstDiffAfterAnEarlySnapshotNotStraddling_resyncsThatBook() {
    start(List.of("BTCUSDT"), b -> b);
    await().atMost(Duration.ofSeconds(5)).until(() -> books.latest(BTC).isPresent());
    snapshotIds.put("BTCUSDT", 110L);

    ws.diff("BTCUSDT", 105, 106, "99", "1"); // 101..104 happened before the stream: lost
    ws.diff("BTCUSDT", 111, 111, "98", "2");

    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> latest(BTC).value().bids().contains(PriceLevel.of("98", "2")));
    assertThat(stream.stats().gaps()).isEqualTo(1);
    assertThat(latest(BTC).value().bids()).doesNotContain(PriceLevel.of("99", "1"));
  }

  @Test
  void maxConnectionAge_replacesTheConnectionBeforeTheVenueLimit() {
    start(List.of("BTCUSDT"), b -> b.maxConnectionAge(Duration.ofMillis(300)));

    await().atMost(Duration.ofSeconds(5)).until(() -> ws.handshakes().size() >= 2);

    assertThat(stream.stats().rotations()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void close_marksBooksStaleAndStops() {
    syncBoth();

    stream.close();

    assertThat(latest(BTC).provenance()).isEqualTo(Provenance.STALE);
    assertThat(stream.stats().connected()).isFalse();
  }
}
