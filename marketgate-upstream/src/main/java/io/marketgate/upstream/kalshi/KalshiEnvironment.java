package io.marketgate.upstream.kalshi;

import java.net.URI;

/** The Kalshi hosts: the REST root and the WebSocket URI of each environment. */
public enum KalshiEnvironment {
  /** Production, the current recommended hosts. */
  PROD(
      "https://external-api.kalshi.com/trade-api/v2",
      "wss://external-api-ws.kalshi.com/trade-api/ws/v2"),
  /** Production, the legacy shared host ("also supported"); serves all markets. */
  PROD_LEGACY(
      "https://api.elections.kalshi.com/trade-api/v2",
      "wss://api.elections.kalshi.com/trade-api/ws/v2"),
  /** Demo, the current hosts; demo keys do not work in production and vice versa. */
  DEMO(
      "https://external-api.demo.kalshi.co/trade-api/v2",
      "wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2"),
  /** Demo, the legacy shared host. */
  DEMO_LEGACY(
      "https://demo-api.kalshi.co/trade-api/v2", "wss://demo-api.kalshi.co/trade-api/ws/v2");

  private final URI restBase;
  private final URI webSocket;

  KalshiEnvironment(String restBase, String webSocket) {
    this.restBase = URI.create(restBase);
    this.webSocket = URI.create(webSocket);
  }

  /** The REST root, ending in {@code /trade-api/v2}: the base URI of an UpstreamClient. */
  public URI restBase() {
    return restBase;
  }

  /** The WebSocket URI, ending in {@code /trade-api/ws/v2}. */
  public URI webSocket() {
    return webSocket;
  }
}
