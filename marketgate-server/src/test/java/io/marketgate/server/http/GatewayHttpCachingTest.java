package io.marketgate.server.http;

import static io.marketgate.server.http.HttpFixture.bookAt;
import static io.marketgate.server.http.HttpFixture.header;
import static io.marketgate.server.http.HttpFixture.json;
import static io.marketgate.server.http.HttpFixture.kalshi;
import static io.marketgate.server.http.HttpFixture.market;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.model.MarketKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pre-encoded bodies: ETags and 304s, gzip, Content-Length, freshness headers, max_age_ms. */
class GatewayHttpCachingTest {

  private final HttpFixture f = new HttpFixture();
  private final MarketKey key = kalshi("KXNBAGAME-26JAN09MIACHI-MIA");

  @AfterEach
  void close() {
    f.close();
  }

  private double counter(String name, String tag, String value) {
    return f.registry.get(name).tag(tag, value).counter().count();
  }

  @Test
  void book_repeated_isEncodedOnceAndServedFromCache() {
    f.data.books().publish(key, bookAt(40));

    HttpResponse<byte[]> first = f.get("/v1/books/kalshi/" + key.ticker());
    HttpResponse<byte[]> second = f.get("/v1/books/kalshi/" + key.ticker());

    assertThat(second.body()).isEqualTo(first.body());
    assertThat(header(second, "ETag")).isEqualTo(header(first, "ETag"));
    assertThat(counter("marketgate.http.body.cache", "result", "miss")).isEqualTo(1);
    assertThat(counter("marketgate.http.body.cache", "result", "hit")).isEqualTo(1);
  }

  @Test
  void book_afterNewPublish_hasNewEtagAndBody() {
    f.data.books().publish(key, bookAt(40));
    HttpResponse<byte[]> before = f.get("/v1/books/kalshi/" + key.ticker());

    f.data.books().publish(key, bookAt(41));
    HttpResponse<byte[]> after = f.get("/v1/books/kalshi/" + key.ticker());

    assertThat(header(after, "ETag")).isNotEqualTo(header(before, "ETag"));
    assertThat(header(after, "X-Seq")).isEqualTo("2");
    assertThat(json(after).get("yes").get("bid").get("price").asText()).isEqualTo("0.41");
  }

  @Test
  void book_ifNoneMatchCurrentEtag_is304WithoutBody() {
    f.data.books().publish(key, bookAt(40));
    String etag = header(f.get("/v1/books/kalshi/" + key.ticker()), "ETag");

    HttpResponse<byte[]> r = f.get("/v1/books/kalshi/" + key.ticker(), "If-None-Match", etag);

    assertThat(r.statusCode()).isEqualTo(304);
    assertThat(r.body()).isEmpty();
    assertThat(header(r, "ETag")).isEqualTo(etag);
    assertThat(header(r, "X-Seq")).isEqualTo("1");
    assertThat(f.registry.get("marketgate.http.not.modified").counter().count()).isEqualTo(1);
  }

  @Test
  void book_ifNoneMatchOldEtag_is200() {
    f.data.books().publish(key, bookAt(40));
    String etag = header(f.get("/v1/books/kalshi/" + key.ticker()), "ETag");
    f.data.books().publish(key, bookAt(41));

    HttpResponse<byte[]> r = f.get("/v1/books/kalshi/" + key.ticker(), "If-None-Match", etag);

    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void marketsList_ifNoneMatch_is304UntilTheStoreChanges() {
    f.data.markets().publish(kalshi("A"), market("A", "EV", "S", "active"));
    String etag = header(f.get("/v1/markets"), "ETag");

    assertThat(f.get("/v1/markets", "If-None-Match", etag).statusCode()).isEqualTo(304);
    f.data.markets().publish(kalshi("B"), market("B", "EV", "S", "active"));
    assertThat(f.get("/v1/markets", "If-None-Match", etag).statusCode()).isEqualTo(200);
  }

  @Test
  void marketsList_gzipAccepted_decompressesToThePlainBody() throws IOException {
    for (int i = 0; i < 50; i++) {
      f.data.markets().publish(kalshi("M" + i), market("M" + i, "EV", "S", "active"));
    }
    HttpResponse<byte[]> plain = f.get("/v1/markets");

    HttpResponse<byte[]> gz = f.get("/v1/markets", "Accept-Encoding", "br;q=1.0, gzip;q=0.8");

    assertThat(header(gz, "Content-Encoding")).isEqualTo("gzip");
    assertThat(header(gz, "Vary")).isEqualTo("Accept-Encoding");
    assertThat(header(plain, "Content-Encoding")).isEqualTo("<absent>");
    assertThat(gz.body().length).isLessThan(plain.body().length);
    assertThat(header(gz, "Content-Length")).isEqualTo(String.valueOf(gz.body().length));
    assertThat(header(plain, "Content-Length")).isEqualTo(String.valueOf(plain.body().length));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(plain.body());
    }
    assertThat(header(gz, "ETag")).isNotEqualTo(header(plain, "ETag"));
  }

