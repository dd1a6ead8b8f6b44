package io.marketgate.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the write-behind journal is doing now: the part of {@code /health} and the metrics about
 * persistence.
 *
 * @param queued changes waiting in the queue
 * @param capacity size of the queue
 * @param accepted changes accepted into the queue since start
 * @param shed changes refused because the queue was full (or the journal closed)
 * @param batches batches committed
 * @param rowsWritten rows committed, all tables together
 * @param unchanged lines, tops and states skipped because they equalled the last written one
 * @param failedAttempts batch writes that failed (each retried until it succeeds)
 * @param failing whether the last write attempt failed and is being retried
 * @param degraded whether the journal is failing, or shed changes since it last drained its queue
 * @param lastError the last write failure, one line
 * @param lastCommit when the last batch committed
 */
public record JournalStatus(
    int queued,
    int capacity,
    long accepted,
    long shed,
    long batches,
    long rowsWritten,
    long unchanged,
    long failedAttempts,
    boolean failing,
    boolean degraded,
    Optional<String> lastError,
    Optional<Instant> lastCommit) {

  /** Validates that every part is present. */
  public JournalStatus {
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(lastCommit, "lastCommit");
  }
}
