package io.marketgate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketgate.model.BetSide;
import io.marketgate.model.Bookmaker;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.Venue;
import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.odds.UnabatedLinesField;
import io.marketgate.sim.slate.Game;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.odds.OddsApiFeed;
import io.marketgate.upstream.odds.OddsApiResult;
import io.marketgate.upstream.odds.OddsFormat;
import io.marketgate.upstream.odds.UnabatedFeed;
import io.marketgate.upstream.odds.UnabatedState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OddsApiFeed and UnabatedFeed agree with the simulated feeds and with each other: every game,
 * every bookmaker's three markets with home and away the right way round, the quota headers, a
 * wrong key that never leaks, and Unabated's snapshot, changes and stale-cursor re-snapshot.
 */
class OddsFeedsIT {

  private static final String ODDS_KEY = "sim-odds-api-key";
  private static final String UNABATED_KEY = "sim-unabated-key";
  private static final int GAMES = 6;
  private static final Set<String> US_AND_EU_BOOKS =
      Set.of("draftkings", "fanduel", "betmgm", "williamhill_us", "pinnacle");
  private static final ObjectMapper JSON = new ObjectMapper();

  private VenueSimulator sim;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  @ParameterizedTest
  @EnumSource(OddsFormat.class)
  void oddsApiFetch_usAndEuRegions_everyGameAndBookmakerPricedAsOnTheWire(OddsFormat format)
      throws Exception {
    start(c -> {});
    TokenBucketBudget budget = TokenBucketBudget.create(BudgetConfig.theOddsApi());
    OddsApiFeed feed =
        OddsApiFeed.builder(oddsClient(budget), ODDS_KEY)
            .regions(List.of("us", "eu"))
            .oddsFormat(format)
            .build();
    Map<String, JsonNode> wire = rawOddsApiEvents(format);

    OddsApiResult result = feed.fetch("basketball_nba");

    assertThat(result.malformedEvents()).isZero();
    assertThat(result.malformedLines()).isZero();
    assertThat(result.events()).hasSize(GAMES);
    for (Game g : sim.slate().games()) {
      OddsEvent e = eventOf(result.events(), g);
      assertThat(e.key().venue()).isEqualTo(Venue.ODDS_API);
      assertThat(e.start()).isEqualTo(g.start());
      assertThat(e.bookmakers()).extracting(Bookmaker::id).hasSameElementsAs(US_AND_EU_BOOKS);
      JsonNode raw = wire.get(e.key().id());
      assertThat(raw).as("wire event %s", e.key().id()).isNotNull();
      assertThat(raw.path("home_team").asText()).isEqualTo(g.home().name());
      for (String book : US_AND_EU_BOOKS) {
        for (MarketType market : MarketType.values()) {
          OddsLine line = e.line(book, market).orElseThrow();
          assertThat(line.isTwoWay()).as("%s %s %s", g, book, market).isTrue();
          assertMatchesWire(line, raw, format);
        }
      }
    }
    // The raw call above spent 6 credits (3 markets x 2 regions), the feed's call 6 more.
    assertThat(feed.cost()).isEqualTo(6);
    assertThat(result.quota().lastCost()).hasValue(6);
    assertThat(result.quota().used()).hasValue(12);
    assertThat(result.quota().remaining()).hasValue(500 - 12);
    assertThat(budget.status().remainingCredits()).hasValue(500 - 12);
    assertThat(sim.calls().calls("odds_api.odds", 200)).isEqualTo(2);
  }