  @Test
  void marketsList_gzipWithQZero_isPlain() {
    for (int i = 0; i < 50; i++) {
      f.data.markets().publish(kalshi("M" + i), market("M" + i, "EV", "S", "active"));
    }

    HttpResponse<byte[]> r = f.get("/v1/markets", "Accept-Encoding", "gzip;q=0, identity");

    assertThat(header(r, "Content-Encoding")).isEqualTo("<absent>");
  }

  @Test
  void book_garbageAcceptEncoding_fallsBackToIdentity() {
    f.data.books().publish(key, bookAt(40));

    HttpResponse<byte[]> r =
        f.get("/v1/books/kalshi/" + key.ticker(), "Accept-Encoding", ";;;q=zz,,gzip;q=banana");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Content-Encoding")).isEqualTo("<absent>");
    assertThat(json(r).get("ticker").asText()).isEqualTo(key.ticker());
  }

  @Test
  void book_ageGrows_xAgeMsFollowsTheClockWithoutReEncoding() {
    f.data.books().publish(key, bookAt(40));
    HttpResponse<byte[]> fresh = f.get("/v1/books/kalshi/" + key.ticker());

    f.clock.advance(Duration.ofMillis(2500));
    HttpResponse<byte[]> older = f.get("/v1/books/kalshi/" + key.ticker());

    assertThat(header(fresh, "X-Age-Ms")).isEqualTo("0");
    assertThat(header(older, "X-Age-Ms")).isEqualTo("2500");
    assertThat(older.body()).isEqualTo(fresh.body());
    assertThat(header(older, "X-Source")).isEqualTo("live");
  }

  @Test
  void book_olderThanSourceWindow_isLabelledStale() {
    f.data.books().publish(key, bookAt(40));

    f.clock.advance(Duration.ofSeconds(31));
    HttpResponse<byte[]> r = f.get("/v1/books/kalshi/" + key.ticker());

    assertThat(header(r, "X-Source")).isEqualTo("stale");
  }

  @Test
  void book_markedStale_isLabelledStaleWithNewEpoch() {
    f.data.books().publish(key, bookAt(40));
    f.data.books().store(key).markStale();

    HttpResponse<byte[]> r = f.get("/v1/books/kalshi/" + key.ticker());

    assertThat(header(r, "X-Source")).isEqualTo("stale");
    assertThat(header(r, "X-Epoch")).isEqualTo("1");
  }

  @Test
  void book_olderThanMaxAge_is503StatingTheAge() {
    f.data.books().publish(key, bookAt(40));
    f.clock.advance(Duration.ofMillis(1200));

    HttpResponse<byte[]> r = f.get("/v1/books/kalshi/" + key.ticker() + "?max_age_ms=1000");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).get("error").asText()).isEqualTo("too_stale");
    assertThat(json(r).get("age_ms").asLong()).isEqualTo(1200);
    assertThat(json(r).get("message").asText()).contains("1200 ms");
    assertThat(header(r, "X-Age-Ms")).isEqualTo("1200");
  }

  @Test
  void book_youngerThanMaxAge_is200() {
    f.data.books().publish(key, bookAt(40));
    f.clock.advance(Duration.ofMillis(800));

    HttpResponse<byte[]> r = f.get("/v1/books/kalshi/" + key.ticker() + "?max_age_ms=1000");

    assertThat(r.statusCode()).isEqualTo(200);
  }

  @Test
  void marketsList_ageIsTheOldestItems() {
    f.data.markets().publish(kalshi("OLD"), market("OLD", "EV", "S", "active"));
    f.clock.advance(Duration.ofSeconds(5));
    f.data.markets().publish(kalshi("NEW"), market("NEW", "EV", "S", "active"));
    f.clock.advance(Duration.ofSeconds(1));

    HttpResponse<byte[]> r = f.get("/v1/markets?max_age_ms=5500");

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(json(r).get("age_ms").asLong()).isEqualTo(6000);
  }

  @Test
  void request_isTimedPerRoutePatternAndStatusClass() {
    f.data.books().publish(key, bookAt(40));

    f.get("/v1/books/kalshi/" + key.ticker());
    f.get("/v1/books/kalshi/NOPE");

    // the timer is recorded when the exchange completes, just after the client has its answer
    org.awaitility.Awaitility.await()
        .untilAsserted(
            () -> assertThat(f.registry.find("marketgate.http.requests").timers()).hasSize(2));
    assertThat(
            f.registry
                .get("marketgate.http.requests")
                .tag("route", "/v1/books/{venue}/{ticker}")
                .tag("status", "2xx")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(
            f.registry
                .get("marketgate.http.requests")
                .tag("route", "/v1/books/{venue}/{ticker}")
                .tag("status", "4xx")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void head_returnsHeadersWithoutBody() {
    f.data.books().publish(key, bookAt(40));

    HttpResponse<byte[]> r =
        f.send(
            java.net.http.HttpRequest.newBuilder(f.uri("/v1/books/kalshi/" + key.ticker()))
                .header("X-API-Key", HttpFixture.READ_KEY),
            "HEAD");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(header(r, "X-Seq")).isEqualTo("1");
  }
}
