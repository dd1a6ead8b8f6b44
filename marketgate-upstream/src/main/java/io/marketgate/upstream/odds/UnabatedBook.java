package io.marketgate.upstream.odds;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.model.BetSide;
import io.marketgate.model.Bookmaker;
import io.marketgate.model.EventKey;
import io.marketgate.model.MarketType;
import io.marketgate.model.ModelException;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.OddsPrice;
import io.marketgate.model.Team;
import io.marketgate.model.Venue;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mutable working state of an {@link UnabatedFeed}: reference tables (teams, market sources),
 * events and their latest line per (market source, bet type, side), built from a game-odds snapshot
 * and kept current by changes. Not thread-safe: its feed confines it to one writer at a time.
 */
final class UnabatedBook {

  /*
   * Wire facts (upstream-apis.md §4.1) and the rules chosen where the reference is silent:
   *
   * - Only full-game periods (pt1) are read; pregame and live sections of one event feed the same
   *   lines, so the newest line wins whichever section carried it. Alternate lines (an≠0) and bet
   *   types other than 1 moneyline, 2 spread, 3 total are ignored, not counted as malformed.
   * - Lines are read under both spellings, gameOddsMarketSourcesLines and
   *   gameOddsMarketSourceLines. A line's side index is resolved at once to the team id at that
   *   index of eventTeams, and the line is stored under that team: sides follow team identity, so a
   *   later reordering of eventTeams cannot swap home and away. Which team is home is decided by the
   *   UnabatedSideConvention when a view is built. Totals: si0 over, si1 under.
   * - A line replaces the stored one only if it is newer: by sequenceNumber (an exact int64, read
   *   without a double, values above 2^53 included) when both have one; else by modifiedOn when
   *   both have one; else the later-applied one wins (changes come oldest to newest). An unavailable
   *   line (statusId other than 1; 2 is documented) is kept as a tombstone, so an older available
   *   change cannot bring it back; views leave it out.
   * - Price: americanPrice, else the deprecated price (a 0 in either counts as absent), else
   *   sourcePrice read by sourceFormat (1 American, 2 decimal, 3 percent, 4 probability, 5
   *   Sporttrade 0-100). Moneyline points are dropped; spreads and totals without points are
   *   malformed.
   * - A line's update time is its modifiedOn, else the time its message was received.
   * - Events with statusId 3 (final) or 6 (cancelled) are dropped.
   */

  private static final System.Logger LOG = System.getLogger(UnabatedBook.class.getName());

  private static final Pattern SECTION =
      Pattern.compile("lg(\\d{1,9}):pt(\\d{1,9}):(pregame|live)");
  private static final Pattern LINE_KEY =
      Pattern.compile("si(\\d{1,9}):ms(\\d{1,18}):an(\\d{1,9})");
  private static final Pattern BET_TYPE = Pattern.compile("bt(\\d{1,9})");
  private static final List<String> LINE_FIELDS =
      List.of("gameOddsMarketSourcesLines", "gameOddsMarketSourceLines");

  private static final int FULL_GAME = 1;
  private static final int STATUS_FINAL = 3;
  private static final int STATUS_CANCELLED = 6;

  /** Leagues by Unabated league id. */
  private static final Map<Integer, String> LEAGUES =
      Map.of(1, "nfl", 2, "cfb", 3, "nba", 4, "cbb", 5, "mlb", 6, "nhl", 7, "wnba", 8, "pga");

  /** Names of market sources known from public use, until a marketSources table names them. */
  private static final Map<Long, String> KNOWN_SOURCES =
      Map.of(
          49L, "Unabated",
          70L, "Pinnacle-3838",
          58L, "Pinnacle (delayed)",
          7L, "Sharp Book Price");

  private final UnabatedSideConvention convention;
  private final Map<String, TeamInfo> teams = new HashMap<>();
  private final Map<Long, String> sources = new HashMap<>();
  private final Map<Long, EventState> events = new LinkedHashMap<>();
  private long malformed;

  UnabatedBook(UnabatedSideConvention convention) {
    this.convention = convention;
  }

  /** Wire events and lines skipped as malformed so far. */
  long malformed() {
    return malformed;
  }

  /** Replaces everything with the content of a game-odds snapshot received at {@code now}. */
  void applySnapshot(JsonNode root, Instant now) {
    teams.clear();
    sources.clear();
    events.clear();
    applyContent(root, now);
  }

