package io.marketgate.server.http;

import static io.marketgate.server.http.HttpFixture.header;
import static io.marketgate.server.http.HttpFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The dashboard's static files: public, typed, revalidated by ETag, gzip, and nothing else. */
class DashboardRoutesTest {

  private final HttpFixture f = new HttpFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void root_withoutKeyWhileKeysConfigured_isTheHtmlPage() {
    HttpResponse<byte[]> r = f.anonymous("GET", "/");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(header(r, "Cache-Control")).isEqualTo("no-cache");
    assertThat(header(r, "X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .contains("<script type=\"module\" src=\"/ui/app.js\"></script>");
  }

  @Test
  void asset_everyListedFile_isServedWithItsContentType() {
    for (String name : DashboardRoutes.ASSETS) {
      HttpResponse<byte[]> r = f.anonymous("GET", "/ui/" + name);

      assertThat(r.statusCode()).as(name).isEqualTo(200);
      String type = header(r, "Content-Type");
      if (name.endsWith(".js")) {
        assertThat(type).as(name).isEqualTo("text/javascript; charset=utf-8");
      } else if (name.endsWith(".css")) {
        assertThat(type).as(name).isEqualTo("text/css; charset=utf-8");
      } else {
        assertThat(type).as(name).isEqualTo("text/html; charset=utf-8");
      }
      assertThat(r.body()).as(name).isNotEmpty();
    }
  }

  @Test
  void asset_ifNoneMatchCurrentEtag_is304() {
    String etag = header(f.anonymous("GET", "/ui/app.js"), "ETag");

    HttpResponse<byte[]> r = f.anonymous("GET", "/ui/app.js", "If-None-Match", etag);

    assertThat(etag).startsWith("\"ui-");
    assertThat(r.statusCode()).isEqualTo(304);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void asset_gzipAccepted_decompressesToThePlainFile() throws IOException {
    HttpResponse<byte[]> plain = f.anonymous("GET", "/ui/slate.js");
    HttpResponse<byte[]> gz = f.anonymous("GET", "/ui/slate.js", "Accept-Encoding", "gzip");

    assertThat(header(gz, "Content-Encoding")).isEqualTo("gzip");
    assertThat(header(gz, "Vary")).isEqualTo("Accept-Encoding");
    assertThat(gz.body().length).isLessThan(plain.body().length);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(plain.body());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/ui/nope.js",
        "/ui/..%2Fhttp%2FRouter.class",
        "/ui/%2E%2E%2F%2E%2E%2Fapplication.yaml",
        "/ui/..",
        "/ui/index.html%00.js"
      })
  void asset_unknownOrTraversal_is404Json(String path) {
    HttpResponse<byte[]> r = f.anonymous("GET", path);

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(header(r, "Content-Type")).isEqualTo("application/json");
    assertThat(json(r).get("error").asText()).isEqualTo("not_found");
  }

  @Test
  void asset_nestedPath_is404Json() {
    HttpResponse<byte[]> r = f.anonymous("GET", "/ui/../v1/sources");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(header(r, "Content-Type")).isEqualTo("application/json");
  }
}
