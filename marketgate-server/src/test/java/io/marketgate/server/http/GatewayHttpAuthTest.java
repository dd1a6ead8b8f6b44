package io.marketgate.server.http;

import static io.marketgate.server.http.HttpFixture.header;
import static io.marketgate.server.http.HttpFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** API keys and scopes: 401 without or with a bad key, 403 for a read key on admin routes. */
class GatewayHttpAuthTest {

  @Test
  void dataRoute_withoutKey_is401WithChallenge() {
    try (HttpFixture f = new HttpFixture()) {
      HttpResponse<byte[]> r = f.anonymous("GET", "/v1/markets");

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(json(r).get("error").asText()).isEqualTo("missing_key");
      assertThat(header(r, "WWW-Authenticate")).startsWith("Bearer");
    }
  }

  @Test
  void dataRoute_withUnknownKey_is401() {
    try (HttpFixture f = new HttpFixture()) {
      HttpResponse<byte[]> r =
          f.anonymous("GET", "/v1/markets", "X-API-Key", "not-a-key-0123456789abcdef");

      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(json(r).get("error").asText()).isEqualTo("invalid_key");
      assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
          .doesNotContain("not-a-key");
    }
  }

  @Test
  void dataRoute_withBasicAuth_is401() {
    try (HttpFixture f = new HttpFixture()) {
      HttpResponse<byte[]> r =
          f.anonymous("GET", "/v1/markets", "Authorization", "Basic Zm9vOmJhcg==");

      assertThat(r.statusCode()).isEqualTo(401);
    }
  }

  @Test
  void dataRoute_withReadKeyInEitherHeader_is200() {
    try (HttpFixture f = new HttpFixture()) {
      assertThat(f.get("/v1/markets").statusCode()).isEqualTo(200);
      assertThat(f.anonymous("GET", "/v1/markets", "X-API-Key", HttpFixture.READ_KEY).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void adminRoute_withReadKey_is403AndDoesNotRefresh() {
    try (HttpFixture f = new HttpFixture()) {
      HttpResponse<byte[]> r =
          f.send(
              HttpRequest.newBuilder(f.uri("/admin/sources/kalshi.books/refresh"))
                  .header("Authorization", "Bearer " + HttpFixture.READ_KEY),
              "POST");

      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(json(r).get("error").asText()).isEqualTo("forbidden");
      assertThat(f.kalshiBooks.refreshes.get()).isZero();
    }
  }

  @Test
  void dataRoute_withAdminKey_is200() {
    try (HttpFixture f = new HttpFixture()) {
      assertThat(f.anonymous("GET", "/v1/sources", "X-API-Key", HttpFixture.ADMIN_KEY).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void openMode_anyoneMayReadAndAdminister() {
    try (HttpFixture f = new HttpFixture(ApiKeys.open(), UnaryOperator.identity())) {
      assertThat(f.anonymous("GET", "/v1/markets").statusCode()).isEqualTo(200);
      assertThat(f.anonymous("POST", "/admin/sources/kalshi.books/refresh").statusCode())
          .isEqualTo(202);
    }
  }

  @Test
  void anonymousRead_readsButCannotAdminister() {
    ApiKeys keys =
        ApiKeys.of(Map.of(HttpFixture.ADMIN_KEY, ApiKeys.Scope.ADMIN)).withAnonymousRead();
    try (HttpFixture f = new HttpFixture(keys, UnaryOperator.identity())) {
      assertThat(f.anonymous("GET", "/v1/markets").statusCode()).isEqualTo(200);
      assertThat(f.anonymous("POST", "/admin/cache/clear?store=bodies").statusCode())
          .isEqualTo(401);
      assertThat(f.postAsAdmin("/admin/cache/clear?store=bodies").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void of_shortKey_isRejectedWithoutShowingIt() {
    assertThatThrownBy(() -> ApiKeys.of(Map.of("short-secret", ApiKeys.Scope.READ)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16")
        .hasMessageNotContaining("short-secret");
  }
}
