package io.marketgate.server.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Who may call the gateway ({@code auth.*}): consumer keys with scopes, or open mode.
 *
 * @param mode whether keys are required
 * @param keys the accepted keys; empty in open mode
 */
public record AuthConfig(Mode mode, List<ApiKey> keys) {

  /** Validates the parts and copies the keys. */
  public AuthConfig {
    Objects.requireNonNull(mode, "mode");
    keys = List.copyOf(keys);
    if (mode == Mode.KEYS && keys.isEmpty()) {
      throw new IllegalArgumentException("auth mode keys needs at least one key");
    }
  }

  /** Open mode: every request is allowed every scope. For demos and trusted networks only. */
  public static AuthConfig open() {
    return new AuthConfig(Mode.OPEN, List.of());
  }

  /** Whether keys are required. */
  public enum Mode {
    /** Every request must carry one of the configured keys. */
    KEYS,
    /** No key needed; every request has every scope. */
    OPEN
  }

  /** What a key lets its holder do. */
  public enum Scope {
    /** Read routes: data, streams, sources, health, metrics. */
    READ,
    /** Everything {@link #READ} allows, plus the admin routes: force a refresh, clear a cache. */
    ADMIN;

    /** The lower-case name used in the file ({@code read}, {@code admin}). */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One consumer key.
   *
   * @param name who holds it, for logs and metrics (never the key itself)
   * @param key the key
   * @param scopes what it allows; not empty
   */
  public record ApiKey(String name, Secret key, Set<Scope> scopes) {

    /** Validates the parts and copies the scopes. */
    public ApiKey {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(key, "key");
      if (scopes.isEmpty()) {
        throw new IllegalArgumentException("key " + name + " has no scopes");
      }
      scopes = Collections.unmodifiableSet(EnumSet.copyOf(scopes));
    }

    /** Whether this key allows {@code scope}; {@code admin} includes {@code read}. */
    public boolean allows(Scope scope) {
      return scopes.contains(scope) || scopes.contains(Scope.ADMIN);
    }
  }
}
