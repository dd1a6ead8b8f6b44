package io.marketgate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The SQL journal: a pooled connection to SQLite or PostgreSQL, its migrations, and the
 * repositories over it. One instance per database; thread-safe. The opener owns it and closes it.
 */
public final class SqlJournal implements AutoCloseable {

  /** Where the migrations live on the classpath. */
  static final String MIGRATIONS = "classpath:db/journal";

  private final Dialect dialect;
  private final HikariDataSource pool;
  private final JdbcJournal jdbc;

  private SqlJournal(Dialect dialect, HikariDataSource pool) {
    this.dialect = dialect;
    this.pool = pool;
    this.jdbc = new JdbcJournal(pool);
  }

  /**
   * Opens a connection pool to the journal of {@code settings}; creates the directory of an SQLite
   * file. Does not migrate: call {@link #migrate()}.
   *
   * @throws StoreException if the database cannot be reached
   */
  public static SqlJournal open(JournalSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Dialect dialect = Dialect.of(settings.url());
    HikariConfig config = new HikariConfig();
    config.setPoolName("journal");
    config.setJdbcUrl(settings.url());
    settings.user().ifPresent(config::setUsername);
    settings.password().ifPresent(config::setPassword);
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setMinimumIdle(1);
    config.setConnectionTimeout(5_000);
    config.setValidationTimeout(2_000);
    if (dialect == Dialect.SQLITE) {
      createSqliteDirectory(settings.url());
      // WAL lets readers run beside the one writer; NORMAL sync keeps every commit across a
      // process crash (the WAL is fsynced at checkpoints), trading only the last commits on
      // power loss for far fewer fsyncs.
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", "NORMAL");
      config.addDataSourceProperty("busy_timeout", "10000");
      config.addDataSourceProperty("foreign_keys", "false");
    } else {
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    try {
      return new SqlJournal(dialect, new HikariDataSource(config));
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot open the journal at " + redacted(settings.url()) + ": " + rootMessage(e), e);
    }
  }

  private static void createSqliteDirectory(String url) {
    String path = url.substring("jdbc:sqlite:".length());
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.startsWith("file:")) {
      path = path.substring("file:".length());
    }
    if (path.isEmpty() || path.equals(":memory:")) {
      return;
    }
    Path parent = Path.of(path).toAbsolutePath().getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException("cannot create the journal directory " + parent, e);
    }
  }

  /**
   * Brings the schema up to date; returns how many migrations ran.
   *
   * @throws StoreException if a migration fails
   */
  public int migrate() {
    try {
      MigrateResult result =
          Flyway.configure()
              .dataSource(pool)
              .locations(MIGRATIONS)
              .table("journal_schema_history")
              .load()
              .migrate();
      return result.migrationsExecuted;
    } catch (FlywayException e) {
      throw new StoreException("journal migration failed: " + rootMessage(e), e);
    }
  }

  /** The database kind, {@code sqlite} or {@code postgresql}. */
  public String database() {
    return dialect.label();
  }

  /** Writes batches in transactions. */
  public JournalWriter writer() {
    return jdbc;
  }

  /** Reads odds back: warm-up and fallback. */
  public OddsRepository odds() {
    return jdbc;
  }

  /** Reads market states and book tops back. */
  public MarketRepository markets() {
    return jdbc;
  }

  /**
   * Counts what the journal holds.
   *
   * @throws StoreException if the database fails
   */
  public JournalStats stats() {
    return jdbc.stats(dialect.label());
  }

  /**
   * Applies retention: removes events that started before {@code before} with all their lines, and
   * every line, market state and book top captured before {@code before} that a newer row of the
   * same key superseded (the latest row of each key always stays).
   *
   * @throws StoreException if the database fails
   */
  public Pruned prune(Instant before) {
    return jdbc.prune(Objects.requireNonNull(before, "before"));
  }

  /** Closes the pool; the repositories fail afterwards. */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "SqlJournal[" + dialect.label() + "]";
  }

  /** The URL without its query string, where drivers may carry passwords. */
  static String redacted(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query) + "?…";
  }

  /** The innermost message of {@code e}'s causes, for one-line errors. */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message.replace('\n', ' ');
  }
}
