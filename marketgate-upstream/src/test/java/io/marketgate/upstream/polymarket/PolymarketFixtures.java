package io.marketgate.upstream.polymarket;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The payload fixtures of this package, written from the documented Polymarket formats. */
final class PolymarketFixtures {

  /** Token id A of the fixtures. */
  static final String A =
      "65818619657568813474341868652308942079804919287380422192892211131408793125422";

  /** Token id B of the fixtures. */
  static final String B =
      "52114319501245915516055106046884209969926127482827954674443846427813813222426";

  private PolymarketFixtures() {}

  /** The fixture {@code name} as text. */
  static String text(String name) {
    try (InputStream in = PolymarketFixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
