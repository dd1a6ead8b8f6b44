package io.marketgate.server.http;

import static io.marketgate.server.http.HttpFixture.book;
import static io.marketgate.server.http.HttpFixture.bookAt;
import static io.marketgate.server.http.HttpFixture.header;
import static io.marketgate.server.http.HttpFixture.json;
import static io.marketgate.server.http.HttpFixture.kalshi;
import static io.marketgate.server.http.HttpFixture.market;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.cache.Provenance;
import io.marketgate.model.MarketKey;
import io.marketgate.model.Venue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract of every request/response route, over a real socket. */
class GatewayHttpRoutesTest {

  private final HttpFixture f = new HttpFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private void fillMarkets(int n) {
    for (int i = 0; i < n; i++) {
      String series = i % 2 == 0 ? "KXNBAGAME" : "KXNBASPREAD";
      String status = i % 3 == 0 ? "closed" : "active";
      f.data
          .markets()
          .publish(
              kalshi(String.format("T-%03d", i)),
              market(String.format("T-%03d", i), "EV-" + (i / 4), series, status));
    }
  }

  @Test
  void markets_withoutFilters_listsInCanonicalOrderWithVersions() {
    fillMarkets(3);

    HttpResponse<byte[]> r = f.get("/v1/markets");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = json(r);
    assertThat(doc.get("count").asInt()).isEqualTo(3);
    assertThat(doc.get("next_cursor").isNull()).isTrue();
    JsonNode first = doc.get("markets").get(0);
    assertThat(first.get("venue").asText()).isEqualTo("kalshi");
    assertThat(first.get("ticker").asText()).isEqualTo("T-000");
    assertThat(first.get("event_ticker").asText()).isEqualTo("EV-0");
    assertThat(first.get("series_ticker").asText()).isEqualTo("KXNBAGAME");
    assertThat(first.get("yes_bid").asText()).isEqualTo("0.45");
    assertThat(first.get("seq").asLong()).isEqualTo(1);
    assertThat(first.get("source").asText()).isEqualTo("live");
    assertThat(header(r, "X-Seq")).isEqualTo(String.valueOf(f.data.markets().version()));
  }

  @Test
  void markets_withFilters_returnsOnlyMatches() {
    fillMarkets(12);

    JsonNode doc =
        json(f.get("/v1/markets?venue=kalshi&series=KXNBAGAME&status=active&event=EV-1"));

    List<String> tickers = new ArrayList<>();
    doc.get("markets").forEach(m -> tickers.add(m.get("ticker").asText()));
    assertThat(tickers).containsExactly("T-004");
  }

  @Test
  void markets_pagedWithCursor_visitsEveryMarketOnce() {
    fillMarkets(25);
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;

    do {
      JsonNode doc =
          json(f.get("/v1/markets?limit=10" + (cursor == null ? "" : "&cursor=" + cursor)));
      doc.get("markets").forEach(m -> seen.add(m.get("ticker").asText()));
      cursor = doc.get("next_cursor").isNull() ? null : doc.get("next_cursor").asText();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();
  }

  @Test
  void markets_otherVenue_isEmpty() {
    fillMarkets(2);

    JsonNode doc = json(f.get("/v1/markets?venue=polymarket"));

    assertThat(doc.get("count").asInt()).isZero();
  }

  @Test
  void market_known_returnsItWithFreshness() {
    f.data.markets().publish(kalshi("A"), market("A", "EV", "S", "active"));

    HttpResponse<byte[]> r = f.get("/v1/markets/kalshi/A");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("title").asText()).isEqualTo("Will A win?");
    assertThat(header(r, "X-Seq")).isEqualTo("1");
    assertThat(header(r, "X-Epoch")).isEqualTo("0");
    assertThat(header(r, "X-Source")).isEqualTo("live");
  }

