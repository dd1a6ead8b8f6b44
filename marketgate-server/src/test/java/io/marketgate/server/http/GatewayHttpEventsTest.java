package io.marketgate.server.http;

import static io.marketgate.server.http.EventsFixture.START;
import static io.marketgate.server.http.EventsFixture.event;
import static io.marketgate.server.http.EventsFixture.handChecked;
import static io.marketgate.server.http.EventsFixture.key;
import static io.marketgate.server.http.EventsFixture.moneyline;
import static io.marketgate.server.http.EventsFixture.spread;
import static io.marketgate.server.http.HttpFixture.header;
import static io.marketgate.server.http.HttpFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.model.DeVigMethod;
import io.marketgate.model.EventKey;
import io.marketgate.model.OddsEvent;
import io.marketgate.server.events.EventFallback;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/events} and {@code GET /v1/events/{id}} on a real server. */
class GatewayHttpEventsTest {

  private static final double EPS = 1e-6;

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private HttpFixture fixture(UnaryOperator<GatewayHttpServer.Builder> customize) {
    HttpFixture f =
        new HttpFixture(
            ApiKeys.of(
                Map.of(
                    HttpFixture.READ_KEY,
                    ApiKeys.Scope.READ,
                    HttpFixture.ADMIN_KEY,
                    ApiKeys.Scope.ADMIN)),
            customize);
    open.add(f);
    return f;
  }

  private HttpFixture fixture() {
    return fixture(UnaryOperator.identity());
  }

  private static JsonNode line(JsonNode event, String book, String market) {
    for (JsonNode b : event.get("bookmakers")) {
      if (b.get("id").asText().equals(book)) {
        for (JsonNode l : b.get("lines")) {
          if (l.get("market").asText().equals(market)) {
            return l;
          }
        }
      }
    }
    throw new AssertionError("no " + market + " line of " + book + " in " + event);
  }

  // ---------------------------------------------------------------- list

  @Test
  void events_handCheckedEvent_consensusAndFairMatchHandComputedNumbers() {
    HttpFixture f = fixture();
    f.data.oddsEvents().publish(key("g1"), handChecked("g1"));

    HttpResponse<byte[]> r = f.get("/v1/events");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = json(r);
    assertThat(doc.get("count").asInt()).isEqualTo(1);
    assertThat(doc.get("devig").asText()).isEqualTo("multiplicative");
    JsonNode e = doc.get("events").get(0);
    assertThat(e.get("id").asText()).isEqualTo("odds_api:g1");
    assertThat(e.get("bookmakers")).hasSize(4);
    // moneyline: median of -150/-140/-160 is -150 (1.6667), of +130/+120/+135 is +130 (2.30);
    // fair home = 0.6 / (0.6 + 1/2.3) = 0.579832
    JsonNode ml = e.get("consensus").get("moneyline");
    assertThat(ml.get("bookmakers").asInt()).isEqualTo(3);
    assertThat(ml.get("outcomes").get(0).get("side").asText()).isEqualTo("home");
    assertThat(ml.get("outcomes").get(0).get("american").asDouble()).isCloseTo(-150, within(1e-6));
    assertThat(ml.get("outcomes").get(1).get("american").asDouble()).isCloseTo(130, within(1e-6));
    assertThat(ml.get("fair").get("home").asDouble()).isEqualTo(0.579832); // 0.5798319...
    assertThat(ml.get("outcomes").get(0).get("american").isIntegralNumber()).isTrue();
    assertThat(ml.get("fair").get("away").asDouble()).isCloseTo(0.4201680672268907, within(EPS));
    // spread: home points -7, -6.5, -6.5, -5.5 -> lower median -6.5, priced by a and c:
    // home median of 1.909091 and 1.952381, away of 1.909091 and 1.869565
    JsonNode sp = e.get("consensus").get("spread");
    assertThat(sp.get("points").asDouble()).isEqualTo(-6.5);
    assertThat(sp.get("bookmakers").asInt()).isEqualTo(2);
    assertThat(sp.get("lines").asInt()).isEqualTo(4);
    assertThat(sp.get("outcomes").get(0).get("points").asDouble()).isEqualTo(-6.5);
    assertThat(sp.get("outcomes").get(1).get("points").asDouble()).isEqualTo(6.5);
    assertThat(sp.get("outcomes").get(0).get("decimal").asDouble())
        .isEqualTo(1.9307); // 1.9307359..., written to 4 places
    assertThat(sp.get("outcomes").get(1).get("decimal").asDouble()).isEqualTo(1.8893);
    assertThat(sp.get("fair").get("home").asDouble()).isCloseTo(0.49458021284982256, within(EPS));
    // total: 220.5, 220.5, 221.5 (d's one-sided line left out) -> 220.5, priced by a and c
    JsonNode tot = e.get("consensus").get("total");
    assertThat(tot.get("points").asDouble()).isEqualTo(220.5);
    assertThat(tot.get("lines").asInt()).isEqualTo(3);
    assertThat(tot.get("fair").get("over").asDouble()).isCloseTo(0.5108910891089109, within(EPS));
    assertThat(tot.get("fair").get("under").asDouble()).isCloseTo(0.48910891089108915, within(EPS));
    // per bookmaker: b's moneyline -140/+120 de-vigged on its own
    JsonNode b = line(e, "b", "moneyline");
    assertThat(b.get("fair").get("home").asDouble()).isCloseTo(0.5620437956204379, within(EPS));
    assertThat(b.get("source").asText()).isEqualTo("live");
    assertThat(b.get("as_of").asText()).isEqualTo(f.clock.wallTime().toString());
    assertThat(b.get("updated_at").asText()).isEqualTo(EventsFixture.UPDATED.toString());
    assertThat(line(e, "d", "total").get("fair").isNull()).isTrue();
    assertThat(header(r, "X-Source")).isEqualTo("live");
    assertThat(header(r, "X-Seq")).isEqualTo(String.valueOf(f.data.oddsEvents().version()));
  }

