package io.marketgate.store;

import io.marketgate.model.EventKey;
import io.marketgate.model.OddsLine;
import java.time.Instant;
import java.util.Objects;

/**
 * One bookmaker's line on one market of an event as the journal writes it: the line, when the
 * gateway captured it and the sequence number of the snapshot it came from.
 *
 * @param event the event the line prices
 * @param line the line
 * @param capturedAt when the gateway published the snapshot holding the line
 * @param sourceSeq the sequence number of that snapshot, to order lines captured in one millisecond
 */
public record LineRecord(EventKey event, OddsLine line, Instant capturedAt, long sourceSeq) {

  /** Validates that every part is present. */
  public LineRecord {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(line, "line");
    Objects.requireNonNull(capturedAt, "capturedAt");
  }
}
