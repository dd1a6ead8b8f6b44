package io.marketgate.sim.binance;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the simulated Binance behaves.
 *
 * @param symbols the listed symbols (upper case) and their starting mid prices; the tick is 0.01
 * @param levels price levels per side of each book
 * @param weightPerMinute the REQUEST_WEIGHT limit per minute (the current documented 6,000)
 * @param pingInterval how often the WebSocket server sends a Ping frame
 */
public record BinanceSettings(
    Map<String, BigDecimal> symbols, int levels, long weightPerMinute, Duration pingInterval) {

  /** The default symbols: BTCUSDT, ETHUSDT, SOLUSDT and BNBUSDT. */
  public static final Map<String, BigDecimal> DEFAULT_SYMBOLS = defaults();

  /** Validates the settings and copies the symbols, keeping their order. */
  public BinanceSettings {
    Objects.requireNonNull(pingInterval, "pingInterval");
    symbols = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(symbols));
    symbols.forEach(
        (s, p) -> {
          if (!s.matches("[A-Z0-9]{2,30}") || p.signum() <= 0) {
            throw new IllegalArgumentException(
                "BinanceSettings: symbol " + s + " needs upper-case letters and a positive price");
          }
        });
    if (levels < 5 || levels > 5_000) {
      throw new IllegalArgumentException("BinanceSettings: levels must be 5..5000, was " + levels);
    }
    if (weightPerMinute < 1) {
      throw new IllegalArgumentException("BinanceSettings: weightPerMinute must be positive");
    }
    if (pingInterval.isNegative() || pingInterval.isZero()) {
      throw new IllegalArgumentException("BinanceSettings: pingInterval must be positive");
    }
  }

  private static Map<String, BigDecimal> defaults() {
    Map<String, BigDecimal> m = new LinkedHashMap<>();
    m.put("BTCUSDT", new BigDecimal("65000.00"));
    m.put("ETHUSDT", new BigDecimal("3500.00"));
    m.put("SOLUSDT", new BigDecimal("150.00"));
    m.put("BNBUSDT", new BigDecimal("600.00"));
    return java.util.Collections.unmodifiableMap(m);
  }
}