  /** Applies one entry of a changes response's {@code results}, received at {@code now}. */
  void applyChange(JsonNode result, Instant now) {
    applyContent(result, now);
    for (JsonNode e : result.path("events")) {
      try {
        long id = eventId(e);
        EventState state = events.get(id);
        if (state != null) {
          state.merge(e, OptionalLong.empty());
        }
      } catch (MalformedWire ex) {
        skipped("event", ex);
      }
    }
    events.values().removeIf(EventState::isOver);
  }

  private void applyContent(JsonNode root, Instant now) {
    readTable(root.path("teams"), (id, node) -> teams.put(id, TeamInfo.of(node)));
    readTable(
        root.path("marketSources"),
        (id, node) -> {
          try {
            long source = Long.parseLong(id.startsWith("ms") ? id.substring(2) : id);
            WireJson.text(node, "name").ifPresent(name -> sources.put(source, name));
          } catch (NumberFormatException e) {
            skipped("market source", new MalformedWire("id " + WireJson.abbreviate(id)));
          }
        });
    JsonNode gameOdds = root.path("gameOddsEvents");
    if (gameOdds.isMissingNode()) {
      gameOdds = root.path("gameOdds").path("gameOddsEvents");
    }
    for (Map.Entry<String, JsonNode> section : gameOdds.properties()) {
      Matcher m = SECTION.matcher(section.getKey());
      if (!m.matches()) {
        skipped("section", new MalformedWire("key " + WireJson.abbreviate(section.getKey())));
        continue;
      }
      if (Integer.parseInt(m.group(2)) != FULL_GAME) {
        continue;
      }
      long league = Long.parseLong(m.group(1));
      for (JsonNode e : section.getValue()) {
        applyEvent(e, league, now);
      }
    }
    events.values().removeIf(EventState::isOver);
  }

  private void applyEvent(JsonNode node, long league, Instant now) {
    EventState state;
    try {
      long id = eventId(node);
      state = events.computeIfAbsent(id, EventState::new);
      state.merge(node, OptionalLong.of(league));
    } catch (MalformedWire e) {
      skipped("event", e);
      return;
    }
    for (String field : LINE_FIELDS) {
      for (Map.Entry<String, JsonNode> lines : node.path(field).properties()) {
        Matcher key = LINE_KEY.matcher(lines.getKey());
        if (!key.matches()) {
          skipped("line", new MalformedWire("key " + WireJson.abbreviate(lines.getKey())));
          continue;
        }
        if (!key.group(3).equals("0")) {
          continue;
        }
        for (Map.Entry<String, JsonNode> bet : lines.getValue().properties()) {
          Matcher bt = BET_TYPE.matcher(bet.getKey());
          Optional<MarketType> market = bt.matches() ? marketType(bt.group(1)) : Optional.empty();
          if (market.isEmpty()) {
            continue;
          }
          try {
            applyLine(state, key, market.get(), bet.getValue(), now);
          } catch (MalformedWire | ModelException | NumberFormatException e) {
            skipped(
                "line",
                new MalformedWire(
                    "event "
                        + state.id
                        + " "
                        + lines.getKey()
                        + " "
                        + bet.getKey()
                        + ": "
                        + e.getMessage()));
          }
        }
      }
    }
  }

  private void applyLine(
      EventState event, Matcher key, MarketType market, JsonNode node, Instant now) {
    int sideIndex = Integer.parseInt(key.group(1));
    long source = Long.parseLong(key.group(2));
    if (sideIndex != 0 && sideIndex != 1) {
      throw new MalformedWire("side index " + sideIndex + " is not 0 or 1");
    }
    String side;
    if (market == MarketType.TOTAL) {
      side = sideIndex == 0 ? BetSide.OVER.name() : BetSide.UNDER.name();
    } else {
      String team = event.teamIds[sideIndex];
      if (team == null) {
        throw new MalformedWire("eventTeams has no team at index " + sideIndex);
      }
      side = "team:" + team;
    }
    OptionalLong status = WireJson.exactLong(node, "statusId");
    boolean available = status.isEmpty() || status.getAsLong() == 1;
    OptionalDouble points = OptionalDouble.empty();
    Optional<OddsPrice> price = Optional.empty();
    if (available) {
      price = Optional.of(price(node));
      if (market.hasPoints()) {
        points = WireJson.number(node, "points");
        if (points.isEmpty()) {
          throw new MalformedWire("points are missing");
        }
      }
    }
    LineState incoming =
        new LineState(
            WireJson.exactLong(node, "sequenceNumber"),
            WireJson.instant(node, "modifiedOn"),
            now,
            points,
            price);
    LineKey lineKey = new LineKey(source, market, side);
    LineState existing = event.lines.get(lineKey);
    if (existing == null || incoming.supersedes(existing)) {
      event.lines.put(lineKey, incoming);
    }
  }

