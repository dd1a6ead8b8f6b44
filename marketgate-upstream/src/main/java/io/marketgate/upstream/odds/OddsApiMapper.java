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
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.UpstreamException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Maps The Odds API v4 odds response (an array of events with bookmakers → markets → outcomes) to
 * {@link OddsEvent}s. Stateless apart from its configuration; thread-safe.
 */
final class OddsApiMapper {

  /*
   * Outcome names are matched to the event's home_team / away_team strings (trimmed, ignoring case)
   * and totals to "Over" / "Under". Anything else, for example a soccer "Draw", makes the whole
   * market line malformed: a side is never guessed from the position of an outcome. A bad line
   * never spoils its event and a bad event never spoils the response; only a body that is not an
   * array of events is an error. Market keys other than h2h, spreads and totals (h2h_lay, props)
   * are ignored, not counted.
   */

  private static final System.Logger LOG = System.getLogger(OddsApiMapper.class.getName());

  /** The market keys of The Odds API and the market types they map to. */
  static final Map<MarketType, String> MARKET_KEYS =
      Map.of(MarketType.MONEYLINE, "h2h", MarketType.SPREAD, "spreads", MarketType.TOTAL, "totals");

  private final OddsFormat format;

  OddsApiMapper(OddsFormat format) {
    this.format = format;
  }

  /** Returns {@code root} if it is an array; throws {@link Outcome#MALFORMED} otherwise. */
  static JsonNode requireArray(String endpoint, int status, JsonNode root) {
    if (!root.isArray()) {
      throw new UpstreamException(
          endpoint,
          Outcome.MALFORMED,
          status,
          "expected a JSON array of events but got "
              + root.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return root;
  }

  /** The events of one response, with counts of what was skipped. */
  record Mapped(List<OddsEvent> events, int malformedEvents, int malformedLines) {}

  /** Maps {@code root}; throws {@link Outcome#MALFORMED} if it is not an array of events. */
  Mapped map(String endpoint, int status, JsonNode root, String requestedSport) {
    requireArray(endpoint, status, root);
    List<OddsEvent> events = new ArrayList<>();
    int badEvents = 0;
    int[] badLines = {0};
    int index = 0;
    for (JsonNode node : root) {
      try {
        events.add(event(node, requestedSport, badLines));
      } catch (MalformedWire | ModelException e) {
        badEvents++;
        LOG.log(Level.DEBUG, () -> endpoint + ": skipped event: " + e.getMessage());
      }
      index++;
    }
    if (badEvents > 0 || badLines[0] > 0) {
      int total = index;
      int lines = badLines[0];
      int skipped = badEvents;
      LOG.log(
          Level.WARNING,
          () ->
              endpoint
                  + ": skipped "
                  + skipped
                  + " of "
                  + total
                  + " events and "
                  + lines
                  + " market lines as malformed");
    }
    return new Mapped(events, badEvents, badLines[0]);
  }

  private OddsEvent event(JsonNode node, String requestedSport, int[] badLines) {
    if (!node.isObject()) {
      throw new MalformedWire("event is not an object");
    }
    String id = required(node, "id", "event");
    String where = "event " + id;
    String homeName = required(node, "home_team", where);
    String awayName = required(node, "away_team", where);
    Instant start =
        WireJson.instant(node, "commence_time")
            .orElseThrow(() -> new MalformedWire(where + ": commence_time is missing"));
    String sport = WireJson.text(node, "sport_key").orElse(requestedSport);
    List<OddsLine> lines = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode bookmaker : node.path("bookmakers")) {
      for (JsonNode market : bookmaker.path("markets")) {
        Optional<MarketType> type = marketType(WireJson.text(market, "key").orElse(""));
        if (type.isEmpty()) {
          continue;
        }
        try {
          OddsLine line = line(bookmaker, market, type.get(), homeName, awayName);
          if (!seen.add(line.bookmaker().id() + '\u0000' + line.market())) {
            throw new MalformedWire(
                "second " + line.market() + " line of " + line.bookmaker().id());
          }
          lines.add(line);
        } catch (MalformedWire | ModelException e) {
          badLines[0]++;
          LOG.log(Level.DEBUG, () -> where + ": skipped line: " + e.getMessage());
        }
      }
    }
    return new OddsEvent(
        new EventKey(Venue.ODDS_API, id),
        league(sport),
        Team.named(homeName),
        Team.named(awayName),
        start,
        lines);
  }

  private OddsLine line(
      JsonNode bookmaker, JsonNode market, MarketType type, String homeName, String awayName) {
    String key = required(bookmaker, "key", "bookmaker");
    String where = key + " " + type;
    String title = WireJson.text(bookmaker, "title").orElse(key);
    Instant updated =
        WireJson.instant(market, "last_update")
            .or(() -> WireJson.instant(bookmaker, "last_update"))
            .orElseThrow(() -> new MalformedWire(where + ": last_update is missing"));
    List<OddsOutcome> outcomes = new ArrayList<>();
    Set<BetSide> sides = EnumSet.noneOf(BetSide.class);
    for (JsonNode o : market.path("outcomes")) {
      String name = WireJson.text(o, "name").orElse("");
      BetSide side = side(type, name, homeName, awayName, where);
      if (!sides.add(side)) {
        throw new MalformedWire(where + ": two outcomes for " + side);
      }
      OddsPrice price = price(o, where);
      if (type.hasPoints()) {
        double point =
            WireJson.number(o, "point")
                .orElseThrow(
                    () -> new MalformedWire(where + ": outcome " + name + " has no point"));
        outcomes.add(OddsOutcome.of(side, point, price));
      } else {
        outcomes.add(OddsOutcome.of(side, price));
      }
    }
    return new OddsLine(new Bookmaker(key, title), type, outcomes, updated);
  }

  private static BetSide side(
      MarketType type, String name, String homeName, String awayName, String where) {
    String n = name.trim();
    if (type == MarketType.TOTAL) {
      if (n.equalsIgnoreCase("Over")) {
        return BetSide.OVER;
      }
      if (n.equalsIgnoreCase("Under")) {
        return BetSide.UNDER;
      }
    } else {
      boolean home = n.equalsIgnoreCase(homeName.trim());
      boolean away = n.equalsIgnoreCase(awayName.trim());
      if (home != away) {
        return home ? BetSide.HOME : BetSide.AWAY;
      }
    }
    throw new MalformedWire(where + ": unknown outcome name " + WireJson.abbreviate(n));
  }

  private OddsPrice price(JsonNode outcome, String where) {
    OptionalDouble price = WireJson.number(outcome, "price");
    if (price.isEmpty()) {
      throw new MalformedWire(where + ": outcome has no price");
    }
    return format == OddsFormat.AMERICAN
        ? OddsPrice.ofAmerican(price.getAsDouble())
        : OddsPrice.ofDecimal(price.getAsDouble());
  }

  private static Optional<MarketType> marketType(String key) {
    return MARKET_KEYS.entrySet().stream()
        .filter(e -> e.getValue().equals(key))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  /**
   * The league of a sport key: the part after the first underscore, {@code basketball_nba → nba}.
   */
  static String league(String sportKey) {
    int underscore = sportKey.indexOf('_');
    String league = underscore < 0 ? sportKey : sportKey.substring(underscore + 1);
    return league.toLowerCase(Locale.ROOT);
  }

  private static String required(JsonNode node, String field, String where) {
    return WireJson.text(node, field)
        .orElseThrow(() -> new MalformedWire(where + ": " + field + " is missing"));
  }
}
