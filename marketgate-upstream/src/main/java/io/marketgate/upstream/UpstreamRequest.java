package io.marketgate.upstream;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request to an upstream, as a value: the endpoint label for counters, method, URI, headers,
 * body, its cost in the budget's units and its timeout.
 *
 * @param endpoint label for counters and errors, for example {@code kalshi.orderbook}
 * @param method upper-case HTTP method
 * @param uri full URI including the query string
 * @param headers request headers (signing headers are added per attempt by a {@link RequestSigner})
 * @param body request body; empty for none
 * @param cost tokens (Kalshi), weight (Binance) or credits (The Odds API) the call costs
 * @param timeout how long one attempt may take
 */
public record UpstreamRequest(
    String endpoint,
    String method,
    URI uri,
    Map<String, String> headers,
    byte[] body,
    int cost,
    Duration timeout) {

  /** The default timeout of one attempt. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** Validates the parts and copies the headers. */
  public UpstreamRequest {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(timeout, "timeout");
    headers = Map.copyOf(headers);
    if (cost < 0) {
      throw new IllegalArgumentException("cost of " + endpoint + " must be >= 0, was " + cost);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout of " + endpoint + " must be positive");
    }
  }

  /** A GET of {@code uri} costing {@code cost}, with the default timeout. */
  public static UpstreamRequest get(String endpoint, URI uri, int cost) {
    return new UpstreamRequest(endpoint, "GET", uri, Map.of(), new byte[0], cost, DEFAULT_TIMEOUT);
  }

  /** A POST of a JSON {@code body} to {@code uri} costing {@code cost}. */
  public static UpstreamRequest postJson(String endpoint, URI uri, byte[] body, int cost) {
    return new UpstreamRequest(
        endpoint,
        "POST",
        uri,
        Map.of("Content-Type", "application/json"),
        body.clone(),
        cost,
        DEFAULT_TIMEOUT);
  }

  /** This request with one more header. */
  public UpstreamRequest withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new UpstreamRequest(endpoint, method, uri, h, body, cost, timeout);
  }

  /** This request with another timeout. */
  public UpstreamRequest withTimeout(Duration timeout) {
    return new UpstreamRequest(endpoint, method, uri, headers, body, cost, timeout);
  }

  @Override
  public String toString() {
    // Headers may carry credentials: never print them.
    return method + " " + uri.getPath() + " (" + endpoint + ", cost " + cost + ")";
  }
}