  @Test
  void oddsApiFetch_wrongKey_clientErrorWhoseMessageAndStackTraceHideTheKey() {
    start(c -> {});
    String wrongKey = "wrong-key/7f3a+b9";
    TokenBucketBudget budget = TokenBucketBudget.create(BudgetConfig.theOddsApi());
    OddsApiFeed feed = OddsApiFeed.builder(oddsClient(budget), wrongKey).build();

    assertThatThrownBy(() -> feed.fetch("basketball_nba"))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> {
              assertThat(e.outcome()).isEqualTo(Outcome.CLIENT_ERROR);
              assertThat(e.status()).hasValue(401);
              assertThat(e.endpoint()).isEqualTo(OddsApiFeed.ENDPOINT);
              assertHidesKey(e.getMessage(), wrongKey);
              assertHidesKey(e.toString(), wrongKey);
              assertHidesKey(stackTrace(e), wrongKey);
            });
    assertHidesKey(budget.status().lastError().orElseThrow().message(), wrongKey);
    assertHidesKey(budget.status().toString(), wrongKey);
    assertThat(sim.calls().calls("odds_api.odds", 401)).as("a 401 is not retried").isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(UnabatedLinesField.class)
  void unabatedSnapshotThenPoll_eitherLinesSpelling_matchesSlateThenFollowsChanges(
      UnabatedLinesField field) throws Exception {
    start(c -> c.unabatedLinesField(field));
    UnabatedFeed feed = unabatedFeed();

    UnabatedState first = feed.snapshot();

    assertThat(first.snapshots()).isEqualTo(1);
    assertThat(first.malformedItems()).isZero();
    assertThat(first.rotationConflicts()).isZero();
    assertThat(first.events()).hasSize(GAMES);
    for (Game g : sim.slate().games()) {
      OddsEvent e = eventOf(first.events(), g);
      assertThat(e.key().venue()).isEqualTo(Venue.UNABATED);
      assertThat(e.league()).isEqualTo("nba");
      assertThat(e.start()).isEqualTo(g.start());
      assertThat(e.home().abbreviation()).contains(g.home().code());
      assertThat(e.away().abbreviation()).contains(g.away().code());
      assertThat(e.bookmakers()).extracting(Bookmaker::id).containsExactlyInAnyOrder("49", "70");
      for (OddsLine line : e.lines()) {
        assertThat(line.isTwoWay()).as("%s %s", g, line).isTrue();
      }
      assertThat(e.lines()).hasSize(2 * MarketType.values().length);
    }
    assertPinnacleAgreesWithOddsApi(first);

    sim.step(3);
    UnabatedState polled = feed.poll();

    assertThat(linesByEvent(polled)).isNotEqualTo(linesByEvent(first));
    assertThat(linesByEvent(polled)).isEqualTo(linesByEvent(unabatedFeed().snapshot()));
    assertThat(polled.snapshots()).isEqualTo(1);
    assertThat(polled.lastTimestamp()).isPresent();
    assertThat(sim.calls().calls("unabated.game_odds", 200)).isEqualTo(2);
    assertThat(sim.calls().calls("unabated.changes", 200))
        .as("the poll, and the cursor call before each of the two snapshots")
        .isEqualTo(3);
  }

  @Test
  void unabatedPoll_cursorOlderThanRetainedChanges_resultFailedThenResnapshots() {
    start(c -> c.unabatedChangeBatches(2));
    UnabatedFeed feed = unabatedFeed();
    feed.snapshot();
    sim.step();
    UnabatedState cursorSet = feed.poll();
    assertThat(cursorSet.lastTimestamp()).isPresent();

    // More change batches than the feed retains: the cursor falls off the end.
    sim.step(6);
    UnabatedState resynced = feed.poll();

    assertThat(resynced.snapshots()).isEqualTo(2);
    assertThat(sim.calls().calls("unabated.changes", 200))
        .as("a cursor call before each snapshot, and the two polls")
        .isEqualTo(4);
    assertThat(sim.calls().calls("unabated.game_odds", 200)).isEqualTo(2);
    assertThat(linesByEvent(resynced)).isEqualTo(linesByEvent(unabatedFeed().snapshot()));

    sim.step(1);
    UnabatedState next = feed.poll();
    assertThat(next.snapshots()).isEqualTo(2);
    assertThat(sim.calls().calls("unabated.changes", 200))
        .as("one more poll after the truth snapshot's cursor call")
        .isEqualTo(6);
    assertThat(linesByEvent(next)).isEqualTo(linesByEvent(unabatedFeed().snapshot()));
  }

