package io.marketgate.upstream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One answer of an upstream.
 *
 * @param status HTTP status code
 * @param headers response headers, names compared case-insensitively
 * @param body raw body bytes (already decompressed)
 * @param latency time from sending the last attempt to the answer
 * @param attempts how many attempts the call took (1 without retries)
 */
public record UpstreamResponse(
    int status, Map<String, List<String>> headers, byte[] body, Duration latency, int attempts) {

  /** Validates the parts and copies the headers into a case-insensitive map. */
  public UpstreamResponse {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(latency, "latency");
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(h);
  }

  /** The first value of header {@code name}, if present. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** This answer with another attempt count. */
  public UpstreamResponse withAttempts(int attempts) {
    return new UpstreamResponse(status, headers, body, latency, attempts);
  }

  /** The outcome its status implies. */
  public Outcome outcome() {
    return Outcome.ofStatus(status);
  }
}
