package io.marketgate.sim.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a venue route sees it: method, path, decoded query parameters (repeated names
 * keep every value in order) and headers with lower-case names.
 *
 * @param method the upper-case HTTP method
 * @param path the request path without the query string, for example {@code /trade-api/v2/markets}
 * @param query the decoded query parameters
 * @param headers the request headers keyed by lower-case name (first value only)
 */
public record SimRequest(
    String method, String path, Map<String, List<String>> query, Map<String, String> headers) {

  /** Copies the maps so that the request is immutable. */
  public SimRequest {
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
  }

  /** The first value of query parameter {@code name}, if present (an empty value counts). */
  public Optional<String> param(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of query parameter {@code name}, in request order; empty if absent. */
  public List<String> params(String name) {
    return query.getOrDefault(name, List.of());
  }

  /** The value of header {@code name} (any case), if present. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }
}
