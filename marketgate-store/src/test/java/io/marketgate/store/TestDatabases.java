package io.marketgate.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real databases for the journal tests: a fresh SQLite file, or a fresh database on one embedded
 * PostgreSQL server started once per test JVM. Each call hands out a new, empty database.
 */
final class TestDatabases {

  /** The databases every contract test runs against. */
  enum Kind {
    SQLITE,
    POSTGRESQL
  }

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private TestDatabases() {}

  /** Settings of a new, empty database of {@code kind}. */
  static JournalSettings fresh(Kind kind) {
    return switch (kind) {
      case SQLITE -> JournalSettings.of("jdbc:sqlite:" + tempDir().resolve("journal.db"));
      case POSTGRESQL -> freshPostgres();
    };
  }

  /** A migrated journal on a new, empty database of {@code kind}. */
  static SqlJournal migrated(Kind kind) {
    SqlJournal journal = SqlJournal.open(fresh(kind));
    journal.migrate();
    return journal;
  }

  static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("journal-test");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized JournalSettings freshPostgres() {
    try {
      if (postgres == null) {
        postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stopPostgres));
      }
      String name = "journal_" + COUNTER.incrementAndGet();
      try (Connection c = postgres.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name);
      }
      return JournalSettings.of(postgres.getJdbcUrl("postgres", name))
          .withCredentials("postgres", "postgres");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static synchronized void stopPostgres() {
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException e) {
      // the JVM is exiting
    }
  }
}
