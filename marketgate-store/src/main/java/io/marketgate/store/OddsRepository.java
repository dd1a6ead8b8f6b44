package io.marketgate.store;

import io.marketgate.model.EventKey;
import io.marketgate.model.OddsEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reads odds back from the journal: warm-up at start and fallback reads. Thread-safe. */
public interface OddsRepository {

  /**
   * Every event that starts at or after {@code startsAfter}, with its latest line per bookmaker and
   * market, in start order; reports progress to {@code progress} as it reads.
   *
   * @throws StoreException if the database fails
   */
  List<OddsEvent> latestEvents(Instant startsAfter, WarmUpProgress progress);

  /**
   * Event {@code key} with its latest line per bookmaker and market and up to {@code history}
   * earlier lines of each; empty when the journal has no line of it.
   *
   * @throws StoreException if the database fails
   */
  Optional<JournaledEvent> event(EventKey key, int history);
}
