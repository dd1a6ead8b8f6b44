package io.marketgate.server.ingest;

import io.marketgate.cache.Clock;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.Snapshot;
import io.marketgate.model.EventKey;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.Venue;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings {@link MarketData#oddsEvents()} in line with one odds-feed answer: changed events
 * published, events gone from the feed marked stale and removed after a grace period, events of the
 * feed's venue that started longer ago than the eviction age removed (also those this poller did
 * not publish, such as events warmed from the journal). Used by one poller thread.
 */
final class OddsEventSync {

  private final KeyedPublisher<EventKey, OddsEvent> publisher;
  private final KeyedSnapshotStore<EventKey, OddsEvent> store;
  private final Venue venue;
  private final Clock clock;
  private final Duration evictAfterStart;
  private final OddsInterner interner = new OddsInterner();

  OddsEventSync(MarketData data, Venue venue, Duration removeAfter, Duration evictAfterStart) {
    this.publisher = new KeyedPublisher<>(data.oddsEvents(), data.clock(), removeAfter);
    this.store = data.oddsEvents();
    this.venue = venue;
    this.clock = data.clock();
    this.evictAfterStart = SourceHealth.requirePositive("evictAfterStart", evictAfterStart);
  }

  /** Applies {@code events}, the feed's complete current list, and counts into {@code health}. */
  void apply(List<OddsEvent> events, SourceHealth health) {
    Instant cutoff = clock.wallTime().minus(evictAfterStart);
    Map<EventKey, OddsEvent> seen = new LinkedHashMap<>();
    for (OddsEvent e : events) {
      if (!e.start().isBefore(cutoff)) {
        seen.put(e.key(), interner.intern(e, store.latest(e.key()).map(Snapshot::value)));
      }
    }
    KeyedPublisher.Synced synced = publisher.sync(seen, key -> true, e -> false);
    int evicted = publisher.evict(e -> e.start().isBefore(cutoff));
    evicted +=
        store.removeIf(
            (key, latest) ->
                key.venue() == venue
                    && latest.map(s -> s.value().start().isBefore(cutoff)).orElse(false));
    health.count("publishes", synced.published());
    health.count("unchanged", synced.unchanged());
    health.count("stale", synced.markedStale());
    health.count("removed", synced.removed() + evicted);
  }

  /** How many events are published now. */
  int size() {
    return publisher.size();
  }
}
