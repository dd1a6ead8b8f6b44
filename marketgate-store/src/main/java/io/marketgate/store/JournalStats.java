package io.marketgate.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How much the journal holds.
 *
 * @param database the database kind, {@code sqlite} or {@code postgresql}
 * @param events event rows
 * @param bookmakers bookmaker rows
 * @param lines odds line rows
 * @param marketStates market state rows
 * @param bookTops book top rows
 * @param oldestLine capture time of the oldest line
 * @param newestLine capture time of the newest line
 */
public record JournalStats(
    String database,
    long events,
    long bookmakers,
    long lines,
    long marketStates,
    long bookTops,
    Optional<Instant> oldestLine,
    Optional<Instant> newestLine) {

  /** Validates that every part is present. */
  public JournalStats {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(oldestLine, "oldestLine");
    Objects.requireNonNull(newestLine, "newestLine");
  }
}