  @Test
  void events_additiveDevigConfigured_usesIt() {
    HttpFixture f = fixture(b -> b.devig(DeVigMethod.ADDITIVE));
    f.data.oddsEvents().publish(key("g1"), handChecked("g1"));

    JsonNode e = json(f.get("/v1/events")).get("events").get(0);

    assertThat(e.get("devig").asText()).isEqualTo("additive");
    // 1/1.6667 - (0.6 + 1/2.3 - 1) / 2
    assertThat(e.get("consensus").get("moneyline").get("fair").get("home").asDouble())
        .isCloseTo(0.5826086956521739, within(EPS));
  }

  @Test
  void events_filters_selectByLeagueWindowAndBookmaker() {
    HttpFixture f = fixture();
    f.data.oddsEvents().publish(key("g1"), handChecked("g1"));
    f.data
        .oddsEvents()
        .publish(
            key("g2"),
            event(
                "g2", "nba", START.plus(Duration.ofDays(1)), List.of(moneyline("x", -110, -110))));
    f.data
        .oddsEvents()
        .publish(key("g3"), event("g3", "nhl", START, List.of(moneyline("a", -110, -110))));

    assertThat(ids(f.get("/v1/events")))
        .containsExactly("odds_api:g1", "odds_api:g3", "odds_api:g2");
    assertThat(ids(f.get("/v1/events?league=nba"))).containsExactly("odds_api:g1", "odds_api:g2");
    assertThat(ids(f.get("/v1/events?from=2026-01-11"))).containsExactly("odds_api:g2");
    assertThat(ids(f.get("/v1/events?to=2026-01-10T00:30:00Z"))).isEmpty();
    assertThat(ids(f.get("/v1/events?from=2026-01-10&to=2026-01-10")))
        .containsExactly("odds_api:g1", "odds_api:g3");
    assertThat(ids(f.get("/v1/events?bookmaker=x"))).containsExactly("odds_api:g2");
    JsonNode onlyB = json(f.get("/v1/events?bookmaker=b&league=nba")).get("events").get(0);
    assertThat(onlyB.get("bookmakers")).hasSize(1);
    assertThat(
            onlyB
                .get("consensus")
                .get("moneyline")
                .get("outcomes")
                .get(0)
                .get("american")
                .asDouble())
        .isCloseTo(-140, within(1e-6));
  }

  private static List<String> ids(HttpResponse<byte[]> r) {
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    json(r).get("events").forEach(e -> out.add(e.get("id").asText()));
    return out;
  }

