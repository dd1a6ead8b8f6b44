package io.marketgate.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The SQL journal ({@code storage.*}): where it lives, how it writes behind the cache, and how long
 * it keeps history. {@link #toString()} never shows the password.
 *
 * @param enabled whether odds, markets and book tops are journaled, warmed up and read back
 * @param url JDBC URL of the journal: {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://…}
 * @param user the database user, if any
 * @param password the database password, if any
 * @param poolSize most database connections
 * @param queueCapacity changes queued for the writer before new ones are shed
 * @param batchSize most changes written in one transaction
 * @param retention how long history is kept; older superseded rows and finished events are pruned
 * @param warmUpWindow at start, events that started up to this long ago are loaded into memory
 * @param bookTopInterval shortest time between two journaled tops of one book
 */
public record StorageConfig(
    boolean enabled,
    String url,
    Optional<String> user,
    Optional<Secret> password,
    int poolSize,
    int queueCapacity,
    int batchSize,
    Duration retention,
    Duration warmUpWindow,
    Duration bookTopInterval) {

  /** The journal file's name inside the data directory. */
  public static final String SQLITE_FILE = "journal.db";

  /** Validates that every part is present and the sizes are positive. */
  public StorageConfig {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(warmUpWindow, "warmUpWindow");
    Objects.requireNonNull(bookTopInterval, "bookTopInterval");
    if (poolSize < 2 || queueCapacity < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "storage sizes must be positive (pool at least 2), were "
              + poolSize
              + ", "
              + queueCapacity
              + " and "
              + batchSize);
    }
  }

  /** The default journal: an SQLite file {@code journal.db} in {@code dataDir}. */
  public static StorageConfig defaults(Path dataDir) {
    return new StorageConfig(
        true,
        sqliteUrl(dataDir),
        Optional.empty(),
        Optional.empty(),
        4,
        10_000,
        500,
        Duration.ofDays(30),
        Duration.ofHours(2),
        Duration.ofSeconds(1));
  }

  /** The JDBC URL of the SQLite journal in {@code dataDir}. */
  public static String sqliteUrl(Path dataDir) {
    return "jdbc:sqlite:" + dataDir.toAbsolutePath().normalize().resolve(SQLITE_FILE);
  }

  @Override
  public String toString() {
    return "StorageConfig[enabled="
        + enabled
        + ", url="
        + url
        + ", user="
        + user.orElse("(none)")
        + ", password="
        + password.map(Secret::toString).orElse("(none)")
        + ", poolSize="
        + poolSize
        + ", queueCapacity="
        + queueCapacity
        + ", batchSize="
        + batchSize
        + ", retention="
        + retention
        + ", warmUpWindow="
        + warmUpWindow
        + ", bookTopInterval="
        + bookTopInterval
        + "]";
  }
}
