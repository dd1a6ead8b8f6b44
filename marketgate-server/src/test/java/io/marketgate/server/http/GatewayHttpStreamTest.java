package io.marketgate.server.http;

import static io.marketgate.server.http.HttpFixture.book;
import static io.marketgate.server.http.HttpFixture.bookAt;
import static io.marketgate.server.http.HttpFixture.kalshi;
import static io.marketgate.server.http.HttpFixture.market;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketgate.model.BinaryBook;
import io.marketgate.model.MarketKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/stream}: snapshots, updates, resume, resync, conflation and heartbeats. */
class GatewayHttpStreamTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final List<AutoCloseable> open = new ArrayList<>();
  private final MarketKey a = kalshi("A");
  private final MarketKey b = kalshi("B");

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private HttpFixture fixture(UnaryOperator<HttpLimits> limits) {
    HttpLimits l = limits.apply(HttpLimits.defaults());
    HttpFixture f =
        new HttpFixture(
            ApiKeys.of(
                Map.of(
                    HttpFixture.READ_KEY,
                    ApiKeys.Scope.READ,
                    HttpFixture.ADMIN_KEY,
                    ApiKeys.Scope.ADMIN)),
            builder -> builder.limits(l));
    open.add(f);
    return f;
  }

  private SseClient connect(HttpFixture f, String topics, Optional<String> lastEventId) {
    SseClient c = new SseClient(f, topics, lastEventId);
    open.add(c);
    return c;
  }

  private static HttpLimits withRing(HttpLimits l, int ring) {
    return new HttpLimits(
        l.maxEntityBytes(),
        l.maxHeaderBytes(),
        l.maxHeaders(),
        l.idleTimeout(),
        l.requestParseTimeout(),
        l.noRequestTimeout(),
        l.streamHeartbeat(),
        l.maxStreamClients(),
        l.maxTopics(),
        l.encodedBodies(),
        ring);
  }

  @Test
  void stream_freshConnection_getsSnapshotThenUpdatesInOrder() {
    HttpFixture f = fixture(UnaryOperator.identity());
    f.data.books().publish(a, bookAt(40));
    SseClient c = connect(f, "books:kalshi:A", Optional.empty());

    await().atMost(WAIT).until(() -> c.events.size() == 1);
    f.data.books().publish(a, bookAt(41));
    f.data.books().publish(b, bookAt(30)); // not subscribed

    await().atMost(WAIT).until(() -> c.events.size() == 2);
    assertThat(c.response.statusCode()).isEqualTo(200);
    assertThat(c.response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    SseClient.Event snapshot = c.events.get(0);
    assertThat(snapshot.type()).isEqualTo("snapshot");
    assertThat(snapshot.seq()).isEqualTo(1);
    assertThat(snapshot.data().get("snapshot").asBoolean()).isTrue();
    SseClient.Event update = c.events.get(1);
    assertThat(update.type()).isEqualTo("update");
    assertThat(update.seq()).isEqualTo(2);
    assertThat(update.data().get("topic").asText()).isEqualTo("books:kalshi:A");
    assertThat(update.data().get("value").get("yes").get("bid").get("price").asText())
        .isEqualTo("0.41");
    assertThat(update.id()).isPresent();
  }

  @Test
  void stream_prefixTopics_followMarketsAndBooksOfAVenue() {
    HttpFixture f = fixture(UnaryOperator.identity());
    SseClient c = connect(f, "markets:kalshi,books:*", Optional.empty());
    await().atMost(WAIT).until(() -> f.server != null && clients(f) == 1);

    f.data.markets().publish(a, market("A", "EV", "S", "active"));
    f.data.books().publish(b, bookAt(30));

    await().atMost(WAIT).until(() -> c.events.size() == 2);
    assertThat(c.events)
        .extracting(e -> e.data().get("store").asText())
        .containsExactlyInAnyOrder("markets", "books");
  }

  @Test
  void stream_resumedWithLastEventId_replaysWhatWasMissedWithoutSnapshots() {
    HttpFixture f = fixture(UnaryOperator.identity());
    f.data.books().publish(a, bookAt(40));
    SseClient first = connect(f, "books:kalshi", Optional.empty());
    await().atMost(WAIT).until(() -> first.events.size() == 1);
    f.data.books().publish(a, bookAt(41));
    await().atMost(WAIT).until(() -> first.events.size() == 2);
    String lastId = first.lastId();
    first.close();

    f.data.books().publish(a, bookAt(42));
    f.data.books().publish(b, bookAt(30));
    SseClient second = connect(f, "books:kalshi", Optional.of(lastId));

    await().atMost(WAIT).until(() -> second.events.size() == 2);
    assertThat(second.events).extracting(SseClient.Event::type).containsOnly("update");
    assertThat(second.of("kalshi:A")).extracting(SseClient.Event::seq).containsExactly(3L);
    assertThat(second.of("kalshi:B")).extracting(SseClient.Event::seq).containsExactly(1L);
  }

  @Test
  void stream_resumedAfterTheRingMovedOn_getsResyncSnapshots() {
    HttpFixture f = fixture(l -> withRing(l, 16));
    f.data.books().publish(a, bookAt(40));
    SseClient first = connect(f, "books:kalshi:A", Optional.empty());
    f.data.books().publish(a, bookAt(41));
    await().atMost(WAIT).until(() -> first.events.stream().anyMatch(e -> e.seq() == 2));
    String lastId = first.lastId();
    first.close();

    for (int i = 0; i < 40; i++) {
      f.data.books().publish(a, bookAt(42 + i % 20));
    }
    SseClient second = connect(f, "books:kalshi:A", Optional.of(lastId));

    await().atMost(WAIT).until(() -> second.events.size() == 1);
    SseClient.Event resync = second.events.get(0);
    assertThat(resync.type()).isEqualTo("resync");
    assertThat(resync.seq()).isEqualTo(42);
    assertThat(resync.data().get("resync").asBoolean()).isTrue();
    assertThat(resync.id()).isPresent();
    // the first client may count too: its disconnect is noticed only at its next write
    assertThat(f.registry.get("marketgate.http.stream.resyncs").counter().count())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void stream_lastEventIdOfAnotherServer_getsResync() {
    HttpFixture f = fixture(UnaryOperator.identity());
    f.data.books().publish(a, bookAt(40));

    SseClient c = connect(f, "books:kalshi:A", Optional.of("deadbeef.12"));

    await().atMost(WAIT).until(() -> c.events.size() == 1);
    assertThat(c.events.get(0).type()).isEqualTo("resync");
  }

  @Test
  void stream_idle_sendsHeartbeatComments() {
    HttpFixture f = fixture(GatewayHttpStreamTest::fastHeartbeat);

    SseClient c = connect(f, "books:*", Optional.empty());

    await().atMost(WAIT).until(() -> c.comments.size() >= 2);
  }

  @Test
  void stream_stalledConsumer_neitherBlocksThePublisherNorOtherClients() throws IOException {
    HttpFixture f = fixture(UnaryOperator.identity());
    BinaryBook deep = deepBook();
    f.data.books().publish(a, deep);
    try (Socket stalled = new Socket()) {
      stalled.setReceiveBufferSize(4096);
      stalled.connect(new java.net.InetSocketAddress("127.0.0.1", f.port));
      stalled
          .getOutputStream()
          .write(
              ("GET /v1/stream?topics=books:kalshi:A HTTP/1.1\r\nHost: x\r\nX-API-Key: "
                      + HttpFixture.READ_KEY
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.UTF_8));
      SseClient fast = connect(f, "books:kalshi:A", Optional.empty());
      await().atMost(WAIT).until(() -> clients(f) == 2);
      int n = 20_000;

      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        f.data.books().publish(a, i % 2 == 0 ? bookAt(40) : deep);
      }
      Duration publishing = Duration.ofNanos(System.nanoTime() - start);

      assertThat(publishing).isLessThan(Duration.ofSeconds(5));
      await().atMost(WAIT).until(() -> !fast.events.isEmpty() && last(fast).seq() == n + 1);
      assertThat(f.registry.get("marketgate.http.stream.conflated").counter().count()).isPositive();
      // the stalled client now reads: it catches up to the latest value, conflated
      String text = readUntil(stalled.getInputStream(), "\"seq\":" + (n + 1) + ",");
      int received = text.split("\nevent: ").length - 1;
      assertThat(received).isLessThan(n / 2);
    }
  }

  @Test
  void stream_clientsGauge_countsConnectedClientsAndNoticesDisconnectsByHeartbeat() {
    HttpFixture f = fixture(GatewayHttpStreamTest::fastHeartbeat);

    SseClient c = connect(f, "books:*", Optional.empty());
    await().atMost(WAIT).until(() -> clients(f) == 1);
    c.close();

    await().atMost(WAIT).until(() -> clients(f) == 0);
  }

  private static HttpLimits fastHeartbeat(HttpLimits l) {
    return new HttpLimits(
        l.maxEntityBytes(),
        l.maxHeaderBytes(),
        l.maxHeaders(),
        Duration.ofSeconds(5),
        l.requestParseTimeout(),
        l.noRequestTimeout(),
        Duration.ofMillis(100),
        l.maxStreamClients(),
        l.maxTopics(),
        l.encodedBodies(),
        l.streamRingSize());
  }

  private static int clients(HttpFixture f) {
    return (int) f.registry.get("marketgate.http.stream.clients").gauge().value();
  }

  private static SseClient.Event last(SseClient c) {
    return c.events.get(c.events.size() - 1);
  }

  private static BinaryBook deepBook() {
    List<String> levels = new ArrayList<>();
    for (int i = 1; i < 99; i++) {
      levels.add("y:0." + String.format("%02d", i) + ":" + (1000 + i));
    }
    return book(levels.toArray(String[]::new));
  }

  private static String readUntil(InputStream in, String marker) throws IOException {
    StringBuilder got = new StringBuilder();
    byte[] buf = new byte[65536];
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      int r = in.read(buf);
      if (r < 0) {
        break;
      }
      got.append(new String(buf, 0, r, StandardCharsets.UTF_8));
      if (got.indexOf(marker) >= 0) {
        return got.toString();
      }
    }
    throw new AssertionError("never saw " + marker + " in " + got.length() + " chars");
  }
}
