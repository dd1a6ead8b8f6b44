package io.marketgate.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The upstreams the gateway calls ({@code upstreams.*}); each is present only when enabled.
 *
 * @param kalshi Kalshi, when enabled
 * @param oddsApi The Odds API, when enabled
 * @param unabated Unabated, when enabled
 * @param binance Binance spot, when enabled
 */
public record UpstreamsConfig(
    Optional<KalshiConfig> kalshi,
    Optional<OddsApiConfig> oddsApi,
    Optional<UnabatedConfig> unabated,
    Optional<BinanceConfig> binance) {

  /** Validates the parts. */
  public UpstreamsConfig {
    Objects.requireNonNull(kalshi, "kalshi");
    Objects.requireNonNull(oddsApi, "oddsApi");
    Objects.requireNonNull(unabated, "unabated");
    Objects.requireNonNull(binance, "binance");
  }

  /** The upstreams without Binance. */
  public UpstreamsConfig(
      Optional<KalshiConfig> kalshi,
      Optional<OddsApiConfig> oddsApi,
      Optional<UnabatedConfig> unabated) {
    this(kalshi, oddsApi, unabated, Optional.empty());
  }

  /** Whether no upstream is enabled. */
  public boolean none() {
    return kalshi.isEmpty() && oddsApi.isEmpty() && unabated.isEmpty() && binance.isEmpty();
  }
}
