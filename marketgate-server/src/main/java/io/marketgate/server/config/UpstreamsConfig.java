package io.marketgate.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The upstreams the gateway calls ({@code upstreams.*}); each is present only when enabled.
 *
 * @param kalshi Kalshi, when enabled
 * @param oddsApi The Odds API, when enabled
 * @param unabated Unabated, when enabled
 */
public record UpstreamsConfig(
    Optional<KalshiConfig> kalshi,
    Optional<OddsApiConfig> oddsApi,
    Optional<UnabatedConfig> unabated) {

  /** Validates the parts. */
  public UpstreamsConfig {
    Objects.requireNonNull(kalshi, "kalshi");
    Objects.requireNonNull(oddsApi, "oddsApi");
    Objects.requireNonNull(unabated, "unabated");
  }

  /** Whether no upstream is enabled. */
  public boolean none() {
    return kalshi.isEmpty() && oddsApi.isEmpty() && unabated.isEmpty();
  }
}
