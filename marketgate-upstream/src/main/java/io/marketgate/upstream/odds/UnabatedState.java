package io.marketgate.upstream.odds;

import io.marketgate.model.OddsEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link UnabatedFeed} knows at one moment: the normalized full-game events with their
 * available lines, and the changes cursor. Immutable.
 *
 * @param events the events, by start then event key; final and cancelled events are left out
 * @param lastTimestamp Unabated's opaque changes cursor, verbatim; empty before the first changes
 *     call after a snapshot (unless the snapshot carried one)
 * @param snapshots how many snapshots the feed has taken (1 after the first, more after resyncs)
 * @param malformedItems wire events and lines skipped as malformed since the feed was created
 * @param rotationConflicts events whose rotation numbers contradict the side convention (the away
 *     team customarily has the lower rotation number); a hint that the convention is wrong
 */
public record UnabatedState(
    List<OddsEvent> events,
    Optional<String> lastTimestamp,
    long snapshots,
    long malformedItems,
    int rotationConflicts) {

  /** Validates and copies the parts. */
  public UnabatedState {
    events = List.copyOf(Objects.requireNonNull(events, "UnabatedState: events is missing"));
    Objects.requireNonNull(lastTimestamp, "UnabatedState: lastTimestamp is missing");
    if (snapshots < 0 || malformedItems < 0 || rotationConflicts < 0) {
      throw new IllegalArgumentException("UnabatedState: counts must be >= 0");
    }
  }

  /** The state before the first snapshot: no events, no cursor. */
  static UnabatedState empty() {
    return new UnabatedState(List.of(), Optional.empty(), 0, 0, 0);
  }
}
