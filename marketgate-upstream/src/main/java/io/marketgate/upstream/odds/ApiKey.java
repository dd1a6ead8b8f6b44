package io.marketgate.upstream.odds;

import io.marketgate.upstream.UpstreamException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * An API key that travels in a query string. It never prints itself, and it scrubs itself out of
 * any text or exception before that leaves the adapter. Immutable.
 */
final class ApiKey {

  /** What a scrubbed key is replaced with. */
  static final String REDACTED = "***";

  private final String value;
  private final String encoded;

  ApiKey(String value) {
    Objects.requireNonNull(value, "apiKey");
    if (value.isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank");
    }
    this.value = value;
    this.encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The key, URL-encoded for a query parameter value. */
  String queryValue() {
    return encoded;
  }

  /** {@code text} with every occurrence of the key (plain or URL-encoded) replaced. */
  String scrub(String text) {
    if (text == null) {
      return "";
    }
    return text.replace(value, REDACTED).replace(encoded, REDACTED);
  }

  /** Whether {@code text} contains the key, plain or URL-encoded. */
  boolean leaksInto(String text) {
    return text != null && (text.contains(value) || text.contains(encoded));
  }

  /**
   * {@code e} itself when neither its message nor any cause's message contains the key; otherwise a
   * copy with the key scrubbed from the message and without the cause chain (which cannot be
   * rewritten).
   */
  UpstreamException scrub(UpstreamException e) {
    boolean leaks = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      leaks |= leaksInto(t.getMessage()) || leaksInto(t.toString());
    }
    if (!leaks) {
      return e;
    }
    String prefix = e.endpoint() + ": ";
    String message = scrub(e.getMessage());
    if (message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    }
    UpstreamException clean =
        new UpstreamException(e.endpoint(), e.outcome(), e.status().orElse(0), message);
    clean.setStackTrace(e.getStackTrace());
    return clean;
  }

  @Override
  public String toString() {
    return "ApiKey[" + REDACTED + "]";
  }
}
