package io.marketgate.store;

import io.marketgate.model.OddsEvent;
import java.util.List;

/**
 * What one transaction writes: event headers (teams, league, start; their lines are ignored), line
 * rows, market states and book tops. All or nothing.
 *
 * @param events events whose header is new or changed
 * @param lines changed lines
 * @param states changed market states
 * @param tops changed book tops
 */
public record JournalBatch(
    List<OddsEvent> events, List<LineRecord> lines, List<MarketState> states, List<BookTop> tops) {

  /** Copies the lists. */
  public JournalBatch {
    events = List.copyOf(events);
    lines = List.copyOf(lines);
    states = List.copyOf(states);
    tops = List.copyOf(tops);
  }

  /** A batch of event headers and their lines only. */
  public static JournalBatch ofLines(List<OddsEvent> events, List<LineRecord> lines) {
    return new JournalBatch(events, lines, List.of(), List.of());
  }

  /** Rows this batch writes, all tables together. */
  public int rows() {
    return events.size() + lines.size() + states.size() + tops.size();
  }

  /** Whether the batch writes nothing. */
  public boolean isEmpty() {
    return rows() == 0;
  }
}
