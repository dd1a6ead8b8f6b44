package io.marketgate.store;

import java.math.BigDecimal;
import java.util.Optional;

/** Exact decimals as the journal stores them: plain text, compared by value. */
final class Decimals {

  private Decimals() {}

  static boolean same(Optional<BigDecimal> a, Optional<BigDecimal> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty();
    }
    return a.get().compareTo(b.get()) == 0;
  }

  static String text(Optional<BigDecimal> value) {
    return value.map(BigDecimal::toPlainString).orElse(null);
  }

  static Optional<BigDecimal> parse(String text) {
    return text == null ? Optional.empty() : Optional.of(new BigDecimal(text));
  }
}
