package io.marketgate.server.http;

import io.marketgate.cache.Provenance;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The live dashboard: {@code GET /} (the page) and {@code GET /ui/{asset}} (its scripts and style),
 * static files from the jar held in memory, plain and gzip, with strong ETags. Public: the files
 * hold no data; the page calls the API with the caller's key.
 */
final class DashboardRoutes {

  /*
   * Only the files named in ASSETS exist: a request names one of them or gets a JSON 404, so no path
   * ever reaches the class loader (no traversal, no probing of other resources). They are read once
   * at construction; a missing one fails the server's construction rather than a request.
   */

  /** The page's files, under {@link #ROOT} in the jar. */
  static final List<String> ASSETS =
      List.of(
          "index.html",
          "style.css",
          "app.js",
          "api.js",
          "format.js",
          "slate.js",
          "explorer.js",
          "sources.js");

  private static final String ROOT = "/io/marketgate/server/dashboard/";
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "js", "text/javascript; charset=utf-8");

  private static final HttpString X_CONTENT_TYPE_OPTIONS = new HttpString("X-Content-Type-Options");
  private static final EncodedBody.Version STATIC =
      new EncodedBody.Version(0, 0, Provenance.LIVE, OptionalLong.empty(), Duration.ZERO);

  private record Asset(String contentType, EncodedBody body) {}

  private final Map<String, Asset> assets;
  private final HttpMetrics metrics;

  DashboardRoutes(HttpMetrics metrics) {
    this.metrics = metrics;
    Map<String, Asset> loaded = new LinkedHashMap<>();
    for (String name : ASSETS) {
      loaded.put(name, load(name));
    }
    this.assets = Map.copyOf(loaded);
  }

  /** Adds {@code GET /} and {@code GET /ui/{asset}} to {@code router}. */
  void register(Router router) {
    router
        .add("GET", "/", Router.Access.PUBLIC, Set.of(), call -> send(call, "index.html"))
        .add(
            "GET",
            "/ui/{asset}",
            Router.Access.PUBLIC,
            Set.of(),
            call -> send(call, call.path("asset")));
  }

  private void send(Call call, String name) {
    Asset asset =
        Optional.ofNullable(assets.get(name))
            .orElseThrow(
                () ->
                    ApiError.notFound(
                        "no dashboard asset \""
                            + Call.shorten(name)
                            + "\"; the dashboard is at /"));
    var ex = call.exchange;
    var h = ex.getResponseHeaders();
    EncodedBody body = asset.body();
    boolean gzip =
        body.gzip().isPresent()
            && Responses.acceptsGzip(ex.getRequestHeaders().getFirst(Headers.ACCEPT_ENCODING));
    h.put(Headers.VARY, "Accept-Encoding");
    h.put(Headers.ETAG, '"' + body.etag() + (gzip ? Responses.GZIP_SUFFIX : "") + '"');
    h.put(Headers.CACHE_CONTROL, "no-cache");
    h.put(X_CONTENT_TYPE_OPTIONS, "nosniff");
    if (Responses.matches(ex.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH), body.etag())) {
      metrics.notModified();
      ex.setStatusCode(304);
      ex.endExchange();
      return;
    }
    ByteBuffer bytes = (gzip ? body.gzip().get() : body.plain()).duplicate();
    h.put(Headers.CONTENT_TYPE, asset.contentType());
    if (gzip) {
      h.put(Headers.CONTENT_ENCODING, "gzip");
    }
    h.put(Headers.CONTENT_LENGTH, bytes.remaining());
    ex.setStatusCode(200);
    ex.getResponseSender().send(bytes);
  }

  private static Asset load(String name) {
    String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
    if (type == null) {
      throw new IllegalStateException("dashboard asset " + name + " has no known content type");
    }
    try (InputStream in = DashboardRoutes.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("dashboard asset " + name + " is missing from the jar");
      }
      byte[] bytes = in.readAllBytes();
      String etag = "ui-" + HexFormat.of().formatHex(sha256(bytes), 0, 8);
      return new Asset(type, EncodedBody.of(bytes, etag, STATIC));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard asset " + name, e);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
