package io.marketgate.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who may call the API: consumer keys with a scope, or an explicit open mode. Immutable and
 * thread-safe; keeps only SHA-256 hashes of the keys.
 */
public final class ApiKeys {

  /*
   * A presented key is hashed and compared with every stored hash by MessageDigest.isEqual, without
   * stopping at the first match: the time taken depends on neither the key nor how many of its bytes
   * match. Keys are never logged and never kept in clear text.
   */

  /** Shortest key accepted, in chars. */
  public static final int MIN_KEY_LENGTH = 16;

  /** What a key allows. */
  public enum Scope {
    /** Read market data, sources and the event stream. */
    READ,
    /** Everything READ allows, plus the admin routes (refresh a source, clear a cache). */
    ADMIN;

    /** True when this scope includes {@code needed}. */
    boolean covers(Scope needed) {
      return this == ADMIN || needed == READ;
    }
  }

  private record Hashed(byte[] hash, Scope scope) {}

  private final List<Hashed> keys;
  private final Optional<Scope> anonymous;

  private ApiKeys(List<Hashed> keys, Optional<Scope> anonymous) {
    this.keys = keys;
    this.anonymous = anonymous;
  }

  /**
   * Open mode: no key is needed and every caller may use every route, admin included. For a gateway
   * on loopback (the demo); never the default.
   */
  public static ApiKeys open() {
    return new ApiKeys(List.of(), Optional.of(Scope.ADMIN));
  }

  /**
   * Keys with their scopes; every route except {@code /health} and {@code /metrics} needs one.
   *
   * @throws IllegalArgumentException if there are no keys or a key is shorter than {@link
   *     #MIN_KEY_LENGTH} or contains whitespace (the message never shows the key)
   */
  public static ApiKeys of(Map<String, Scope> keys) {
    Objects.requireNonNull(keys, "keys");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "at least one API key is needed; use ApiKeys.open() for open mode");
    }
    List<Hashed> hashed = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Scope> e : keys.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), "key");
      Objects.requireNonNull(e.getValue(), "scope");
      if (key.length() < MIN_KEY_LENGTH || key.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException(
            "API key #"
                + (i + 1)
                + " (scope "
                + e.getValue()
                + ") must be at least "
                + MIN_KEY_LENGTH
                + " chars without whitespace");
      }
      hashed.add(new Hashed(sha256(key), e.getValue()));
      i++;
    }
    return new ApiKeys(List.copyOf(hashed), Optional.empty());
  }

  /** These keys, with callers that present no key allowed to read (but not to administer). */
  public ApiKeys withAnonymousRead() {
    return new ApiKeys(keys, Optional.of(anonymous.orElse(Scope.READ)));
  }

  /** True in open mode: callers without a key may administer. */
  public boolean isOpen() {
    return keys.isEmpty();
  }

  /** The scope of a caller that presents no key, if such callers are let in. */
  Optional<Scope> anonymousScope() {
    return anonymous;
  }

  /** The scope of {@code presented}, or empty when it is no known key. Constant time. */
  Optional<Scope> scopeOf(String presented) {
    byte[] hash = sha256(presented);
    Scope found = null;
    for (Hashed k : keys) {
      if (MessageDigest.isEqual(k.hash(), hash) && found == null) {
        found = k.scope();
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return isOpen() ? "ApiKeys[open]" : "ApiKeys[" + keys.size() + " keys]";
  }
}
