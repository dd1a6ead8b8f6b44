package io.marketgate.upstream.binance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Payloads written from the documented Binance spot formats (shared/reference/upstream-apis.md §3),
 * not copied from live traffic; stored as JSON files beside this class.
 */
final class BinanceFixtures {

  private BinanceFixtures() {}

  /** The text of fixture {@code name} (for example {@code depth-update.json}). */
  static String text(String name) {
    try (InputStream in = BinanceFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
