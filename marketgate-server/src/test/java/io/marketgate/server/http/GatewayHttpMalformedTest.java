package io.marketgate.server.http;

import static io.marketgate.server.http.HttpFixture.bookAt;
import static io.marketgate.server.http.HttpFixture.kalshi;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.server.api.ModelJson;
import java.io.IOException;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A battery of malformed requests, sent verbatim over sockets: every one must get a 4xx JSON error
 * with the right status (and the parameter named where there is one), never a 5xx or a trace.
 */
class GatewayHttpMalformedTest {

  private static HttpFixture f;

  @BeforeAll
  static void start() {
    f = new HttpFixture();
    f.data.books().publish(kalshi("A"), bookAt(40));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  /** A parsed raw answer. */
  private record Answer(int status, String head, String body) {
    static Answer of(String raw) {
      int end = raw.indexOf("\r\n\r\n");
      assertThat(end).as("a complete answer in %s", raw).isPositive();
      String head = raw.substring(0, end);
      int status = Integer.parseInt(head.substring(9, 12));
      return new Answer(status, head.toLowerCase(Locale.ROOT), raw.substring(end + 4));
    }

    JsonNode json() throws IOException {
      return ModelJson.mapper().readTree(body);
    }
  }

  private static String get(String target, String... extraHeaders) {
    StringBuilder b = new StringBuilder();
    b.append("GET ").append(target).append(" HTTP/1.1\r\nHost: localhost\r\n");
    b.append("Authorization: Bearer ").append(HttpFixture.READ_KEY).append("\r\n");
    for (String h : extraHeaders) {
      b.append(h).append("\r\n");
    }
    return b.append("Connection: close\r\n\r\n").toString();
  }

  static Stream<Arguments> malformed() {
    String auth = "Authorization: Bearer " + HttpFixture.ADMIN_KEY + "\r\n";
    return Stream.of(
        Arguments.of("non-UTF-8 escape in path", get("/v1/books/kalshi/%C3%28"), 400, "path"),
        Arguments.of("escape of a control char", get("/v1/books/kalshi/A%0AB"), 400, "ticker"),
        Arguments.of("non-UTF-8 escape in query", get("/v1/markets?series=%FF"), 400, "series"),
        Arguments.of("not a number", get("/v1/markets?limit=ten"), 400, "limit"),
        Arguments.of("number too big", get("/v1/markets?limit=99999999999999999999"), 400, "limit"),
        Arguments.of("limit out of range", get("/v1/markets?limit=1001"), 400, "limit"),
        Arguments.of("limit zero", get("/v1/markets?limit=0"), 400, "limit"),
        Arguments.of("unknown venue in query", get("/v1/markets?venue=nasdaq"), 400, "venue"),
        Arguments.of("unknown venue in path", get("/v1/books/nasdaq/A"), 400, "venue"),
        Arguments.of("venue in wrong case", get("/v1/books/KALSHI/A"), 400, "venue"),
        Arguments.of("ticker with a space", get("/v1/books/kalshi/A%20B"), 400, "ticker"),
        Arguments.of("bad cursor", get("/v1/markets?cursor=!!notours"), 400, "cursor"),
        Arguments.of("foreign cursor", get("/v1/markets?cursor=aGVsbG8"), 400, "cursor"),
        Arguments.of("depth zero", get("/v1/books/kalshi/A?depth=0"), 400, "depth"),
        Arguments.of("depth too deep", get("/v1/books/kalshi/A?depth=100000"), 400, "depth"),
        Arguments.of(
            "negative max age", get("/v1/books/kalshi/A?max_age_ms=-1"), 400, "max_age_ms"),
        Arguments.of("unknown parameter", get("/v1/books/kalshi/A?maxage=5"), 400, "maxage"),
        Arguments.of("repeated parameter", get("/v1/markets?limit=1&limit=2"), 400, "limit"),
        Arguments.of("empty filter", get("/v1/markets?series="), 400, "series"),
        Arguments.of("stream without topics", get("/v1/stream"), 400, "topics"),
        Arguments.of("stream unknown store", get("/v1/stream?topics=trades:*"), 400, "topics"),
        Arguments.of("stream bad venue", get("/v1/stream?topics=books:nasdaq"), 400, "topics"),
        Arguments.of("unknown path", get("/v2/markets"), 404, null),
        Arguments.of("trailing slash", get("/v1/markets/"), 404, null),
        Arguments.of("double slash", get("//v1/markets"), 404, null),
        Arguments.of("missing ticker", get("/v1/books/kalshi"), 404, null),
        Arguments.of(
            "garbage accept-encoding on a bad path",
            get("/nope", "Accept-Encoding: ;;;q=zz,,\u00ff"),
            404,
            null),
        Arguments.of(
            "wrong method",
            "DELETE /v1/markets HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            405,
            null),
        Arguments.of("GET on an admin route", get("/admin/cache/clear?store=all"), 405, null),
        Arguments.of(
            "body too large",
            "POST /admin/cache/clear?store=bodies HTTP/1.1\r\nHost: x\r\n"
                + auth
                + "Content-Length: 10000000\r\n\r\n"
                + "x".repeat(1000),
            413,
            null),
        Arguments.of(
            "header too large", get("/v1/markets", "X-Big: " + "a".repeat(20_000)), 431, null),
        Arguments.of("too many headers", get("/v1/markets", manyHeaders(100)), 431, null),
        Arguments.of(
            "missing key on admin",
            "POST /admin/cache/clear?store=all HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            401,
            null));
  }

  private static String manyHeaders(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : "\r\n").append("X-H").append(i).append(": v");
    }
    return b.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void request_malformed_isA4xxJsonError(String name, String request, int status, String parameter)
      throws IOException {
    Answer a = Answer.of(f.raw(request));

    assertThat(a.status()).as(name).isEqualTo(status);
    assertThat(a.head()).contains("content-type: application/json");
    JsonNode doc = a.json();
    assertThat(doc.get("error").asText()).isNotBlank();
    assertThat(doc.get("message").asText()).isNotBlank().doesNotContain("Exception");
    assertThat(a.body()).doesNotContain("\tat ").doesNotContain("io.marketgate");
    if (parameter != null) {
      assertThat(doc.get("parameter").asText()).isEqualTo(parameter);
    }
    if (status == 405) {
      assertThat(a.head()).contains("allow: ");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unparsable")
  void request_escapeWithoutTwoHexDigits_isABare400FromTheParserAndServerKeepsServing(
      String name, String target) {
    Answer a = Answer.of(f.raw(get(target)));

    assertThat(a.status()).as(name).isEqualTo(400);
    assertThat(a.head()).contains("connection: close");
    assertThat(f.get("/v1/books/kalshi/A").statusCode()).isEqualTo(200);
  }

  /** Escapes that Undertow's request parser rejects before any handler runs (no JSON possible). */
  static Stream<Arguments> unparsable() {
    return Stream.of(
        Arguments.of("%zz in path", "/v1/books/kalshi/%zz"),
        Arguments.of("truncated escape in path", "/v1/books/kalshi/AB%4"),
        Arguments.of("%G1 in query", "/v1/markets?series=%G1"));
  }

  @Test
  void request_headerBeyondUndertowsHardLimit_isRejectedAndServerKeepsServing() {
    String raw = f.raw(get("/v1/markets", "X-Huge: " + "a".repeat(200_000)));

    assertThat(raw)
        .satisfiesAnyOf(r -> assertThat(r).isEmpty(), r -> assertThat(r).startsWith("HTTP/1.1 4"));
    assertThat(f.get("/v1/books/kalshi/A").statusCode()).isEqualTo(200);
  }

  @Test
  void request_slowClientSendingNothing_doesNotBlockOthers() throws IOException {
    try (java.net.Socket idle = new java.net.Socket("127.0.0.1", f.port)) {
      idle.getOutputStream().write("GET /v1/mar".getBytes(java.nio.charset.StandardCharsets.UTF_8));

      assertThat(f.get("/v1/books/kalshi/A").statusCode()).isEqualTo(200);
    }
  }
}
