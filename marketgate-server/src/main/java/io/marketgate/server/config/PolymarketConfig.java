package io.marketgate.server.config;

import io.marketgate.upstream.BudgetConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The Polymarket CLOB upstream ({@code upstreams.polymarket.*}): where it is, which outcome tokens'
 * books are followed, and how silence and drift are caught.
 *
 * @param baseUrl the CLOB REST root, for example {@code https://clob.polymarket.com}
 * @param wsUrl the market-channel WebSocket URI
 * @param assets outcome token ids whose books are kept
 * @param staleAfter how old a book may be before readers are told it is stale
 * @param silenceWindow how long an asset may send nothing before its book is marked stale and
 *     re-synced (and a silent connection replaced)
 * @param resyncInterval how often every book is re-synced over REST
 */
public record PolymarketConfig(
    URI baseUrl,
    URI wsUrl,
    List<String> assets,
    Duration staleAfter,
    Duration silenceWindow,
    Duration resyncInterval) {

  /** The public production REST root. */
  public static final URI PRODUCTION_REST = URI.create("https://clob.polymarket.com");

  /** The public production market channel. */
  public static final URI PRODUCTION_WS =
      URI.create("wss://ws-subscriptions-clob.polymarket.com/ws/market");

  /** Validates the parts and copies the assets. */
  public PolymarketConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(wsUrl, "wsUrl");
    Objects.requireNonNull(staleAfter, "staleAfter");
    Objects.requireNonNull(silenceWindow, "silenceWindow");
    Objects.requireNonNull(resyncInterval, "resyncInterval");
    assets = List.copyOf(assets);
    if (assets.isEmpty()) {
      throw new IllegalArgumentException("upstreams.polymarket.assets must not be empty");
    }
  }

  /** The budget of the CLOB: its documented 10-second windows. */
  public BudgetConfig budget() {
    return BudgetConfig.polymarketClob();
  }
}
