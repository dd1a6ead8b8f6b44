package io.marketgate.store;

/** Writes batches to the journal, each in one transaction. Thread-safe. */
public interface JournalWriter {

  /**
   * Writes {@code batch} in one transaction; rows already present (same key and capture) are kept.
   *
   * @throws StoreException if the database fails; then nothing of the batch was written
   */
  void write(JournalBatch batch);
}