  /**
   * A snapshot carries no changes cursor, so the feed takes one from the changes route just before
   * it; when more change batches than the feed retains happen since the snapshot, that cursor has
   * fallen off, the first poll is answered "Failed" and the feed re-snapshots instead of silently
   * missing the dropped batches.
   */
  @Test
  void unabatedFirstPoll_moreChangeBatchesSinceSnapshotThanRetained_stateStillMatchesTruth() {
    start(c -> c.unabatedChangeBatches(2));
    UnabatedFeed feed = unabatedFeed();
    feed.snapshot();

    sim.step(8);
    UnabatedState polled = feed.poll();

    assertThat(polled.snapshots()).as("re-snapshotted on resultCode Failed").isEqualTo(2);
    assertThat(differences(polled, unabatedFeed().snapshot())).isEmpty();
  }

  private void start(Consumer<SimConfig.Builder> configure) {
    sim =
        VenueSimulator.start(
            c -> {
              c.seed(5).slateDate(KalshiAccess.SLATE_DATE).gameCount(GAMES);
              configure.accept(c);
            });
  }

  private UpstreamClient oddsClient(TokenBucketBudget budget) {
    return UpstreamClient.builder("the-odds-api", sim.oddsApiBaseUri()).budget(budget).build();
  }

  private UnabatedFeed unabatedFeed() {
    return UnabatedFeed.builder(
            UpstreamClient.builder("unabated", sim.unabatedBaseUri()).build(), UNABATED_KEY)
        .build();
  }

