package io.marketgate.cache;

import java.util.Objects;

/**
 * A value answered by a {@link CachedResource} together with its freshness label.
 *
 * @param value the value; immutable
 * @param freshness where the value came from and how old it was when served
 * @param <V> type of the value
 */
public record Served<V>(V value, Freshness freshness) {

  /** Validates the parts. */
  public Served {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(freshness, "freshness");
  }
}
