package io.marketgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.cache.ManualClock;
import io.marketgate.model.BetSide;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.Bookmaker;
import io.marketgate.model.EventKey;
import io.marketgate.model.Market;
import io.marketgate.model.MarketKey;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.OddsPrice;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Team;
import io.marketgate.model.Venue;
import io.marketgate.server.ingest.MarketData;
import io.marketgate.server.slate.SlateView;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/slate} on a real server over hand-filled stores (the view's store mode). */
class SlateRoutesTest {

  static final String READ = "read-key-0123456789abcdef";
  static final String ADMIN = "admin-key-0123456789abcdef";
  static final Instant START = Instant.parse("2026-11-22T00:30:00Z");
  static final String ML = "KXNBAGAME-26NOV21LALBOS";

  final ManualClock clock = new ManualClock(Instant.parse("2026-11-21T20:00:00Z"));
  final MarketData data = MarketData.create(clock);
  final List<MarketKey> demanded = new ArrayList<>();
  final HttpClient client = HttpClient.newHttpClient();
  SlateView view;
  GatewayHttpServer server;
  int port;

  @BeforeEach
  void start() {
    view = SlateView.builder(data).demand(demanded::add).build();
    server =
        GatewayHttpServer.builder(
                data, ApiKeys.of(Map.of(READ, ApiKeys.Scope.READ, ADMIN, ApiKeys.Scope.ADMIN)))
            .slate(view)
            .build();
    port = server.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.close();
    view.close();
  }

  void fill() {
    OddsLine ml =
        new OddsLine(
            new Bookmaker("49", "Unabated"),
            MarketType.MONEYLINE,
            List.of(
                OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(-150)),
                OddsOutcome.of(BetSide.AWAY, OddsPrice.ofAmerican(150))),
            START);
    data.oddsEvents()
        .publish(
            new EventKey(Venue.UNABATED, "77"),
            new OddsEvent(
                new EventKey(Venue.UNABATED, "77"),
                "nba",
                Team.named("Boston Celtics"),
                Team.named("Los Angeles Lakers"),
                START,
                List.of(ml)));
    for (String team : List.of("LAL", "BOS")) {
      MarketKey key = new MarketKey(Venue.KALSHI, ML + "-" + team);
      data.markets()
          .publish(
              key,
              new Market(
                  key,
                  ML,
                  Optional.of("KXNBAGAME"),
                  "LAL at BOS",
                  "active",
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Optional.empty(),
                  Map.of()));
    }
    data.books()
        .publish(
            new MarketKey(Venue.KALSHI, ML + "-BOS"),
            BinaryBook.of(
                List.of(new PriceLevel(new BigDecimal("0.55"), BigDecimal.TEN)),
                List.of(new PriceLevel(new BigDecimal("0.42"), BigDecimal.TEN))));
  }

  HttpResponse<String> get(String pathAndQuery, String key, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .header("X-API-Key", key)
            .timeout(Duration.ofSeconds(10));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return io.marketgate.server.api.ModelJson.mapper().readTree(r.body());
  }

  @Test
  void slate_filledStores_rowsWithFairEdgeAndBookState() throws Exception {
    fill();

    HttpResponse<String> r = get("/v1/slate?league=nba&date=2026-11-21", READ);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = json(r);
    assertThat(doc.path("league").asText()).isEqualTo("nba");
    assertThat(doc.path("games").get(0).path("game_key").asText())
        .isEqualTo(ML + "|2026-11-22T00:30:00Z");
    JsonNode bos = doc.path("moneylines").get(1);
    assertThat(bos.path("ticker").asText()).isEqualTo(ML + "-BOS");
    // −150/+150 is vig-free: fair 0.6; yes ask = 1 − 0.42 = 0.58.
    assertThat(bos.path("fair").asDouble()).isEqualTo(0.6);
    assertThat(bos.path("yes_ask").decimalValue()).isEqualByComparingTo("0.58");
    assertThat(bos.path("edge").asDouble())
        .isCloseTo(0.02, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(bos.path("book").path("state").asText()).isEqualTo("live");
    JsonNode lal = doc.path("moneylines").get(0);
    assertThat(lal.path("book").path("state").asText()).isEqualTo("missing");
    assertThat(lal.path("book").path("reason").asText())
        .contains("requested from the Kalshi books");
    assertThat(lal.path("yes_ask").isNull()).isTrue();
    assertThat(demanded).contains(new MarketKey(Venue.KALSHI, ML + "-LAL"));
    assertThat(doc.path("calls").path("total").asLong()).isZero();
  }

  @Test
  void slate_sameInputs_sameEtag_304() throws Exception {
    fill();
    HttpResponse<String> first = get("/v1/slate?date=2026-11-21", READ);
    String etag = first.headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> again = get("/v1/slate?date=2026-11-21", READ, "If-None-Match", etag);

    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  void slate_noKalshiMarketsYet_oddsGamesUnmatchedWithReason() throws Exception {
    fill();
    data.markets().keys().forEach(k -> data.markets().remove(k));

    HttpResponse<String> r = get("/v1/slate?date=2026-11-21", READ);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode unmatched = json(r).path("unmatched");
    assertThat(unmatched.size()).isEqualTo(1);
    assertThat(unmatched.get(0).path("side").asText()).isEqualTo("odds");
    assertThat(unmatched.get(0).path("reason").asText())
        .contains("manifest is unavailable")
        .contains("has not listed any trading NBA market yet");
    assertThat(json(r).path("freshness").path("manifest").path("source").asText())
        .isEqualTo("missing");
  }

  @Test
  void slate_noOddsAtAll_503WithReason() throws Exception {
    HttpResponse<String> r = get("/v1/slate?date=2026-11-21", READ);

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).path("error").asText()).isEqualTo("slate_unavailable");
    assertThat(json(r).path("message").asText()).contains("no odds data");
  }

  @Test
  void slate_badParameters_400NamingThem_unknownLeague404() throws Exception {
    HttpResponse<String> date = get("/v1/slate?date=21-11-2026", READ);
    HttpResponse<String> refresh = get("/v1/slate?refresh=maybe", READ);
    HttpResponse<String> league = get("/v1/slate?league=nfl", READ);
    HttpResponse<String> far = get("/v1/slate?date=2027-11-21", READ);

    assertThat(date.statusCode()).isEqualTo(400);
    assertThat(json(date).path("parameter").asText()).isEqualTo("date");
    assertThat(refresh.statusCode()).isEqualTo(400);
    assertThat(json(refresh).path("parameter").asText()).isEqualTo("refresh");
    assertThat(far.statusCode()).isEqualTo(400);
    assertThat(json(far).path("message").asText()).contains("within 7 days of today (2026-11-21");
    assertThat(league.statusCode()).isEqualTo(404);
    assertThat(json(league).path("error").asText()).isEqualTo("unknown_league");
  }

  @Test
  void slate_refreshWithReadKey_403_withAdminKey_200() throws Exception {
    fill();

    HttpResponse<String> read = get("/v1/slate?date=2026-11-21&refresh=true", READ);
    HttpResponse<String> admin = get("/v1/slate?date=2026-11-21&refresh=true", ADMIN);

    assertThat(read.statusCode()).isEqualTo(403);
    assertThat(admin.statusCode()).isEqualTo(200);
  }

  @Test
  void stream_slateTopic_pushesBuiltSlate() throws Exception {
    fill();
    view.start();
    HttpRequest req =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v1/stream?topics=slate:nba"))
            .header("X-API-Key", READ)
            .build();
    HttpResponse<java.util.stream.Stream<String>> r =
        client.send(req, HttpResponse.BodyHandlers.ofLines());

    String data =
        java.util.concurrent.CompletableFuture.supplyAsync(
                () ->
                    r.body()
                        .filter(l -> l.startsWith("data:") && l.contains("\"store\":\"slate\""))
                        .findFirst()
                        .orElseThrow())
            .get(10, java.util.concurrent.TimeUnit.SECONDS);

    JsonNode event = io.marketgate.server.api.ModelJson.mapper().readTree(data.substring(5));
    assertThat(event.path("key").asText()).isEqualTo("nba:2026-11-21");
    assertThat(event.path("value").path("moneylines").size()).isEqualTo(2);
  }
}
