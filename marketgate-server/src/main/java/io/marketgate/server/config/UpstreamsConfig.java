package io.marketgate.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The upstreams the gateway calls ({@code upstreams.*}); each is present only when enabled.
 *
 * @param kalshi Kalshi, when enabled
 * @param oddsApi The Odds API, when enabled
 * @param unabated Unabated, when enabled
 * @param polymarket the Polymarket CLOB, when enabled
 * @param binance Binance spot, when enabled
 */
public record UpstreamsConfig(
    Optional<KalshiConfig> kalshi,
    Optional<OddsApiConfig> oddsApi,
    Optional<UnabatedConfig> unabated,
    Optional<PolymarketConfig> polymarket,
    Optional<BinanceConfig> binance) {

  /** Validates the parts. */
  public UpstreamsConfig {
    Objects.requireNonNull(kalshi, "kalshi");
    Objects.requireNonNull(oddsApi, "oddsApi");
    Objects.requireNonNull(unabated, "unabated");
    Objects.requireNonNull(polymarket, "polymarket");
    Objects.requireNonNull(binance, "binance");
  }

  /** Kalshi and the odds feeds, without Polymarket or Binance. */
  public UpstreamsConfig(
      Optional<KalshiConfig> kalshi,
      Optional<OddsApiConfig> oddsApi,
      Optional<UnabatedConfig> unabated) {
    this(kalshi, oddsApi, unabated, Optional.empty(), Optional.empty());
  }

  /** Whether no upstream is enabled. */
  public boolean none() {
    return kalshi.isEmpty()
        && oddsApi.isEmpty()
        && unabated.isEmpty()
        && polymarket.isEmpty()
        && binance.isEmpty();
  }
}
