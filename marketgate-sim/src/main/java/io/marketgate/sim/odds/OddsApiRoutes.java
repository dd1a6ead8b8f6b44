package io.marketgate.sim.odds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.sim.http.Endpoint;
import io.marketgate.sim.http.Json;
import io.marketgate.sim.http.Reply;
import io.marketgate.sim.http.Router;
import io.marketgate.sim.http.SimRequest;
import io.marketgate.sim.http.TokenBucket;
import io.marketgate.sim.odds.OddsBoard.BetType;
import io.marketgate.sim.odds.OddsBoard.Book;
import io.marketgate.sim.odds.OddsBoard.Line;
import io.marketgate.sim.slate.Game;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The Odds API v4: {@code GET /v4/sports} and {@code GET /v4/sports/{sport}/odds}, with the credit
 * quota headers and the 30-per-second frequency limit. Thread-safe.
 */
final class OddsApiRoutes implements Router {

  /*
   * Order of checks for /odds: API key (401 MISSING_KEY / INVALID_KEY), frequency limit (429
   * EXCEEDED_FREQ_LIMIT), sport (404 UNKNOWN_SPORT), parameters (422), quota (401
   * OUT_OF_USAGE_CREDITS), then the answer. Only a served /odds answer costs credits: markets ×
   * regions, where a bookmakers list counts one region per started group of 10. Every answer to a
   * valid key carries x-requests-remaining / -used / -last.
   */
  static final String SPORT = "basketball_nba";
  private static final Set<String> REGIONS = Set.of("us", "us2", "uk", "eu", "au");
  private static final Set<String> MARKETS = Set.of("h2h", "spreads", "totals");

  private final OddsBoard board;
  private final OddsSettings settings;
  private final TokenBucket frequency;
  private long used;
  private long last;

  OddsApiRoutes(OddsBoard board, OddsSettings settings, InstantSource clock) {
    this.board = board;
    this.settings = settings;
    this.frequency =
        new TokenBucket(
            settings.oddsApiRequestsPerSecond(), settings.oddsApiRequestsPerSecond(), clock);
  }

  @Override
  public Endpoint route(SimRequest r) {
    String[] p = r.path().split("/", -1);
    if (r.method().equals("GET") && p.length >= 3 && p[1].equals("v4") && p[2].equals("sports")) {
      if (p.length == 3 || (p.length == 4 && p[3].isEmpty())) {
        return data("odds_api.sports", req -> sports());
      }
      if (p.length == 5 && p[4].equals("odds")) {
        return data("odds_api.odds", req -> odds(p[3], req));
      }
    }
    return new Endpoint.Data(
        "odds_api.unknown", req -> error(404, "NOT_FOUND", "Resource not found"));
  }

  @Override
  public Reply faultReply(int status) {
    return status == 429
        ? error(429, "EXCEEDED_FREQ_LIMIT", "Requests exceeded the frequency limit")
        : error(status, "INTERNAL_ERROR", "injected fault");
  }

  private Endpoint data(String route, Function<SimRequest, Reply> handler) {
    return new Endpoint.Data(route, req -> admit(req).orElseGet(() -> handler.apply(req)));
  }

  private Optional<Reply> admit(SimRequest req) {
    Optional<String> key = req.param("apiKey").filter(k -> !k.isEmpty());
    if (key.isEmpty()) {
      return Optional.of(error(401, "MISSING_KEY", "API key is missing"));
    }
    if (!key.get().equals(settings.oddsApiKey())) {
      return Optional.of(error(401, "INVALID_KEY", "API key is not valid"));
    }
    if (!frequency.tryTake(1)) {
      return Optional.of(
          quotaHeaders(
              error(
                  429,
                  "EXCEEDED_FREQ_LIMIT",
                  "Requests exceeded the frequency limit of "
                      + (long) settings.oddsApiRequestsPerSecond()
                      + " per second")));
    }
    return Optional.empty();
  }

  private synchronized Reply quotaHeaders(Reply reply) {
    return reply
        .withHeader(
            "x-requests-remaining", Long.toString(Math.max(0, settings.oddsApiQuota() - used)))
        .withHeader("x-requests-used", Long.toString(used))
        .withHeader("x-requests-last", Long.toString(last));
  }

  private Reply sports() {
    ArrayNode a = Json.array();
    ObjectNode s = a.addObject();
    s.put("key", SPORT);
    s.put("group", "Basketball");
    s.put("title", "NBA");
    s.put("description", "US Basketball");
    s.put("active", true);
    s.put("has_outrights", false);
    synchronized (this) {
      last = 0;
    }
    return quotaHeaders(Reply.json(200, a));
  }

