package io.marketgate.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
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

  /** The bookmakers that price at least one line, in id order. */
  public List<Bookmaker> bookmakers() {
    return lines.stream().map(OddsLine::bookmaker).distinct().toList();
  }
}
