package io.marketgate.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One game as an odds feed lists it, normalized: its key on the feed, league, teams, start and the
 * bookmakers' lines (at most one line per bookmaker and market type). The same model serves every
 * odds feed. Lines are kept sorted by bookmaker id, then market type.
 *
 * @param key the feed's venue and event id
 * @param league the league, lower case, for example {@code nba}
 * @param home the home team
 * @param away the away team
 * @param start the scheduled start
 * @param lines the bookmakers' lines; at most one per bookmaker id and market type
 */
public record OddsEvent(
    EventKey key, String league, Team home, Team away, Instant start, List<OddsLine> lines) {

  private static final String RECORD = "OddsEvent";

  private static final Comparator<OddsLine> LINE_ORDER =
      Comparator.comparing((OddsLine l) -> l.bookmaker().id()).thenComparing(OddsLine::market);

  /** Validates the parts and sorts the lines; a bad part throws {@link ModelException}. */
  public OddsEvent {
    KeyText.present(RECORD, "key", key);
    String where = RECORD + " " + key;
    KeyText.require(where, "league", league, "");
    KeyText.present(where, "home", home);
    KeyText.present(where, "away", away);
    KeyText.present(where, "start", start);
    KeyText.present(where, "lines", lines);
    if (home.equals(away)) {
      throw new ModelException(where + ": home and away are the same team " + home);
    }
    Set<String> seen = new HashSet<>();
    for (OddsLine line : lines) {
      KeyText.present(where, "line", line);
      if (!seen.add(line.bookmaker().id() + '\u0000' + line.market())) {
        throw new ModelException(
            where
                + ": bookmaker "
                + line.bookmaker().id()
                + " has more than one "
                + line.market()
                + " line");
      }
    }
    List<OddsLine> sorted = new ArrayList<>(lines);
    sorted.sort(LINE_ORDER);
    lines = List.copyOf(sorted);
  }

  /** The lines of {@code market}, one per bookmaker, in bookmaker id order. */
  public List<OddsLine> lines(MarketType market) {
    return lines.stream().filter(l -> l.market() == market).toList();
  }

  /** The line of bookmaker {@code bookmakerId} on {@code market}, if it prices one. */
  public Optional<OddsLine> line(String bookmakerId, MarketType market) {
    return lines.stream()
        .filter(l -> l.market() == market && l.bookmaker().id().equals(bookmakerId))
        .findFirst();
  }

  /**
   * This event with every line that equals {@code previous}'s line of the same bookmaker and market
   * replaced by that very instance, so that successive snapshots of an event share their unchanged
   * lines (a history ring then costs memory per changed line, not per line). Returns {@code this}
   * when nothing can be shared, {@code previous} when the two are equal.
   */
  public OddsEvent reusing(OddsEvent previous) {
    KeyText.present(RECORD, "previous", previous);
    if (previous == this || previous.equals(this)) {
      return previous;
    }
    Map<String, OddsLine> old = new HashMap<>(previous.lines.size() * 2);
    for (OddsLine l : previous.lines) {
      old.put(l.bookmaker().id() + '\u0000' + l.market(), l);
    }
    List<OddsLine> merged = new ArrayList<>(lines.size());
    boolean shared = false;
    for (OddsLine l : lines) {
      OddsLine same = old.get(l.bookmaker().id() + '\u0000' + l.market());
      if (same != null && same.equals(l)) {
        merged.add(same);
        shared = true;
      } else {
        merged.add(l);
      }
    }
    return shared ? new OddsEvent(key, league, home, away, start, merged) : this;
  }

  /** The bookmakers that price at least one line, in id order. */
  public List<Bookmaker> bookmakers() {
    return lines.stream().map(OddsLine::bookmaker).distinct().toList();
  }
}