  /** The Odds API's events as the wire has them, by event id, fetched without our adapter. */
  private Map<String, JsonNode> rawOddsApiEvents(OddsFormat format) throws Exception {
    URI uri =
        sim.oddsApiBaseUri()
            .resolve(
                "/v4/sports/basketball_nba/odds?apiKey="
                    + ODDS_KEY
                    + "&regions=us,eu&markets=h2h,spreads,totals&dateFormat=iso&oddsFormat="
                    + format.wireValue());
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      Map<String, JsonNode> out = new HashMap<>();
      JSON.readTree(r.body()).forEach(e -> out.put(e.path("id").asText(), e));
      return out;
    }
  }

  private static void assertMatchesWire(OddsLine line, JsonNode event, OddsFormat format) {
    String book = line.bookmaker().id();
    String key =
        switch (line.market()) {
          case MONEYLINE -> "h2h";
          case SPREAD -> "spreads";
          case TOTAL -> "totals";
        };
    JsonNode market = null;
    for (JsonNode b : event.path("bookmakers")) {
      if (b.path("key").asText().equals(book)) {
        for (JsonNode m : b.path("markets")) {
          if (m.path("key").asText().equals(key)) {
            market = m;
          }
        }
      }
    }
    assertThat(market).as("wire market %s %s", book, key).isNotNull();
    for (OddsOutcome o : line.outcomes()) {
      String name =
          switch (o.side()) {
            case HOME -> event.path("home_team").asText();
            case AWAY -> event.path("away_team").asText();
            case OVER -> "Over";
            case UNDER -> "Under";
          };
      JsonNode wire = null;
      for (JsonNode w : market.path("outcomes")) {
        if (w.path("name").asText().equals(name)) {
          wire = w;
        }
      }
      assertThat(wire).as("wire outcome %s of %s %s", name, book, key).isNotNull();
      String what = book + " " + key + " " + o.side() + " (" + name + ")";
      double price = format == OddsFormat.AMERICAN ? o.price().american() : o.price().decimal();
      assertThat(price).as(what).isEqualTo(wire.path("price").asDouble());
      if (line.market().hasPoints()) {
        assertThat(o.points()).as(what).hasValue(wire.path("point").asDouble());
      }
    }
  }

  /** Pinnacle is ms70 at Unabated and "pinnacle" at The Odds API: the same line on both feeds. */
  private void assertPinnacleAgreesWithOddsApi(UnabatedState unabated) {
    OddsApiFeed feed =
        OddsApiFeed.builder(
                oddsClient(TokenBucketBudget.create(BudgetConfig.theOddsApi())), ODDS_KEY)
            .bookmakers(List.of("pinnacle"))
            .build();
    List<OddsEvent> oddsApi = feed.fetch("basketball_nba").events();
    for (Game g : sim.slate().games()) {
      OddsEvent u = eventOf(unabated.events(), g);
      OddsEvent o = eventOf(oddsApi, g);
      for (MarketType market : MarketType.values()) {
        OddsLine ul = u.line("70", market).orElseThrow();
        OddsLine ol = o.line("pinnacle", market).orElseThrow();
        for (BetSide side : market.sides()) {
          OddsOutcome uo = ul.outcome(side).orElseThrow();
          OddsOutcome oo = ol.outcome(side).orElseThrow();
          String what = g + " pinnacle " + market + " " + side;
          assertThat(uo.price().american()).as(what).isEqualTo(oo.price().american());
          assertThat(uo.points()).as(what).isEqualTo(oo.points());
        }
      }
    }
  }

  /** The event of {@code game}, found by team names (Odds API) or codes (Unabated). */
  private static OddsEvent eventOf(List<OddsEvent> events, Game game) {
    List<OddsEvent> found =
        events.stream()
            .filter(
                e ->
                    (e.home().name().filter(game.home().name()::equals).isPresent()
                            || e.home()
                                .abbreviation()
                                .filter(game.home().code()::equals)
                                .isPresent())
                        && (e.away().name().filter(game.away().name()::equals).isPresent()
                            || e.away()
                                .abbreviation()
                                .filter(game.away().code()::equals)
                                .isPresent()))
            .toList();
    assertThat(found).as("event of %s (home %s)", game, game.home().name()).hasSize(1);
    return found.getFirst();
  }

  private static Map<String, Set<OddsLine>> linesByEvent(UnabatedState state) {
    return state.events().stream()
        .collect(Collectors.toMap(e -> e.key().id(), e -> Set.copyOf(e.lines())));
  }

  /** Each line of {@code truth} that {@code ours} has differently, as one short text. */
  private static List<String> differences(UnabatedState ours, UnabatedState truth) {
    Map<String, Set<OddsLine>> mine = linesByEvent(ours);
    List<String> out = new ArrayList<>();
    for (OddsEvent e : truth.events()) {
      for (OddsLine line : e.lines()) {
        if (!mine.getOrDefault(e.key().id(), Set.of()).contains(line)) {
          String ourLine =
              ours.events().stream()
                  .filter(o -> o.key().equals(e.key()))
                  .findFirst()
                  .flatMap(o -> o.line(line.bookmaker().id(), line.market()))
                  .map(OddsFeedsIT::brief)
                  .orElse("none");
          out.add(
              "event "
                  + e.key().id()
                  + " ms"
                  + line.bookmaker().id()
                  + " "
                  + line.market()
                  + ": ours "
                  + ourLine
                  + ", simulator "
                  + brief(line));
        }
      }
    }
    return out;
  }

  private static String brief(OddsLine line) {
    return line.outcomes().stream()
        .map(
            o ->
                o.side()
                    + " "
                    + (long) o.price().american()
                    + o.points().stream().mapToObj(p -> "@" + p).collect(Collectors.joining()))
        .collect(Collectors.joining("/"));
  }

  private static void assertHidesKey(String text, String key) {
    assertThat(text)
        .doesNotContain(key)
        .doesNotContain(URLEncoder.encode(key, StandardCharsets.UTF_8));
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
