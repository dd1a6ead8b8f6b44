package io.marketgate.server.http;

import io.marketgate.server.ingest.Source;
import io.marketgate.server.ingest.SourceStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How old data of one store and venue may be before it is labelled {@code stale}: the {@code
 * silentAfter} window of the source that feeds it. Thread-safe; re-reads the sources at most once a
 * second.
 */
final class StaleWindows {

  /*
   * Snapshots carry the store's source label ("ingest"), not the name of the Source that published
   * them, so the window is found by convention: the source named "{venue}.{store}" (kalshi.books),
   * else the longest window among the venue's sources (the lenient choice: a market list fed by a
   * slow poller must not be called stale by a stream's short window). No matching source: no window,
   * only the provenance decides.
   */

  private static final long REFRESH_NANOS = 1_000_000_000L;

  private final Supplier<List<Source>> sources;
  private volatile Map<String, Duration> windows = Map.of();
  private volatile long refreshedAt;
  private volatile boolean loaded;

  StaleWindows(Supplier<List<Source>> sources) {
    this.sources = sources;
  }

  /** The window of {@code store} on {@code venue}; zero when no source declares one. */
  Duration of(String store, String venue) {
    Map<String, Duration> w = current();
    Duration exact = w.get("source " + venue + "." + store);
    if (exact != null) {
      return exact;
    }
    return w.getOrDefault("venue " + venue, Duration.ZERO);
  }

  private Map<String, Duration> current() {
    long now = System.nanoTime();
    if (!loaded || now - refreshedAt > REFRESH_NANOS) {
      Map<String, Duration> next = new HashMap<>();
      for (Source s : sources.get()) {
        SourceStatus st = s.status();
        next.put("source " + st.name(), st.silentAfter());
        next.merge("venue " + st.venue(), st.silentAfter(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
      }
      windows = Map.copyOf(next);
      refreshedAt = now;
      loaded = true;
    }
    return windows;
  }
}