  private Reply odds(String sport, SimRequest req) {
    if (!sport.equals(SPORT) && !sport.equals("upcoming")) {
      return quotaHeaders(error(404, "UNKNOWN_SPORT", "Unknown sport " + sport));
    }
    Set<String> regions = list(req, "regions");
    Set<String> bookmakers = list(req, "bookmakers");
    Set<String> markets = list(req, "markets");
    if (markets.isEmpty()) {
      markets = Set.of("h2h");
    }
    if (regions.isEmpty() && bookmakers.isEmpty()) {
      return quotaHeaders(error(422, "MISSING_REGION", "Missing regions or bookmakers parameter"));
    }
    for (String r : regions) {
      if (!REGIONS.contains(r)) {
        return quotaHeaders(error(422, "INVALID_REGION", "Invalid region " + r));
      }
    }
    for (String m : markets) {
      if (!MARKETS.contains(m)) {
        return quotaHeaders(error(422, "INVALID_MARKET", "Invalid market " + m));
      }
    }
    String oddsFormat = req.param("oddsFormat").orElse("decimal");
    if (!oddsFormat.equals("decimal") && !oddsFormat.equals("american")) {
      return quotaHeaders(error(422, "INVALID_ODDS_FORMAT", "Invalid oddsFormat " + oddsFormat));
    }
    String dateFormat = req.param("dateFormat").orElse("iso");
    if (!dateFormat.equals("iso") && !dateFormat.equals("unix")) {
      return quotaHeaders(error(422, "INVALID_DATE_FORMAT", "Invalid dateFormat " + dateFormat));
    }
    long cost =
        (long) markets.size()
            * (bookmakers.isEmpty() ? regions.size() : (bookmakers.size() + 9) / 10);
    synchronized (this) {
      if (used + cost > settings.oddsApiQuota()) {
        return quotaHeaders(error(401, "OUT_OF_USAGE_CREDITS", "Usage quota has been reached"));
      }
      used += cost;
      last = cost;
    }
    boolean american = oddsFormat.equals("american");
    boolean unix = dateFormat.equals("unix");
    ArrayNode events = Json.array();
    for (Game game : board.slate().games()) {
      ObjectNode e = events.addObject();
      e.put("id", eventId(game));
      e.put("sport_key", SPORT);
      e.put("sport_title", "NBA");
      date(e, "commence_time", game.start(), unix);
      e.put("home_team", game.home().name());
      e.put("away_team", game.away().name());
      ArrayNode books = e.putArray("bookmakers");
      for (Book book : OddsBoard.BOOKS) {
        boolean wanted =
            book.inOddsApi()
                && (bookmakers.isEmpty()
                    ? regions.contains(book.region())
                    : bookmakers.contains(book.key()));
        if (!wanted) {
          continue;
        }
        ObjectNode b = books.addObject();
        b.put("key", book.key());
        b.put("title", book.title());
        ArrayNode ms = Json.array();
        Instant bookUpdate = Instant.EPOCH;
        for (BetType type : BetType.values()) {
          if (!markets.contains(type.oddsApiKey)) {
            continue;
          }
          Line line = board.line(game, book, type);
          bookUpdate = line.modifiedOn().isAfter(bookUpdate) ? line.modifiedOn() : bookUpdate;
          ObjectNode m = ms.addObject();
          m.put("key", type.oddsApiKey);
          date(m, "last_update", line.modifiedOn(), unix);
          ArrayNode outcomes = m.putArray("outcomes");
          switch (type) {
            case MONEYLINE -> {
              outcome(outcomes, game.home().name(), line.price1(), american, Optional.empty());
              outcome(outcomes, game.away().name(), line.price0(), american, Optional.empty());
            }
            case SPREAD -> {
              outcome(
                  outcomes,
                  game.home().name(),
                  line.price1(),
                  american,
                  Optional.of(-line.points()));
              outcome(
                  outcomes,
                  game.away().name(),
                  line.price0(),
                  american,
                  Optional.of(line.points()));
            }
            case TOTAL -> {
              outcome(outcomes, "Over", line.price0(), american, Optional.of(line.points()));
              outcome(outcomes, "Under", line.price1(), american, Optional.of(line.points()));
            }
          }
        }
        date(b, "last_update", bookUpdate, unix);
        b.set("markets", ms);
      }
    }
    return quotaHeaders(Reply.json(200, events));
  }

  private static void outcome(
      ArrayNode outcomes,
      String name,
      int americanPrice,
      boolean american,
      Optional<Double> point) {
    ObjectNode o = outcomes.addObject();
    o.put("name", name);
    if (american) {
      o.put("price", americanPrice);
    } else {
      double d = americanPrice > 0 ? 1 + americanPrice / 100.0 : 1 + 100.0 / -americanPrice;
      o.put("price", BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP));
    }
    point.ifPresent(p -> o.put("point", p));
  }

  private static void date(ObjectNode o, String field, Instant t, boolean unix) {
    if (unix) {
      o.put(field, t.getEpochSecond());
    } else {
      o.put(field, t.truncatedTo(ChronoUnit.SECONDS).toString());
    }
  }

  static String eventId(Game game) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5")
              .digest(
                  (game.start() + "|" + game.away().code() + "|" + game.home().code())
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JDK", e);
    }
  }

  private static Set<String> list(SimRequest req, String name) {
    Set<String> out = new LinkedHashSet<>();
    for (String v : req.params(name)) {
      for (String s : v.split(",")) {
        if (!s.isBlank()) {
          out.add(s.strip().toLowerCase(Locale.ROOT));
        }
      }
    }
    return out;
  }

  static Reply error(int status, String code, String message) {
    ObjectNode o = Json.object();
    o.put("message", message);
    o.put("error_code", code);
    o.put(
        "details_url",
        "https://the-odds-api.com/liveapi/guides/v4/api-error-codes.html#"
            + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    return Reply.json(status, o);
  }
}
