package io.marketgate.store;

import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import java.util.List;
import java.util.Objects;

/**
 * An event read back from the journal: the latest line per bookmaker and market, and the lines each
 * of those replaced.
 *
 * @param event the event with its latest lines
 * @param history earlier lines, newest first within each bookmaker and market
 */
public record JournaledEvent(OddsEvent event, List<OddsLine> history) {

  /** Validates the parts and copies the history. */
  public JournaledEvent {
    Objects.requireNonNull(event, "event");
    history = List.copyOf(history);
  }
}