  private static OddsPrice price(JsonNode node) {
    for (String field : List.of("americanPrice", "price")) {
      OptionalDouble american = WireJson.number(node, field);
      if (american.isPresent() && american.getAsDouble() != 0) {
        return OddsPrice.ofAmerican(american.getAsDouble());
      }
    }
    OptionalDouble source = WireJson.number(node, "sourcePrice");
    OptionalLong format = WireJson.exactLong(node, "sourceFormat");
    if (source.isEmpty() || format.isEmpty()) {
      throw new MalformedWire("no americanPrice, price or sourcePrice with sourceFormat");
    }
    double v = source.getAsDouble();
    long f = format.getAsLong();
    if (f < 1 || f > 5) {
      throw new MalformedWire("unknown sourceFormat " + f);
    }
    return switch ((int) f) {
      case 1 -> OddsPrice.ofAmerican(v);
      case 2 -> OddsPrice.ofDecimal(v);
      case 3, 5 -> ofProbability(v / 100);
      case 4 -> ofProbability(v);
      default -> throw new MalformedWire("unknown sourceFormat " + f);
    };
  }

  private static OddsPrice ofProbability(double p) {
    if (!(p > 0 && p < 1)) {
      throw new MalformedWire("probability " + p + " is not strictly between 0 and 1");
    }
    return OddsPrice.ofDecimal(1 / p);
  }

  private static Optional<MarketType> marketType(String betType) {
    return switch (betType) {
      case "1" -> Optional.of(MarketType.MONEYLINE);
      case "2" -> Optional.of(MarketType.SPREAD);
      case "3" -> Optional.of(MarketType.TOTAL);
      default -> Optional.empty();
    };
  }

  private static long eventId(JsonNode node) {
    return WireJson.exactLong(node, "eventId")
        .orElseThrow(() -> new MalformedWire("eventId is missing"));
  }

  /** Reads a reference table sent as an array of objects with {@code id} or an object by id. */
  private static void readTable(JsonNode table, BiConsumer<String, JsonNode> put) {
    if (table.isArray()) {
      for (JsonNode row : table) {
        WireJson.text(row, "id").ifPresent(id -> put.accept(id, row));
      }
    } else if (table.isObject()) {
      for (Map.Entry<String, JsonNode> row : table.properties()) {
        put.accept(WireJson.text(row.getValue(), "id").orElse(row.getKey()), row.getValue());
      }
    }
  }

  private void skipped(String what, MalformedWire e) {
    malformed++;
    LOG.log(Level.DEBUG, () -> "unabated: skipped malformed " + what + ": " + e.getMessage());
  }

  /** The normalized, immutable view of the current state, with the count of rotation conflicts. */
  View view() {
    List<OddsEvent> out = new ArrayList<>();
    int conflicts = 0;
    for (EventState e : events.values()) {
      Optional<OddsEvent> event;
      try {
        event = e.toEvent();
      } catch (ModelException ex) {
        LOG.log(Level.DEBUG, () -> "unabated: event " + e.id + " left out: " + ex.getMessage());
        continue;
      }
      if (event.isPresent()) {
        out.add(event.get());
        conflicts += e.contradictsRotation() ? 1 : 0;
      }
    }
    out.sort(Comparator.comparing(OddsEvent::start).thenComparing(OddsEvent::key));
    return new View(out, conflicts);
  }

  /** An immutable view: the viewable events and how many contradict the side convention. */
  record View(List<OddsEvent> events, int rotationConflicts) {}

  /** Where a line lives: market source, market type and side (a team id or OVER/UNDER). */
  private record LineKey(long source, MarketType market, String side) {}

  /** One stored line; an empty price marks an unavailable line (a tombstone). */
  private record LineState(
      OptionalLong sequence,
      Optional<Instant> modifiedOn,
      Instant receivedAt,
      OptionalDouble points,
      Optional<OddsPrice> price) {

    boolean supersedes(LineState existing) {
      if (sequence.isPresent() && existing.sequence.isPresent()) {
        return sequence.getAsLong() > existing.sequence.getAsLong();
      }
      if (modifiedOn.isPresent() && existing.modifiedOn.isPresent()) {
        return !modifiedOn.get().isBefore(existing.modifiedOn.get());
      }
      return true;
    }

    Instant updatedAt() {
      return modifiedOn.orElse(receivedAt);
    }
  }

