package io.marketgate.upstream.kalshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.ManualClock;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.BinarySide;
import io.marketgate.model.MarketKey;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Venue;
import io.marketgate.upstream.UpstreamClient;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KalshiBookStreamTest {

  private static final String A = "KXNBAGAME-26JAN08MIACHI-MIA";
  private static final String B = "KXNBAGAME-26JAN08MIACHI-CHI";
  private static final MarketKey KEY_A = new MarketKey(Venue.KALSHI, A);
  private static final MarketKey KEY_B = new MarketKey(Venue.KALSHI, B);
  private static final String SNAPSHOT_A =
      "\"yes_dollars_fp\":[[\"0.4600\",\"150.00\"],[\"0.4700\",\"300.00\"]],"
          + "\"no_dollars_fp\":[[\"0.5200\",\"200.00\"]]";
  private static final String SNAPSHOT_A_AFTER_RESYNC =
      "\"yes_dollars_fp\":[[\"0.4000\",\"1.00\"]],\"no_dollars_fp\":[[\"0.5500\",\"2.00\"]]";
  private static final String SNAPSHOT_B_LEGACY =
      "\"yes\":[[30,10]],\"no\":[[68,\"5\"],[60,1]],\"no_dollars\":[[\"0.680\",5],[\"0.600\",1]]";

  private static KeyPair pair;

  private FakeKalshiWs server;
  private KeyedSnapshotStore<MarketKey, BinaryBook> store;
  private KalshiBookStream stream;
  private volatile String snapshotOfA = SNAPSHOT_A;

  @BeforeAll
  static void generateKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    pair = g.generateKeyPair();
  }

  @BeforeEach
  void start() {
    server =
        new FakeKalshiWs()
            .snapshots(
                t ->
                    switch (t) {
                      case A -> snapshotOfA;
                      case B -> SNAPSHOT_B_LEGACY;
                      default -> "\"yes_dollars_fp\":[[\"0.1000\",\"1.00\"]]";
                    });
    store =
        KeyedSnapshotStore.<MarketKey, BinaryBook>builder("kalshi-books")
            .source("kalshi.ws")
            .clock(new ManualClock())
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

  private KalshiBookStream connect(List<String> tickers) {
    UpstreamClient client =
        UpstreamClient.builder("kalshi", URI.create("http://127.0.0.1:9/trade-api/v2"))
            .signer(
                KalshiSigner.of(
                    "ws-key-id",
                    pair.getPrivate(),
                    new ManualClock(Instant.ofEpochMilli(1767900000000L))))
            .build();
    stream =
        KalshiBookStream.builder(client, server.uri(), store)
            .tickers(tickers)
            .backoff(Duration.ofMillis(10), Duration.ofMillis(50))
            .random(new SplittableRandom(7))
            .build();
    stream.start();
    for (String t : tickers) {
      await().atMost(Duration.ofSeconds(5)).until(() -> isLive(t));
    }
    return stream;
  }

  private boolean isLive(String ticker) {
    return store
        .latest(new MarketKey(Venue.KALSHI, ticker))
        .map(s -> s.provenance() == Provenance.LIVE)
        .orElse(false);
  }

  private Snapshot<BinaryBook> latest(MarketKey key) {
    return store.latest(key).orElseThrow();
  }

  @Test
  void start_snapshots_publishesBothShapesAsLiveBooks() {
    connect(List.of(A, B));

    assertThat(latest(KEY_A).value().yesBids())
        .containsExactly(lvl("0.47", "300"), lvl("0.46", "150"));
    assertThat(latest(KEY_A).value().noBids()).containsExactly(lvl("0.52", "200"));
    assertThat(latest(KEY_A).source()).isEqualTo("kalshi.ws");
    assertThat(latest(KEY_B).value().yesBids()).containsExactly(lvl("0.30", "10"));
    assertThat(latest(KEY_B).value().noBids()).containsExactly(lvl("0.68", "5"), lvl("0.60", "1"));
    List<JsonNode> subscribes = server.commands("subscribe");
    assertThat(subscribes).hasSize(2);
    assertThat(subscribes.get(0).path("params").path("channels").get(0).asText())
        .isEqualTo("orderbook_delta");
    assertThat(subscribes)
        .extracting(c -> c.path("params").path("market_tickers").get(0).asText())
        .containsExactly(A, B);
    assertThat(subscribes.get(0).path("id").asLong())
        .isLessThan(subscribes.get(1).path("id").asLong());
  }

  @Test
  void start_handshake_signedOverWebSocketPath() throws Exception {
    connect(List.of(A));

    Map<String, List<String>> h = server.handshakes().get(0);
    assertThat(header(h, "KALSHI-ACCESS-KEY")).isEqualTo("ws-key-id");
    assertThat(header(h, "KALSHI-ACCESS-TIMESTAMP")).isEqualTo("1767900000000");
    Signature s = Signature.getInstance("RSASSA-PSS");
    s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    s.initVerify(pair.getPublic());
    s.update("1767900000000GET/trade-api/ws/v2".getBytes(StandardCharsets.UTF_8));
    assertThat(s.verify(Base64.getDecoder().decode(header(h, "KALSHI-ACCESS-SIGNATURE")))).isTrue();
  }

  @Test
  void deltas_currentAndLegacyFractional_appliedExactly() {
    connect(List.of(A));
    long epoch = latest(KEY_A).epoch();

    server.delta(
        A, "\"price_dollars\":\"0.4700\",\"delta_fp\":\"-50.00\",\"side\":\"yes\",\"ts_ms\":1");
    server.delta(A, "\"price\":46,\"price_dollars\":\"0.460\",\"delta\":-0.5,\"side\":\"yes\"");
    server.delta(A, "\"price\":\"46\",\"delta\":\"0.25\",\"side\":\"yes\"");
    server.delta(A, "\"price_dollars\":0.455,\"delta_fp\":12.5,\"side\":\"NO\"");
    server.delta(A, "\"price_dollars\":\"0.5200\",\"delta_fp\":\"-200.00\",\"side\":\"no\"");

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              BinaryBook book = latest(KEY_A).value();
              assertThat(book.yesBids()).containsExactly(lvl("0.47", "250"), lvl("0.46", "149.75"));
              assertThat(book.noBids()).containsExactly(lvl("0.455", "12.5"));
            });
    assertThat(latest(KEY_A).epoch()).isEqualTo(epoch);
    assertThat(latest(KEY_A).provenance()).isEqualTo(Provenance.LIVE);
    assertThat(stream.stats().gaps()).isZero();
    assertThat(stream.stats().malformed()).isZero();
  }

  @Test
  void delta_duplicateSeq_ignored() {
    connect(List.of(A));
    server.delta(A, "\"price_dollars\":\"0.4700\",\"delta_fp\":\"-50.00\",\"side\":\"yes\"");
    long seq = server.seq(A);

    server.raw(
        server.sid(A),
        seq,
        A,
        "\"price_dollars\":\"0.4700\",\"delta_fp\":\"-50.00\",\"side\":\"yes\"");
    server.delta(A, "\"price_dollars\":\"0.4600\",\"delta_fp\":\"1.00\",\"side\":\"yes\"");

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(latest(KEY_A).value().yesBids())
                    .containsExactly(lvl("0.47", "250"), lvl("0.46", "151")));
    assertThat(stream.stats().duplicates()).isEqualTo(1);
    assertThat(stream.stats().gaps()).isZero();
  }

  @Test
  void delta_sequenceGap_marksOnlyThatBookStaleAndResyncsIt() {
    connect(List.of(A, B));
    long epochA = latest(KEY_A).epoch();
    long epochB = latest(KEY_B).epoch();
    long seqB = latest(KEY_B).seq();
    int oldSidA = server.sid(A);
    snapshotOfA = SNAPSHOT_A_AFTER_RESYNC;

    server.deltaAfterGap(
        A, 1, "\"price_dollars\":\"0.4700\",\"delta_fp\":\"-50.00\",\"side\":\"yes\"");

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              Snapshot<BinaryBook> s = latest(KEY_A);
              assertThat(s.provenance()).isEqualTo(Provenance.LIVE);
              assertThat(s.value().yesBids()).containsExactly(lvl("0.40", "1"));
            });
    List<Snapshot<BinaryBook>> history = store.store(KEY_A).history();
    Snapshot<BinaryBook> stale = history.get(history.size() - 2);
    assertThat(stale.provenance()).isEqualTo(Provenance.STALE);
    assertThat(stale.epoch()).isEqualTo(epochA + 1);
    assertThat(stale.value().yesBids()).containsExactly(lvl("0.47", "300"), lvl("0.46", "150"));
    // One discontinuity, one epoch: the STALE republish and the resync snapshot share it.
    assertThat(latest(KEY_A).epoch()).isEqualTo(epochA + 1);
    assertThat(latest(KEY_B).epoch()).isEqualTo(epochB);
    assertThat(latest(KEY_B).seq()).isEqualTo(seqB);
    assertThat(latest(KEY_B).provenance()).isEqualTo(Provenance.LIVE);
    assertThat(server.commands("unsubscribe"))
        .singleElement()
        .satisfies(
            c -> assertThat(c.path("params").path("sids").get(0).asInt()).isEqualTo(oldSidA));
    List<JsonNode> subscribes = server.commands("subscribe");
    assertThat(subscribes).hasSize(3);
    assertThat(subscribes.get(2).path("params").path("market_tickers").toString())
        .isEqualTo("[\"" + A + "\"]");
    assertThat(stream.stats().gaps()).isEqualTo(1);
    assertThat(stream.stats().resyncs()).isEqualTo(1);

    server.delta(A, "\"price_dollars\":\"0.4000\",\"delta_fp\":\"2.00\",\"side\":\"yes\"");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(latest(KEY_A).value().yesBids()).containsExactly(lvl("0.40", "3")));
  }

  @Test
  void disconnect_marksAllStaleThenReconnectsAndResubscribesEverything() throws Exception {
    connect(List.of(A, B));
    long epochA = latest(KEY_A).epoch();
    long epochB = latest(KEY_B).epoch();

    server.drop();

    await().atMost(Duration.ofSeconds(5)).until(() -> server.handshakes().size() == 2);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> isLive(A) && isLive(B) && latest(KEY_B).epoch() > epochB);
    for (MarketKey key : List.of(KEY_A, KEY_B)) {
      List<Snapshot<BinaryBook>> history = store.store(key).history();
      assertThat(history).extracting(Snapshot::provenance).contains(Provenance.STALE);
      assertThat(history.get(history.size() - 1).provenance()).isEqualTo(Provenance.LIVE);
    }
    // One discontinuity, one epoch: the STALE republish and the resync snapshot share it.
    assertThat(latest(KEY_A).epoch()).isEqualTo(epochA + 1);
    assertThat(latest(KEY_B).epoch()).isEqualTo(epochB + 1);
    List<String> subscribed = new ArrayList<>();
    server
        .commands("subscribe")
        .forEach(c -> subscribed.add(c.path("params").path("market_tickers").get(0).asText()));
    assertThat(subscribed).containsExactly(A, B, A, B);
    await().atMost(Duration.ofSeconds(5)).until(() -> stream.stats().reconnects() == 1);
    assertThat(stream.stats().connected()).isTrue();

    server.delta(A, "\"price_dollars\":\"0.4700\",\"delta_fp\":\"1.00\",\"side\":\"yes\"");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(latest(KEY_A).value().sizeAt(BinarySide.YES, new BigDecimal("0.47")))
                    .isEqualByComparingTo("301"));
  }

  @Test
  void malformedMessages_countedAndNeverReplaceGoodData() {
    connect(List.of(A, B));
    Snapshot<BinaryBook> before = latest(KEY_A);

    server.sendText("this is not json");
    server.sendText("{\"sid\":1,\"seq\":2}");
    await().atMost(Duration.ofSeconds(5)).until(() -> stream.stats().malformed() == 2);

    assertThat(latest(KEY_A)).isEqualTo(before);

    server.delta(A, "\"price_dollars\":\"abc\",\"delta_fp\":\"1.00\",\"side\":\"yes\"");
    await().atMost(Duration.ofSeconds(5)).until(() -> stream.stats().malformed() == 3);
    await().atMost(Duration.ofSeconds(5)).until(() -> stream.stats().resyncs() == 1);
    await().atMost(Duration.ofSeconds(5)).until(() -> isLive(A));
    assertThat(latest(KEY_A).value()).isEqualTo(before.value());
    assertThat(latest(KEY_A).epoch()).isEqualTo(before.epoch() + 1);
    assertThat(store.store(KEY_A).history())
        .extracting(Snapshot::provenance)
        .contains(Provenance.STALE);
    assertThat(latest(KEY_B).provenance()).isEqualTo(Provenance.LIVE);
  }

  @Test
  void ping_fromServer_answeredWithPong() {
    connect(List.of(A));

    server.ping();

    await().atMost(Duration.ofSeconds(5)).until(() -> server.pongs() >= 1);
  }

  @Test
  void subscribe_serverError_countedAndOtherBooksUnaffected() {
    server.reject("KXNBAGAME-26JAN08MIACHI-XXX");
    connect(List.of(A));

    stream.subscribe(List.of("KXNBAGAME-26JAN08MIACHI-XXX", B));

    await().atMost(Duration.ofSeconds(5)).until(() -> stream.stats().errors() == 1 && isLive(B));
    assertThat(isLive(A)).isTrue();
    assertThat(store.latest(new MarketKey(Venue.KALSHI, "KXNBAGAME-26JAN08MIACHI-XXX"))).isEmpty();
  }

  @Test
  void close_running_marksBooksStaleAndStopsReconnecting() {
    connect(List.of(A));

    stream.close();

    assertThat(latest(KEY_A).provenance()).isEqualTo(Provenance.STALE);
    assertThat(stream.stats().connected()).isFalse();
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> server.handshakes().size() == 1);
  }

  @Test
  void backoffMillis_growingAttempts_doublesWithEqualJitterUpToCap() {
    SplittableRandom random = new SplittableRandom(1);
    Duration initial = Duration.ofMillis(100);
    Duration max = Duration.ofSeconds(2);

    for (int i = 0; i < 200; i++) {
      assertThat(KalshiBookStream.backoffMillis(0, initial, max, random)).isBetween(50L, 100L);
      assertThat(KalshiBookStream.backoffMillis(3, initial, max, random)).isBetween(400L, 800L);
      assertThat(KalshiBookStream.backoffMillis(40, initial, max, random)).isBetween(1000L, 2000L);
    }
  }

  private static String header(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(e -> e.getValue().get(0))
        .findFirst()
        .orElse(null);
  }

  private static PriceLevel lvl(String price, String size) {
    return PriceLevel.of(price, size);
  }
}
