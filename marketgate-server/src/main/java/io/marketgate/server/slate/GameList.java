package io.marketgate.server.slate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.cache.ValueCodec;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.Team;
import io.marketgate.upstream.kalshi.NbaTicker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The NBA games of one US/Eastern date as the odds feeds schedule them, in {@link NbaTeams} codes:
 * who plays whom and when. Immutable.
 *
 * @param date the US/Eastern date
 * @param games the games, ordered by start then teams
 */
public record GameList(LocalDate date, List<ScheduledGame> games) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates the parts and copies the games. */
  public GameList {
    Objects.requireNonNull(date, "date");
    games = List.copyOf(games);
  }

  /**
   * One scheduled game.
   *
   * @param away the away team's code
   * @param home the home team's code
   * @param start the scheduled tip-off
   */
  public record ScheduledGame(String away, String home, Instant start) {

    /** Validates the parts. */
    public ScheduledGame {
      Objects.requireNonNull(away, "away");
      Objects.requireNonNull(home, "home");
      Objects.requireNonNull(start, "start");
    }

    /** The matchup key {@code AWAY@HOME}. */
    public String matchup() {
      return away + "@" + home;
    }
  }

  /**
   * The games of {@code date} among {@code events} (any league or date): NBA events whose teams are
   * known, one per matchup (the earliest listed start wins).
   */
  public static GameList fromOdds(LocalDate date, Collection<OddsEvent> events) {
    TreeMap<String, ScheduledGame> byMatchup = new TreeMap<>();
    for (OddsEvent e : events) {
      if (!e.league().equals("nba") || !NbaTicker.easternDate(e.start()).equals(date)) {
        continue;
      }
      Optional<String> away = code(e.away());
      Optional<String> home = code(e.home());
      if (away.isEmpty() || home.isEmpty()) {
        continue;
      }
      ScheduledGame g = new ScheduledGame(away.get(), home.get(), e.start());
      byMatchup.merge(g.matchup(), g, (a, b) -> a.start().isAfter(b.start()) ? b : a);
    }
    List<ScheduledGame> games = new ArrayList<>(byMatchup.values());
    games.sort(Comparator.comparing(ScheduledGame::start).thenComparing(ScheduledGame::matchup));
    return new GameList(date, games);
  }

  /** The {@link NbaTeams} code of a feed's team: by name, else by abbreviation. */
  static Optional<String> code(Team team) {
    return team.name()
        .flatMap(NbaTeams::byName)
        .or(() -> team.abbreviation().flatMap(NbaTeams::byCode))
        .map(NbaTeams.NbaTeam::code);
  }

  /** The file-tier codec (JSON, format 1). */
  static ValueCodec<GameList> codec() {
    return ValueCodec.of(
        l -> {
          ObjectNode o = JSON.createObjectNode();
          o.put("format", 1);
          o.put("date", l.date().toString());
          ArrayNode games = o.putArray("games");
          for (ScheduledGame g : l.games()) {
            games
                .addObject()
                .put("away", g.away())
                .put("home", g.home())
                .put("start", g.start().toString());
          }
          try {
            return JSON.writeValueAsBytes(o);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        bytes -> {
          try {
            JsonNode o = JSON.readTree(bytes);
            if (o.path("format").asInt() != 1) {
              throw new IllegalArgumentException("unknown games format " + o.path("format"));
            }
            List<ScheduledGame> games = new ArrayList<>();
            for (JsonNode g : o.path("games")) {
              games.add(
                  new ScheduledGame(
                      g.path("away").asText(),
                      g.path("home").asText(),
                      Instant.parse(g.path("start").asText())));
            }
            return new GameList(LocalDate.parse(o.path("date").asText()), games);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