  /** A team's names from the teams table. */
  private record TeamInfo(Optional<String> name, Optional<String> abbreviation) {
    static TeamInfo of(JsonNode node) {
      return new TeamInfo(
          WireJson.text(node, "name"),
          WireJson.text(node, "abbreviation").or(() -> WireJson.text(node, "abbr")));
    }
  }

  /** One event being tracked. */
  private final class EventState {
    final long id;
    long league = -1;
    Instant start;
    long status = 1;
    final String[] teamIds = new String[2];
    final long[] rotations = {-1, -1};
    final Map<LineKey, LineState> lines = new HashMap<>();

    EventState(long id) {
      this.id = id;
    }

    /** Takes whatever metadata {@code node} carries; absent fields keep their value. */
    void merge(JsonNode node, OptionalLong sectionLeague) {
      sectionLeague.ifPresent(l -> league = l);
      WireJson.exactLong(node, "leagueId").ifPresent(l -> league = league < 0 ? l : league);
      WireJson.instant(node, "eventStart").ifPresent(s -> start = s);
      WireJson.exactLong(node, "statusId").ifPresent(s -> status = s);
      JsonNode teamsNode = node.path("eventTeams");
      for (int i = 0; i < 2; i++) {
        JsonNode t = teamsNode.isArray() ? teamsNode.path(i) : teamsNode.path(Integer.toString(i));
        Optional<String> teamId = WireJson.text(t, "id");
        if (teamId.isPresent()) {
          teamIds[i] = teamId.get();
          rotations[i] = WireJson.exactLong(t, "rotationNumber").orElse(-1);
        }
      }
    }

    boolean isOver() {
      return status == STATUS_FINAL || status == STATUS_CANCELLED;
    }

    boolean contradictsRotation() {
      int home = convention.homeIndex();
      return rotations[0] >= 0 && rotations[1] >= 0 && rotations[1 - home] > rotations[home];
    }

    Optional<OddsEvent> toEvent() {
      if (start == null
          || teamIds[0] == null
          || teamIds[1] == null
          || teamIds[0].equals(teamIds[1])) {
        return Optional.empty();
      }
      int home = convention.homeIndex();
      String homeId = teamIds[home];
      String awayId = teamIds[1 - home];
      Map<String, List<OddsOutcome>> outcomes = new LinkedHashMap<>();
      Map<String, Instant> updated = new HashMap<>();
      Map<String, LineKey> keys = new HashMap<>();
      for (Map.Entry<LineKey, LineState> entry : lines.entrySet()) {
        LineKey k = entry.getKey();
        LineState s = entry.getValue();
        if (s.price.isEmpty()) {
          continue;
        }
        BetSide side;
        if (k.market == MarketType.TOTAL) {
          side = BetSide.valueOf(k.side);
        } else if (k.side.equals("team:" + homeId)) {
          side = BetSide.HOME;
        } else if (k.side.equals("team:" + awayId)) {
          side = BetSide.AWAY;
        } else {
          continue; // a line of a team no longer in this event
        }
        String group = k.source + ":" + k.market;
        keys.put(group, k);
        outcomes
            .computeIfAbsent(group, g -> new ArrayList<>())
            .add(new OddsOutcome(side, s.points, s.price.get()));
        updated.merge(group, s.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
      }
      List<OddsLine> built = new ArrayList<>();
      for (Map.Entry<String, List<OddsOutcome>> group : outcomes.entrySet()) {
        LineKey k = keys.get(group.getKey());
        try {
          built.add(
              new OddsLine(
                  bookmaker(k.source), k.market, group.getValue(), updated.get(group.getKey())));
        } catch (ModelException e) {
          LOG.log(Level.DEBUG, () -> "unabated: event " + id + " line left out: " + e.getMessage());
        }
      }
      return Optional.of(
          new OddsEvent(
              new EventKey(Venue.UNABATED, Long.toString(id)),
              LEAGUES.getOrDefault((int) league, "lg" + league),
              team(homeId),
              team(awayId),
              start,
              built));
    }
  }

  private Team team(String id) {
    TeamInfo info = teams.getOrDefault(id, new TeamInfo(Optional.empty(), Optional.empty()));
    return Team.withId(id, info.name(), info.abbreviation());
  }

  private Bookmaker bookmaker(long source) {
    String name = sources.getOrDefault(source, KNOWN_SOURCES.getOrDefault(source, "ms" + source));
    return new Bookmaker(Long.toString(source), name);
  }
}
