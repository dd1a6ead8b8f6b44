package io.marketgate.sim.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP reply produced by a venue route: status, extra headers and a JSON body.
 *
 * @param status the HTTP status code
 * @param headers extra response headers (the content type is always JSON)
 * @param body the response body, UTF-8 JSON (or deliberately broken JSON when a fault says so)
 */
public record Reply(int status, Map<String, String> headers, byte[] body) {

  /** Copies the headers so that the reply is immutable. */
  public Reply {
    headers = Map.copyOf(headers);
  }

  /** A reply with {@code status} and {@code json} as its body. */
  public static Reply json(int status, Object json) {
    return new Reply(status, Map.of(), Json.bytes(json));
  }

  /** This reply with one more header. */
  public Reply withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Reply(status, copy, body);
  }

  /** This reply with a different body. */
  public Reply withBody(byte[] newBody) {
    return new Reply(status, headers, newBody);
  }

  /** The body as text, for logs and tests. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
