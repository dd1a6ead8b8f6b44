package io.marketgate.server.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential read from a file or an environment variable. Its value is only reachable through
 * {@link #reveal()}; {@link #toString()} names where it came from, never what it is. Immutable.
 */
public final class Secret {

  private final String value;
  private final String origin;

  private Secret(String value, String origin) {
    this.value = Objects.requireNonNull(value, "value");
    this.origin = Objects.requireNonNull(origin, "origin");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("secret from " + origin + " is empty");
    }
  }

  /**
   * A secret with {@code value}, described as coming from {@code origin} (for example {@code env
   * ODDS_API_KEY}).
   */
  public static Secret of(String value, String origin) {
    return new Secret(value, origin);
  }

  /** The secret itself; hand it to the component that needs it, never to a log. */
  public String reveal() {
    return value;
  }

  /** Where the secret came from, for example {@code file /run/secrets/odds} or {@code env X}. */
  public String origin() {
    return origin;
  }

  /** Compares the values in constant time (and the origins). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8))
        && origin.equals(s.origin);
  }

  /** A hash of the origin only, so that hashing leaks nothing about the value. */
  @Override
  public int hashCode() {
    return origin.hashCode();
  }

  /** {@code Secret(from env ODDS_API_KEY)}: the origin, never the value. */
  @Override
  public String toString() {
    return "Secret(from " + origin + ")";
  }
}