  @Test
  void events_ifNoneMatchCurrentEtag_is304_andNewPublishChangesIt() {
    HttpFixture f = fixture();
    f.data.oddsEvents().publish(key("g1"), handChecked("g1"));
    HttpResponse<byte[]> first = f.get("/v1/events");
    String etag = header(first, "ETag");

    HttpResponse<byte[]> same = f.get("/v1/events", "If-None-Match", etag);
    f.data
        .oddsEvents()
        .publish(key("g2"), event("g2", "nba", START, List.of(moneyline("a", 100, -120))));
    HttpResponse<byte[]> after = f.get("/v1/events", "If-None-Match", etag);

    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.body()).isEmpty();
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(header(after, "ETag")).isNotEqualTo(etag);
    assertThat(json(after).get("count").asInt()).isEqualTo(2);
  }

  @Test
  void events_acceptGzip_answersTheSameJsonCompressed() throws IOException {
    HttpFixture f = fixture();
    f.data.oddsEvents().publish(key("g1"), handChecked("g1"));
    byte[] plain = f.get("/v1/events").body();

    HttpResponse<byte[]> gz = f.get("/v1/events", "Accept-Encoding", "gzip");

    assertThat(header(gz, "Content-Encoding")).isEqualTo("gzip");
    assertThat(header(gz, "ETag")).endsWith("-gz\"");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }
  }

  @Test
  void events_malformedParameters_are400NamingTheParameter() {
    HttpFixture f = fixture();
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry("/v1/events?from=yesterday", "from"),
            Map.entry("/v1/events?to=2026-13-01", "to"),
            Map.entry("/v1/events?from=2026-01-10T00:00:00", "from"),
            Map.entry("/v1/events?from=2026-01-11&to=2026-01-10T12:00:00Z", "from"),
            Map.entry("/v1/events?league=NBA", "league"),
            Map.entry("/v1/events?league=", "league"),
            Map.entry("/v1/events?bookmaker=", "bookmaker"),
            Map.entry("/v1/events?bookmaker=a,,b", "bookmaker"),
            Map.entry("/v1/events?bookmaker=draft%20kings", "bookmaker"),
            Map.entry("/v1/events?max_age_ms=-1", "max_age_ms"),
            Map.entry("/v1/events?sport=nba", "sport"),
            Map.entry("/v1/events/no-colon", "id"),
            Map.entry("/v1/events/nowhere:g1", "id"));
    cases.forEach(
        (path, parameter) -> {
          HttpResponse<byte[]> r = f.get(path);
          assertThat(r.statusCode()).as(path).isEqualTo(400);
          assertThat(header(r, "Content-Type")).as(path).startsWith("application/json");
          JsonNode doc = json(r);
          assertThat(doc.get("error").asText()).as(path).isEqualTo("bad_parameter");
          assertThat(doc.get("parameter").asText()).as(path).isEqualTo(parameter);
          assertThat(doc.get("message").asText()).as(path).isNotBlank();
        });
  }

  // ---------------------------------------------------------------- one event

  @Test
  void event_inMemory_hasEveryBookmakerAndLineHistory() {
    HttpFixture f = fixture();
    f.data
        .oddsEvents()
        .publish(key("g1"), event("g1", "nba", START, List.of(spread("a", -6.5, -110, -110))));
    f.clock.advance(Duration.ofSeconds(30));
    f.data
        .oddsEvents()
        .publish(key("g1"), event("g1", "nba", START, List.of(spread("a", -7.0, -110, -110))));

    HttpResponse<byte[]> r = f.get("/v1/events/odds_api:g1");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "X-Source")).isEqualTo("live");
    assertThat(header(r, "X-Seq")).isEqualTo("2");
    JsonNode e = json(r);
    JsonNode history = line(e, "a", "spread").get("history");
    assertThat(history).hasSize(2);
    assertThat(history.get(0).get("outcomes").get(0).get("points").asDouble()).isEqualTo(-6.5);
    assertThat(history.get(1).get("outcomes").get(0).get("points").asDouble()).isEqualTo(-7.0);
    assertThat(e.get("consensus").get("spread").get("points").asDouble()).isEqualTo(-7.0);
    String etag = header(r, "ETag");
    assertThat(f.get("/v1/events/odds_api:g1", "If-None-Match", etag).statusCode()).isEqualTo(304);
  }

  @Test
  void event_notInMemory_isAnsweredFromTheFallbackLabelledDb() {
    EventKey k = key("old");
    HttpFixture f =
        fixture(
            b ->
                b.eventFallback(
                    key -> key.equals(k) ? Optional.of(handChecked("old")) : Optional.empty()));

    HttpResponse<byte[]> r = f.get("/v1/events/odds_api:old");
    HttpResponse<byte[]> missing = f.get("/v1/events/odds_api:nothing");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "X-Source")).isEqualTo("db");
    JsonNode e = json(r);
    assertThat(e.get("source").asText()).isEqualTo("db");
    assertThat(line(e, "a", "moneyline").get("source").asText()).isEqualTo("db");
    assertThat(e.get("consensus").get("moneyline").get("fair").get("home").asDouble())
        .isCloseTo(0.5798319327731092, within(EPS));
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing).get("error").asText()).isEqualTo("not_found");
    String etag = header(r, "ETag");
    assertThat(f.get("/v1/events/odds_api:old", "If-None-Match", etag).statusCode()).isEqualTo(304);
  }

  @Test
  void event_fallbackThrows_is503Json() {
    HttpFixture f =
        fixture(
            b ->
                b.eventFallback(
                    key -> {
                      throw new IllegalStateException("database is down");
                    }));

    HttpResponse<byte[]> r = f.get("/v1/events/odds_api:g9");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).get("error").asText()).isEqualTo("unavailable");
    assertThat(json(r).get("message").asText()).doesNotContain("database is down");
  }

  @Test
  void event_concurrentMissesOfOneEvent_coalesceIntoOneLoad_andOtherRequestsAreNotBlocked()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch loading = new CountDownLatch(1);
    AtomicInteger loads = new AtomicInteger();
    EventFallback blocking =
        key -> {
          loads.incrementAndGet();
          loading.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Optional.of(handChecked(key.id()));
        };
    HttpFixture f = fixture(b -> b.eventFallback(blocking));
    f.data.oddsEvents().publish(key("live"), handChecked("live"));
    int n = 24;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        answers.add(CompletableFuture.supplyAsync(() -> f.get("/v1/events/odds_api:old"), pool));
      }
      assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> fallbackCount(f, "requested") == n);

      HttpResponse<byte[]> other = f.get("/v1/events/odds_api:live");
      HttpResponse<byte[]> list = f.get("/v1/events");
      assertThat(other.statusCode()).isEqualTo(200);
      assertThat(list.statusCode()).isEqualTo(200);
      assertThat(answers).noneMatch(CompletableFuture::isDone);

      release.countDown();
      for (CompletableFuture<HttpResponse<byte[]>> a : answers) {
        HttpResponse<byte[]> r = a.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(header(r, "X-Source")).isEqualTo("db");
      }
      assertThat(loads).hasValue(1);
      assertThat(fallbackCount(f, "loaded")).isEqualTo(1);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  private static double fallbackCount(HttpFixture f, String outcome) {
    var c = f.registry.find("marketgate.http.events.fallback").tag("outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }

  // ---------------------------------------------------------------- stream

  @Test
  void stream_eventsTopic_carriesOddsEventUpdates() {
    HttpFixture f = fixture();
    OddsEvent first = handChecked("g1");
    f.data.oddsEvents().publish(key("g1"), first);
    SseClient c = new SseClient(f, "events:odds_api", Optional.empty());
    open.add(c);

    await().atMost(Duration.ofSeconds(10)).until(() -> c.events.size() == 1);
    f.data
        .oddsEvents()
        .publish(key("g1"), event("g1", "nba", START, List.of(moneyline("a", -200, 170))));
    await().atMost(Duration.ofSeconds(10)).until(() -> c.events.size() == 2);

    SseClient.Event update = c.events.get(1);
    assertThat(update.type()).isEqualTo("update");
    assertThat(update.data().get("key").asText()).isEqualTo("odds_api:g1");
    JsonNode value = update.data().get("value");
    assertThat(value.get("id").asText()).isEqualTo("odds_api:g1");
    assertThat(value.get("lines").get(0).get("outcomes").get(0).get("american").asDouble())
        .isEqualTo(-200);
  }
}
