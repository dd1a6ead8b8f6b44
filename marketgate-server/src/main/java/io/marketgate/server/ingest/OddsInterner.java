package io.marketgate.server.ingest;

import com.github.benmanes.caffeine.cache.Interner;
import io.marketgate.model.Bookmaker;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes the odds store hold each repeated value once: a parsed event's bookmakers and outcomes
 * (side, points, price) are replaced by canonical instances, and its lines that equal the previous
 * snapshot's by those very lines, so successive snapshots in the history ring share everything that
 * did not change. Thread-safe; the interners are weak, so values no snapshot holds any more are
 * collected.
 */
public final class OddsInterner {

  /*
   * A feed answer is parsed into fresh objects: per line a Bookmaker with two strings, two
   * outcomes, each with a price and maybe points. Those are few distinct values repeated across
   * thousands of lines (a few dozen bookmakers, a few hundred whole-number American prices), so
   * interning them cuts a line from about 340 to about 100 bytes; docs/benchmarks.md has the
   * figures. Caffeine's weak interner is a concurrent map of weak references: one probe per value.
   */

  private final Interner<Bookmaker> bookmakers = Interner.newWeakInterner();
  private final Interner<OddsOutcome> outcomes = Interner.newWeakInterner();

  /** {@code fresh} built from canonical parts and sharing unchanged lines with {@code previous}. */
  public OddsEvent intern(OddsEvent fresh, Optional<OddsEvent> previous) {
    OddsEvent event = previous.map(fresh::reusing).orElse(fresh);
    if (previous.isPresent() && event == previous.get()) {
      return event;
    }
    List<OddsLine> lines = new ArrayList<>(event.lines().size());
    boolean changed = false;
    for (OddsLine l : event.lines()) {
      OddsLine canonical = line(l); // a line shared with previous is canonical already
      changed |= canonical != l;
      lines.add(canonical);
    }
    return changed
        ? new OddsEvent(
            event.key(), event.league(), event.home(), event.away(), event.start(), lines)
        : event;
  }

  private OddsLine line(OddsLine l) {
    Bookmaker book = bookmakers.intern(l.bookmaker());
    List<OddsOutcome> outs = new ArrayList<>(l.outcomes().size());
    boolean same = book == l.bookmaker();
    for (OddsOutcome o : l.outcomes()) {
      OddsOutcome c = outcomes.intern(o);
      same &= c == o;
      outs.add(c);
    }
    return same ? l : new OddsLine(book, l.market(), outs, l.updatedAt());
  }
}
