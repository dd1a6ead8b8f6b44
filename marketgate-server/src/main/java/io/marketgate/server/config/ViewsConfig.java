package io.marketgate.server.config;

import io.marketgate.model.DeVigMethod;
import java.util.Objects;

/**
 * How the views compute what they serve ({@code views.*}).
 *
 * @param eventsDevig how {@code /v1/events} removes the vig from bookmaker and consensus prices
 *     ({@code views.events.devig})
 */
public record ViewsConfig(DeVigMethod eventsDevig) {

  /** Validates the parts. */
  public ViewsConfig {
    Objects.requireNonNull(eventsDevig, "eventsDevig");
  }

  /** Multiplicative de-vig. */
  public static ViewsConfig defaults() {
    return new ViewsConfig(DeVigMethod.MULTIPLICATIVE);
  }
}
