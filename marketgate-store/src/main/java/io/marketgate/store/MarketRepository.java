package io.marketgate.store;

import io.marketgate.model.MarketKey;
import java.util.Optional;

/** Reads market states and book tops back from the journal. Thread-safe. */
public interface MarketRepository {

  /** The latest journaled state of market {@code key}. */
  Optional<MarketState> latestState(MarketKey key);

  /** The latest journaled top of book {@code key}. */
  Optional<BookTop> latestTop(MarketKey key);
}
