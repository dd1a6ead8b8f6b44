package io.marketgate.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.server.api.ModelJson;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Writes answers: JSON documents, errors, and the header names of the freshness contract. */
final class Responses {

  static final HttpString X_SEQ = new HttpString("X-Seq");
  static final HttpString X_EPOCH = new HttpString("X-Epoch");
  static final HttpString X_AGE_MS = new HttpString("X-Age-Ms");
  static final HttpString X_SOURCE = new HttpString("X-Source");

  static final String JSON = "application/json";

  private static final ObjectWriter COMPACT =
      ModelJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

  private Responses() {}

  /** {@code doc} as compact UTF-8 JSON. */
  static byte[] bytes(JsonNode doc) {
    try {
      return COMPACT.writeValueAsBytes(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /** Sends {@code doc} with {@code status}, not cacheable. */
  static void json(HttpServerExchange ex, int status, JsonNode doc) {
    send(ex, status, JSON, bytes(doc));
  }

  /** Sends {@code body} with an explicit Content-Length, not cacheable. */
  static void send(HttpServerExchange ex, int status, String contentType, byte[] body) {
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, contentType);
    ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
    ex.getResponseSender().send(ByteBuffer.wrap(body));
  }

  /** The JSON error document of {@code e}. */
  static ObjectNode errorDocument(ApiError e) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("error", e.code());
    n.put("message", e.getMessage());
    for (Map.Entry<String, Object> d : e.details().entrySet()) {
      n.set(d.getKey(), ModelJson.mapper().valueToTree(d.getValue()));
    }
    return n;
  }

  /** Sends {@code e} as a JSON error, unless the response has already started. */
  static void error(HttpServerExchange ex, ApiError e) {
    if (ex.isResponseStarted()) {
      ex.endExchange();
      return;
    }
    ex.getResponseHeaders().remove(Headers.CONTENT_ENCODING);
    ex.getResponseHeaders().remove(Headers.ETAG);
    json(ex, e.status(), errorDocument(e));
  }

  /**
   * True when {@code acceptEncoding} accepts gzip with a non-zero weight; a malformed header
   * accepts nothing but the identity.
   */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null || acceptEncoding.isEmpty() || acceptEncoding.length() > 1024) {
      return false;
    }
    double gzip = -1;
    double star = -1;
    for (String part : acceptEncoding.split(",")) {
      String[] pieces = part.split(";");
      String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < pieces.length; i++) {
        String p = pieces[i].trim();
        if (p.regionMatches(true, 0, "q=", 0, 2)) {
          q = qValue(p.substring(2).trim());
        }
      }
      if (coding.equals("gzip") || coding.equals("x-gzip")) {
        gzip = Math.max(gzip, q);
      } else if (coding.equals("*")) {
        star = q;
      }
    }
    return gzip > 0 || (gzip < 0 && star > 0);
  }

  private static double qValue(String text) {
    if (!text.matches("(0(\\.\\d{0,3})?|1(\\.0{0,3})?)")) {
      return 0; // not a qvalue (RFC 9110 §12.4.2): ignore the coding
    }
    return Double.parseDouble(text);
  }

  /**
   * True when {@code ifNoneMatch} names {@code etag} (weak comparison, as RFC 9110 prescribes for
   * If-None-Match; the {@code -gz} suffix of the gzip variant is ignored) or is {@code *}.
   */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.length() > 8192) {
      return false;
    }
    for (String part : ifNoneMatch.split(",")) {
      String tag = part.trim();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
        tag = tag.substring(1, tag.length() - 1);
        if (tag.endsWith(GZIP_SUFFIX)) {
          tag = tag.substring(0, tag.length() - GZIP_SUFFIX.length());
        }
        if (tag.equals(etag)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Appended to the entity tag of the gzip variant (a different representation). */
  static final String GZIP_SUFFIX = "-gz";

  /** UTF-8 bytes of {@code text}. */
  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
