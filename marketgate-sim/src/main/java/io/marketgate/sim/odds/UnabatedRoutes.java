package io.marketgate.sim.odds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.sim.http.Endpoint;
import io.marketgate.sim.http.Json;
import io.marketgate.sim.http.Reply;
import io.marketgate.sim.http.Router;
import io.marketgate.sim.http.SimRequest;
import io.marketgate.sim.odds.OddsBoard.Book;
import io.marketgate.sim.odds.OddsBoard.Line;
import io.marketgate.sim.slate.Game;
import io.marketgate.sim.slate.Team;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * An Unabated-style partner API: {@code GET /v2/markets/gameOdds} (snapshot) and {@code GET
 * /v2/markets/changes[/{lastTimestamp}]}, authenticated by the {@code x-api-key} query parameter.
 * Thread-safe.
 */
final class UnabatedRoutes implements Router {

  /*
   * NBA full-game pre-game events live under "lg3:pt1:pregame". Side index 0 is away/Over and 1 is
   * home/Under (the game-odds section's convention); eventTeams "0" is the away team and "1" the
   * home team, so a client that maps sides through eventTeams ids gets the same answer. Each
   * side's lines sit under "si{side}:ms{source}:an0" then "bt{1|2|3}". Only market sources 49
   * (Unabated line, vig-free) and 70 (Pinnacle) are listed. Team ids are 1-based positions in the
   * alphabetical list of codes; they are stable but not Unabated's real ids.
   */
  static final String EVENTS_KEY = "lg3:pt1:pregame";

  private final OddsBoard board;
  private final OddsSettings settings;

  UnabatedRoutes(OddsBoard board, OddsSettings settings) {
    this.board = board;
    this.settings = settings;
  }

  @Override
  public Endpoint route(SimRequest r) {
    String path = r.path();
    if (r.method().equals("GET")) {
      if (path.equals("/v2/markets/gameOdds")) {
        return data("unabated.game_odds", req -> snapshot());
      }
      if (path.equals("/v2/markets/changes")) {
        return data("unabated.changes", req -> changes(Optional.empty()));
      }
      if (path.startsWith("/v2/markets/changes/")) {
        String since = path.substring("/v2/markets/changes/".length());
        return data("unabated.changes", req -> changes(Optional.of(since)));
      }
    }
    return new Endpoint.Data("unabated.unknown", req -> error(404, "Not found"));
  }

  @Override
  public Reply faultReply(int status) {
    return error(status, status == 429 ? "Too many requests" : "Injected fault");
  }

  private Endpoint data(String route, Function<SimRequest, Reply> handler) {
    return new Endpoint.Data(
        route,
        req ->
            req.param("x-api-key").filter(settings.unabatedApiKey()::equals).isPresent()
                ? handler.apply(req)
                : error(401, "Missing or invalid x-api-key"));
  }

  static Reply error(int status, String message) {
    ObjectNode o = Json.object();
    o.put("message", message);
    return Reply.json(status, o);
  }

  private Reply snapshot() {
    ObjectNode o = Json.object();
    ArrayNode sources = o.putArray("marketSources");
    for (Book b : OddsBoard.BOOKS) {
      if (b.inUnabated()) {
        ObjectNode s = sources.addObject();
        s.put("id", b.unabatedSourceId());
        s.put("name", b.unabatedSourceId() == 49 ? "Unabated" : "Pinnacle-3838");
        s.put("statusId", 1);
        s.put("propsStatusId", 1);
        s.put("futuresStatusId", 1);
      }
    }
    ObjectNode teams = o.putObject("teams");
    for (Game g : board.slate().games()) {
      for (Team t : List.of(g.away(), g.home())) {
        ObjectNode team = teams.putObject(Integer.toString(teamId(t)));
        team.put("id", teamId(t));
        team.put("name", t.name());
        team.put("abbreviation", t.code());
        team.put("leagueId", 3);
      }
    }
    ArrayNode events = o.putObject("gameOddsEvents").putArray(EVENTS_KEY);
    for (Game g : board.slate().games()) {
      events.add(event(g, board.lines(g)));
    }
    return Reply.json(200, o);
  }

