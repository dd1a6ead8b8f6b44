package io.marketgate.sim.kalshi;

import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;

/**
 * How the simulated Kalshi behaves.
 *
 * @param payloads the payload generation to write
 * @param levelOrder the order of book levels in REST and WebSocket payloads
 * @param readTokensPerSecond the read bucket's refill rate (Basic tier: 200)
 * @param burstTokens the read bucket's capacity
 * @param requestCost the tokens one REST request costs (10)
 * @param publicKey the RSA key to verify request signatures with; empty accepts any signature
 * @param pingInterval how often the WebSocket server sends a Ping frame
 */
public record KalshiSettings(
    PayloadGeneration payloads,
    LevelOrder levelOrder,
    double readTokensPerSecond,
    double burstTokens,
    double requestCost,
    Optional<PublicKey> publicKey,
    Duration pingInterval) {

  /** Validates the settings. */
  public KalshiSettings {
    if (!(readTokensPerSecond > 0) || !(burstTokens > 0) || !(requestCost >= 0)) {
      throw new IllegalArgumentException(
          "KalshiSettings: rate, burst must be positive and cost not negative");
    }
    if (pingInterval.isNegative() || pingInterval.isZero()) {
      throw new IllegalArgumentException("KalshiSettings: pingInterval must be positive");
    }
  }
}
