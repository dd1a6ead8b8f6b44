package io.marketgate.server.config;

import io.marketgate.upstream.BudgetConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The Binance spot upstream ({@code upstreams.binance.*}): which symbols' books are streamed, from
 * where, and the REST weight budget of the snapshots.
 *
 * @param restUrl the REST host, for example {@code https://api.binance.com}
 * @param streamUrl the WebSocket host, for example {@code wss://stream.binance.com:9443}
 * @param symbols upper-case symbols whose books are kept, for example {@code BTCUSDT}
 * @param depthLimit levels per side of each REST snapshot (1 to 5,000)
 * @param weightPerMinute the IP's REQUEST_WEIGHT limit per minute
 * @param staleAfter how old a book may be before readers call it stale
 */
public record BinanceConfig(
    URI restUrl,
    URI streamUrl,
    List<String> symbols,
    int depthLimit,
    long weightPerMinute,
    Duration staleAfter) {

  /** Validates the parts and copies the symbols. */
  public BinanceConfig {
    Objects.requireNonNull(restUrl, "restUrl");
    Objects.requireNonNull(streamUrl, "streamUrl");
    Objects.requireNonNull(staleAfter, "staleAfter");
    symbols = List.copyOf(symbols);
    if (depthLimit < 1 || depthLimit > 5_000) {
      throw new IllegalArgumentException("depthLimit must be 1 to 5000, was " + depthLimit);
    }
    if (weightPerMinute < 1) {
      throw new IllegalArgumentException(
          "weightPerMinute must be positive, was " + weightPerMinute);
    }
  }

  /** The budget of this IP: {@code weightPerMinute} in minute windows, corrected by the header. */
  public BudgetConfig budget() {
    return BudgetConfig.binance(weightPerMinute);
  }
}
