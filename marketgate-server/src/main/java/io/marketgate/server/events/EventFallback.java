package io.marketgate.server.events;

import io.marketgate.model.EventKey;
import io.marketgate.model.OddsEvent;
import java.util.Optional;

/** Loads an event that is not in memory from the journal; blocking, called off the IO thread. */
@FunctionalInterface
public interface EventFallback {

  /** The event with its latest lines, or empty when the journal has none. */
  Optional<OddsEvent> load(EventKey key);

  /** A fallback that never finds anything. */
  static EventFallback none() {
    return key -> Optional.empty();
  }
}