  @Test
  void market_unknown_is404Json() {
    HttpResponse<byte[]> r = f.get("/v1/markets/kalshi/NOPE");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).isEqualTo("not_found");
    assertThat(json(r).get("message").asText()).contains("kalshi:NOPE");
  }

  @Test
  void book_withDepth_cutsLevelsAndCallsDemandHook() {
    f.data.books().publish(kalshi("B"), book("y:0.40:10", "y:0.39:20", "y:0.38:30", "n:0.55:5"));

    JsonNode doc = json(f.get("/v1/books/kalshi/B?depth=2"));

    assertThat(doc.get("levels").get("yes_bids")).hasSize(2);
    assertThat(doc.get("levels").get("yes_bids").get(0).get(0).asText()).isEqualTo("0.4");
    assertThat(doc.get("yes").get("ask").get("price").asText()).isEqualTo("0.45");
    assertThat(doc.get("seq").asLong()).isEqualTo(1);
    assertThat(f.demanded).containsExactly(kalshi("B"));
  }

  @Test
  void book_unknown_is404ButStillSignalsDemand() {
    HttpResponse<byte[]> r = f.get("/v1/books/kalshi/WANTED");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(f.demanded).containsExactly(kalshi("WANTED"));
  }

  @Test
  void bookHistory_afterPublishes_listsTopsAndMids() {
    MarketKey k = kalshi("H");
    for (int c = 40; c < 45; c++) {
      f.data.books().publish(k, bookAt(c));
      f.clock.advance(Duration.ofSeconds(1));
    }

    JsonNode doc = json(f.get("/v1/books/kalshi/H/history"));

    assertThat(doc.get("snapshots")).hasSize(5);
    assertThat(doc.get("snapshots").get(4).get("yes_bid").asText()).isEqualTo("0.44");
    assertThat(doc.get("mids")).hasSize(5);
    assertThat(doc.get("mids").get(0).get("seq").asLong()).isEqualTo(1);
  }

  @Test
  void sources_reportStatusBudgetAndCounters() {
    f.kalshiBooks.live(Duration.ofSeconds(2));

    JsonNode s = json(f.get("/v1/sources")).get("sources").get(0);

    assertThat(s.get("name").asText()).isEqualTo("kalshi.books");
    assertThat(s.get("state").asText()).isEqualTo("live");
    assertThat(s.get("age_ms").asLong()).isEqualTo(2000);
    assertThat(s.get("budget").get("outcomes").get("rate_limited").asLong()).isZero();
    assertThat(s.get("budget").has("available_tokens")).isTrue();
    assertThat(s.get("counters").get("messages").asLong()).isEqualTo(42);
  }

  @Test
  void health_sourceWithoutData_is503NotReady() {
    HttpResponse<byte[]> r = f.anonymous("GET", "/health");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).get("ready").asBoolean()).isFalse();
    assertThat(json(r).get("live").asBoolean()).isTrue();
    assertThat(json(r).get("sources").get("kalshi.books").get("age_seconds").isNull()).isTrue();
  }

  @Test
  void health_everySourceHasData_is200WithAgeSeconds() {
    f.kalshiBooks.live(Duration.ofMillis(1500));

    HttpResponse<byte[]> r = f.anonymous("GET", "/health");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode source = json(r).get("sources").get("kalshi.books");
    assertThat(source.get("age_seconds").asDouble()).isEqualTo(1.5);
    assertThat(source.get("state").asText()).isEqualTo("live");
    assertThat(json(r).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void metrics_servesPrometheusTextWithoutKey() {
    HttpResponse<byte[]> r = f.anonymous("GET", "/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Content-Type")).startsWith("text/plain; version=0.0.4");
    assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("marketgate_up 1");
  }

  @Test
  void seedMarkets_answersTheOldShapeWithEnrichedCount() {
    f.data.markets().publish(kalshi("A"), market("A", "EV", "S", "active"));
    f.data.markets().publish(kalshi("B"), market("B", "EV", "S", "active"));
    f.data.books().publish(kalshi("A"), bookAt(40));

    JsonNode doc = json(f.get("/markets"));

    assertThat(doc.has("generated_at")).isTrue();
    assertThat(doc.get("markets").get("total_count").asInt()).isEqualTo(2);
    assertThat(doc.get("markets").get("enriched_count").asInt()).isEqualTo(1);
    assertThat(doc.get("markets").get("markets").get(0).get("orderbook").get("yes_bid").asText())
        .isEqualTo("0.4");
    assertThat(doc.get("markets").get("markets").get(1).get("orderbook").isNull()).isTrue();
  }

  @Test
  void adminRefresh_callsRefreshNowOnTheSource() {
    HttpResponse<byte[]> r = f.postAsAdmin("/admin/sources/kalshi.books/refresh");

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(f.kalshiBooks.refreshes.get()).isEqualTo(1);
  }

  @Test
  void adminRefresh_unknownSource_is404() {
    HttpResponse<byte[]> r = f.postAsAdmin("/admin/sources/nope/refresh");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(f.kalshiBooks.refreshes.get()).isZero();
  }

  @Test
  void adminClear_books_removesEveryBook() {
    f.data.books().publish(kalshi("A"), bookAt(40));
    f.data.books().publish(kalshi("B"), bookAt(41));

    HttpResponse<byte[]> r = f.postAsAdmin("/admin/cache/clear?store=books");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).get("cleared").get("books").asInt()).isEqualTo(2);
    assertThat(f.data.books().size()).isZero();
    assertThat(f.get("/v1/books/kalshi/A").statusCode()).isEqualTo(404);
  }

  @Test
  void adminClear_unknownStore_is400NamingStore() {
    HttpResponse<byte[]> r = f.postAsAdmin("/admin/cache/clear?store=everything");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).get("parameter").asText()).isEqualTo("store");
  }

  @Test
  void market_warmSnapshot_isLabelledWarm() {
    f.data.markets().store(kalshi("W")).publish(market("W", "EV", "S", "active"), Provenance.WARM);

    HttpResponse<byte[]> r = f.get("/v1/markets/kalshi/W");

    assertThat(header(r, "X-Source")).isEqualTo("warm");
  }

  @Test
  void venue_polymarketBook_usesItsOwnKey() {
    f.data.books().publish(new MarketKey(Venue.POLYMARKET, "1234"), bookAt(50));

    assertThat(f.get("/v1/books/polymarket/1234").statusCode()).isEqualTo(200);
  }
}
