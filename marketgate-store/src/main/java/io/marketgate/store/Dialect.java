package io.marketgate.store;

import java.util.Locale;

/** The databases the journal runs on; the SQL is the same, only connection setup differs. */
enum Dialect {
  SQLITE("jdbc:sqlite:"),
  POSTGRESQL("jdbc:postgresql:");

  private final String prefix;

  Dialect(String prefix) {
    this.prefix = prefix;
  }

  /** The dialect of JDBC URL {@code url}. */
  static Dialect of(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    for (Dialect d : values()) {
      if (lower.startsWith(d.prefix)) {
        return d;
      }
    }
    int colon = url.indexOf(':', "jdbc:".length());
    String scheme = colon < 0 ? url : url.substring(0, colon + 1);
    throw new StoreException(
        "unsupported journal URL scheme "
            + scheme
            + "; expected jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
  }

  /** The label used in stats and logs. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
