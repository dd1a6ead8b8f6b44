package io.marketgate.server.journal;

import io.marketgate.model.EventKey;
import io.marketgate.model.OddsEvent;
import io.marketgate.server.events.EventFallback;
import io.marketgate.store.JournaledEvent;
import io.marketgate.store.OddsRepository;
import io.marketgate.store.StoreException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an event that is not in memory from the journal. Concurrent loads of one event coalesce
 * into one query: the first caller runs it, the others wait for its answer. A database failure is
 * logged and answers empty (the event is then simply not found). Thread-safe; blocking.
 */
final class JournalEventFallback implements EventFallback {

  private static final Logger LOG = LoggerFactory.getLogger(JournalEventFallback.class);

  private final OddsRepository odds;
  private final ConcurrentMap<EventKey, CompletableFuture<Optional<OddsEvent>>> inFlight =
      new ConcurrentHashMap<>();
  private final AtomicLong queries = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();

  JournalEventFallback(OddsRepository odds) {
    this.odds = odds;
  }

  @Override
  public Optional<OddsEvent> load(EventKey key) {
    CompletableFuture<Optional<OddsEvent>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<OddsEvent>> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      return running.join();
    }
    try {
      Optional<OddsEvent> found = query(key);
      mine.complete(found);
      return found;
    } finally {
      inFlight.remove(key, mine);
      mine.complete(Optional.empty());
    }
  }

  private Optional<OddsEvent> query(EventKey key) {
    queries.incrementAndGet();
    try {
      return odds.event(key, 0).map(JournaledEvent::event);
    } catch (StoreException e) {
      if (failures.getAndIncrement() % 100 == 0) {
        LOG.warn("journal fallback read of {} failed: {}", key, e.getMessage());
      }
      return Optional.empty();
    }
  }

  /** Queries run so far (coalesced loads count once). */
  long queries() {
    return queries.get();
  }
}
