package io.marketgate.upstream;

import java.net.URI;
import java.util.Map;

/**
 * Adds authentication headers to a request, once per attempt (so a retry carries a fresh
 * timestamp). Implementations hold credentials and must never expose them in {@code toString}, logs
 * or exceptions.
 */
@FunctionalInterface
public interface RequestSigner {

  /** The headers that authenticate {@code method} on {@code uri}. */
  Map<String, String> headers(String method, URI uri);

  /** A signer that adds nothing, for public endpoints. */
  static RequestSigner none() {
    return (method, uri) -> Map.of();
  }
}
