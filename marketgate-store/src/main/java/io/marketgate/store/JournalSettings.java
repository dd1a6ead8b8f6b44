package io.marketgate.store;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the journal lives and how to log in: a JDBC URL ({@code jdbc:sqlite:FILE} or {@code
 * jdbc:postgresql://…}), an optional user and password, and the connection pool size. {@link
 * #toString()} never shows the password.
 *
 * @param url the JDBC URL; SQLite and PostgreSQL are supported
 * @param user the database user, if the database wants one
 * @param password the user's password, if the database wants one
 * @param maxPoolSize most connections the pool opens, at least 2 (one writer, one reader)
 */
public record JournalSettings(
    String url, Optional<String> user, Optional<String> password, int maxPoolSize) {

  /** Default pool size: one writer and a few concurrent readers. */
  public static final int DEFAULT_POOL_SIZE = 4;

  /** Validates the parts: a supported URL and a pool of at least 2. */
  public JournalSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Dialect.of(url);
    if (maxPoolSize < 2) {
      throw new StoreException("maxPoolSize must be at least 2 but was " + maxPoolSize);
    }
  }

  /** Settings for {@code url} without credentials and with the default pool size. */
  public static JournalSettings of(String url) {
    return new JournalSettings(url, Optional.empty(), Optional.empty(), DEFAULT_POOL_SIZE);
  }

  /** These settings with {@code user} and {@code password}. */
  public JournalSettings withCredentials(String user, String password) {
    return new JournalSettings(url, Optional.of(user), Optional.of(password), maxPoolSize);
  }

  /** Whether the URL names an SQLite file. */
  public boolean isSqlite() {
    return Dialect.of(url) == Dialect.SQLITE;
  }

  @Override
  public String toString() {
    return "JournalSettings[url="
        + url
        + ", user="
        + user.orElse("(none)")
        + ", password="
        + (password.isPresent() ? "(set)" : "(none)")
        + ", maxPoolSize="
        + maxPoolSize
        + "]";
  }
}