  private Reply changes(Optional<String> sinceText) {
    Optional<Long> since;
    try {
      since = sinceText.map(Long::parseLong);
    } catch (NumberFormatException e) {
      return error(400, "lastTimestamp must be a number but was " + sinceText.get());
    }
    OddsBoard.Changes changes = board.changesSince(since);
    ObjectNode o = Json.object();
    o.put("lastTimestamp", changes.lastTimestamp());
    o.put("resultCode", changes.failed() ? "Failed" : "Success");
    ArrayNode results = o.putArray("results");
    for (OddsBoard.Batch batch : changes.batches()) {
      ObjectNode r = results.addObject();
      r.putArray("marketSources");
      r.putArray("events");
      ArrayNode events = r.putObject("gameOdds").putObject("gameOddsEvents").putArray(EVENTS_KEY);
      Map<Game, List<Line>> byGame = new LinkedHashMap<>();
      for (Line l : batch.lines()) {
        byGame.computeIfAbsent(l.game(), g -> new java.util.ArrayList<>()).add(l);
      }
      byGame.forEach((g, ls) -> events.add(event(g, ls)));
    }
    return Reply.json(200, o);
  }

  private ObjectNode event(Game g, List<Line> lines) {
    ObjectNode e = Json.object();
    e.put("eventId", eventId(g));
    e.put("eventStart", time(g.start()));
    e.putNull("eventEnd");
    e.put("statusId", 1);
    e.putNull("gameClock");
    e.put("periodTypeId", 1);
    e.put("overtimeNumber", 0);
    ObjectNode teams = e.putObject("eventTeams");
    team(teams, "0", g.away(), 501 + 2 * g.number());
    team(teams, "1", g.home(), 502 + 2 * g.number());
    ObjectNode map = e.putObject(settings.linesField().fieldName());
    for (Line l : lines) {
      if (!l.book().inUnabated()) {
        continue;
      }
      for (int side = 0; side < 2; side++) {
        String key = "si" + side + ":ms" + l.book().unabatedSourceId() + ":an0";
        ObjectNode bySide = map.has(key) ? (ObjectNode) map.get(key) : map.putObject(key);
        bySide.set("bt" + l.type().id, line(g, l, side));
      }
    }
    return e;
  }

  private static ObjectNode line(Game g, Line l, int side) {
    int price = side == 0 ? l.price0() : l.price1();
    ObjectNode o = Json.object();
    long marketId = eventId(g) * 10L + l.type().id;
    o.put("marketLineId", (marketId * 100 + l.book().unabatedSourceId()) * 2 + side);
    o.put("marketId", marketId);
    o.put("marketSourceId", l.book().unabatedSourceId());
    switch (l.type()) {
      case MONEYLINE -> o.putNull("points");
      case SPREAD -> o.put("points", side == 0 ? l.points() : -l.points());
      case TOTAL -> o.put("points", l.points());
    }
    o.put("price", price);
    o.put("americanPrice", price);
    o.put("sourcePrice", price);
    o.put("sourceFormat", 1);
    o.put("alternateNumber", 0);
    o.put("statusId", 1);
    o.put("sequenceNumber", l.sequence());
    o.put("createdOn", time(l.createdOn()));
    o.put("modifiedOn", time(l.modifiedOn()));
    return o;
  }

  private static void team(ObjectNode teams, String index, Team t, int rotation) {
    ObjectNode o = teams.putObject(index);
    o.put("id", teamId(t));
    o.put("rotationNumber", rotation);
    o.putNull("score");
  }

  static int teamId(Team t) {
    return Team.nba().indexOf(t) + 1;
  }

  static int eventId(Game g) {
    return 100_000
        + (int) Math.floorMod(g.start().getEpochSecond() / 60, 800_000L) / 10 * 10
        + g.number();
  }

  private static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
