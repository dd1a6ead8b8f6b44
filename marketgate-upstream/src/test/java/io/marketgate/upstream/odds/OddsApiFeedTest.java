package io.marketgate.upstream.odds;

import static io.marketgate.upstream.odds.LoopbackServer.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import io.marketgate.model.BetSide;
import io.marketgate.model.DeVigMethod;
import io.marketgate.model.EventKey;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.Team;
import io.marketgate.model.Venue;
import io.marketgate.upstream.Budget;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.Transport;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.UpstreamRequest;
import io.marketgate.upstream.UpstreamResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OddsApiFeedTest {

  private static final String KEY = "sekrit-KEY-0123456789abcdef";
  private static final String PATH = "/v4/sports/basketball_nba/odds";

  private final LoopbackServer server = LoopbackServer.start();
  private final List<UpstreamRequest> budgeted = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    server.close();
  }

  /** A client whose unlimited budget records every request it is asked to send. */
  private UpstreamClient client() {
    Budget unlimited = Budget.unlimited("odds_api");
    Budget recording =
        new Budget() {
          @Override
          public String name() {
            return unlimited.name();
          }

          @Override
          public UpstreamResponse execute(UpstreamRequest request, Transport transport) {
            budgeted.add(request);
            return unlimited.execute(request, transport);
          }
        };
    return UpstreamClient.builder("odds_api", server.baseUri()).budget(recording).build();
  }

  private OddsApiFeed.Builder feed() {
    return OddsApiFeed.builder(client(), KEY);
  }

  private static OddsLine line(OddsEvent event, String bookmaker, MarketType market) {
    return event.line(bookmaker, market).orElseThrow();
  }

  private static String stackTraceOf(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @Test
  void fetch_americanFixture_mapsEventTeamsAndStart() {
    server.on(PATH, LoopbackServer.Reply.json(fixture("odds-api-american.json")));

    OddsApiResult result = feed().build().fetch("basketball_nba");

    assertThat(result.events()).hasSize(1);
    OddsEvent event = result.events().get(0);
    assertThat(event.key())
        .isEqualTo(new EventKey(Venue.ODDS_API, "63330b33e8a1c7d1f6b8a8f2f1d2e3c4"));
    assertThat(event.league()).isEqualTo("nba");
    assertThat(event.home()).isEqualTo(Team.named("Boston Celtics"));
    assertThat(event.away()).isEqualTo(Team.named("Toronto Raptors"));
    assertThat(event.start()).isEqualTo(Instant.parse("2026-01-10T00:10:00Z"));
  }

  @Test
  void fetch_americanFixture_mapsEveryMarketBySide() {
    server.on(PATH, LoopbackServer.Reply.json(fixture("odds-api-american.json")));

    OddsEvent event = feed().build().fetch("basketball_nba").events().get(0);

    OddsLine ml = line(event, "draftkings", MarketType.MONEYLINE);
    assertThat(ml.bookmaker().name()).isEqualTo("DraftKings");
    assertThat(ml.outcome(BetSide.HOME).orElseThrow().price().american()).isEqualTo(-240);
    assertThat(ml.outcome(BetSide.AWAY).orElseThrow().price().american()).isEqualTo(198);
    assertThat(ml.updatedAt()).isEqualTo(Instant.parse("2026-01-09T22:01:05Z"));
    OddsLine spread = line(event, "draftkings", MarketType.SPREAD);
    assertThat(spread.outcome(BetSide.HOME).orElseThrow().points()).hasValue(-6.5);
    assertThat(spread.outcome(BetSide.AWAY).orElseThrow().points()).hasValue(6.5);
    assertThat(spread.isTwoWay()).isTrue();
    OddsLine total = line(event, "draftkings", MarketType.TOTAL);
    assertThat(total.outcome(BetSide.OVER).orElseThrow().price().american()).isEqualTo(-112);
    assertThat(total.outcome(BetSide.UNDER).orElseThrow().points()).hasValue(227.5);
  }

  @Test
  void fetch_outcomesListedAwayFirst_mapsByTeamNameNotPosition() {
    server.on(PATH, LoopbackServer.Reply.json(fixture("odds-api-american.json")));

    OddsEvent event = feed().build().fetch("basketball_nba").events().get(0);

    OddsLine fanduel = line(event, "fanduel", MarketType.MONEYLINE);
    assertThat(fanduel.outcome(BetSide.HOME).orElseThrow().price().american()).isEqualTo(-250);
    assertThat(fanduel.outcome(BetSide.AWAY).orElseThrow().price().american()).isEqualTo(205);
    assertThat(fanduel.updatedAt())
        .as("market without last_update takes the bookmaker's")
        .isEqualTo(Instant.parse("2026-01-09T22:02:00Z"));
  }

  @Test
  void fetch_unknownOutcomeName_skipsThatLineAndCountsIt() {
    server.on(PATH, LoopbackServer.Reply.json(fixture("odds-api-american.json")));

    OddsApiResult result = feed().build().fetch("basketball_nba");

    OddsEvent event = result.events().get(0);
    assertThat(event.line("betmgm", MarketType.MONEYLINE)).isEmpty();
    assertThat(event.line("betmgm", MarketType.TOTAL)).isPresent();
    assertThat(result.malformedLines()).isEqualTo(1);
  }

  @Test
  void fetch_eventWithoutHomeTeam_skipsEventAndCountsIt() {
    server.on(PATH, LoopbackServer.Reply.json(fixture("odds-api-american.json")));

    OddsApiResult result = feed().build().fetch("basketball_nba");

    assertThat(result.malformedEvents()).isEqualTo(1);
    assertThat(result.events())
        .extracting(e -> e.key().id())
        .containsExactly("63330b33e8a1c7d1f6b8a8f2f1d2e3c4");
  }

  @Test
  void fetch_decimalFormat_readsDecimalPricesAndDerivesAmerican() {
    server.on(PATH, LoopbackServer.Reply.json(fixture("odds-api-decimal.json")));

    OddsApiResult result = feed().oddsFormat(OddsFormat.DECIMAL).build().fetch("basketball_nba");

    OddsEvent event = result.events().get(0);
    OddsLine ml = line(event, "pinnacle", MarketType.MONEYLINE);
    assertThat(ml.outcome(BetSide.HOME).orElseThrow().price().decimal()).isEqualTo(1.42);
    assertThat(ml.outcome(BetSide.HOME).orElseThrow().price().american())
        .isCloseTo(-100 / 0.42, within(1e-9));
    assertThat(ml.outcome(BetSide.AWAY).orElseThrow().price().american())
        .isCloseTo(198, within(1e-9));
    OddsLine total = line(event, "pinnacle", MarketType.TOTAL);
    assertThat(total.fairProbability(BetSide.OVER, DeVigMethod.MULTIPLICATIVE))
        .isCloseTo((1 / 1.89) / (1 / 1.89 + 1 / 1.93), within(1e-12));
    assertThat(result.malformedLines()).isZero();
    assertThat(server.seen(PATH).get(0).query()).contains("oddsFormat=decimal");
  }

  @Test
  void fetch_defaults_sendDocumentedQueryAndDeclareCost() {
    server.on(PATH, LoopbackServer.Reply.json("[]"));

    feed().build().fetch("basketball_nba");

    String query = server.seen(PATH).get(0).query();
    assertThat(query)
        .startsWith("apiKey=" + KEY + "&")
        .contains("&regions=us&")
        .contains("&markets=h2h,spreads,totals&")
        .contains("&oddsFormat=american&")
        .endsWith("&dateFormat=iso");
    assertThat(budgeted)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.endpoint()).isEqualTo("odds_api.odds");
              assertThat(r.cost()).isEqualTo(3);
              assertThat(r.toString()).doesNotContain(KEY);
            });
  }

  @Test
  void cost_marketsTimesRegions_orBookmakersPerTen() {
    OddsApiFeed twoRegions = feed().regions(List.of("us", "uk")).build();
    OddsApiFeed oneMarket = feed().markets(Set.of(MarketType.MONEYLINE)).build();
    OddsApiFeed elevenBooks =
        feed().bookmakers(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")).build();

    assertThat(twoRegions.cost()).isEqualTo(6);
    assertThat(oneMarket.cost()).isEqualTo(1);
    assertThat(elevenBooks.cost()).isEqualTo(6);
  }

  @Test
  void fetch_bookmakers_sentInsteadOfRegions() {
    server.on(PATH, LoopbackServer.Reply.json("[]"));

    feed().bookmakers(List.of("draftkings", "fanduel")).build().fetch("basketball_nba");

    assertThat(server.seen(PATH).get(0).query())
        .contains("&bookmakers=draftkings,fanduel&")
        .doesNotContain("regions=");
  }

  @Test
  void fetch_quotaHeaders_exposedWithResult() {
    server.on(
        PATH,
        new LoopbackServer.Reply(
            200,
            Map.of("x-requests-remaining", "497", "x-requests-used", "3", "x-requests-last", "3"),
            "[]"));

    OddsApiQuota quota = feed().build().fetch("basketball_nba").quota();

    assertThat(quota)
        .isEqualTo(new OddsApiQuota(OptionalLong.of(497), OptionalLong.of(3), OptionalLong.of(3)));
  }

  @Test
  void fetch_quotaHeadersMissingOrJunk_areEmpty() {
    server.on(PATH, new LoopbackServer.Reply(200, Map.of("x-requests-used", "n/a"), "[]"));

    OddsApiQuota quota = feed().build().fetch("basketball_nba").quota();

    assertThat(quota.remaining()).isEmpty();
    assertThat(quota.used()).isEmpty();
    assertThat(quota.lastCost()).isEmpty();
  }

  @Test
  void fetch_unauthorized_throwsClientErrorWithoutKey() {
    server.on(
        PATH,
        new LoopbackServer.Reply(
            401,
            Map.of(),
            "{\"message\":\"API key is not valid: " + KEY + "\",\"error_code\":\"INVALID_KEY\"}"));

    UpstreamException e =
        catchThrowableOfType(UpstreamException.class, () -> feed().build().fetch("basketball_nba"));

    assertThat(e.endpoint()).isEqualTo("odds_api.odds");
    assertThat(e.outcome()).isEqualTo(Outcome.CLIENT_ERROR);
    assertThat(e.status()).hasValue(401);
    assertThat(stackTraceOf(e)).doesNotContain(KEY);
  }

  @Test
  void fetch_rateLimited_throwsRateLimited() {
    server.on(
        PATH, new LoopbackServer.Reply(429, Map.of(), "{\"error_code\":\"EXCEEDED_FREQ_LIMIT\"}"));

    assertThatThrownBy(() -> feed().build().fetch("basketball_nba"))
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.RATE_LIMITED));
  }

  @Test
  void fetch_bodyNotAnArray_throwsMalformedNamingEndpointAndProblem() {
    server.on(PATH, LoopbackServer.Reply.json("{\"message\":\"" + KEY + "\"}"));

    UpstreamException e =
        catchThrowableOfType(UpstreamException.class, () -> feed().build().fetch("basketball_nba"));

    assertThat(e.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(e).hasMessage("odds_api.odds: expected a JSON array of events but got object");
  }

  @Test
  void fetch_bodyNotJson_throwsMalformedWithoutKey() {
    server.on(PATH, LoopbackServer.Reply.json("<html>" + KEY + "</html>"));

    UpstreamException e =
        catchThrowableOfType(UpstreamException.class, () -> feed().build().fetch("basketball_nba"));

    assertThat(e.outcome()).isEqualTo(Outcome.MALFORMED);
    assertThat(e).hasMessageStartingWith("odds_api.odds: body is not valid JSON");
    assertThat(stackTraceOf(e)).doesNotContain(KEY);
  }

  @Test
  void fetch_serverGone_exceptionHasNoKey() {
    OddsApiFeed feed = feed().build();
    server.close();

    UpstreamException e =
        catchThrowableOfType(UpstreamException.class, () -> feed.fetch("basketball_nba"));

    assertThat(e.endpoint()).isEqualTo("odds_api.odds");
    assertThat(stackTraceOf(e)).doesNotContain(KEY);
  }

  @Test
  void fetch_badSportKey_rejectedWithoutKey() {
    assertThatThrownBy(() -> feed().build().fetch("basketball nba"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sport must match")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void toString_feed_neverShowsKey() {
    assertThat(feed().build().toString()).doesNotContain(KEY).contains("odds_api.odds");
  }

  @Test
  void league_sportKey_isPartAfterFirstUnderscore() {
    assertThat(OddsApiMapper.league("basketball_nba")).isEqualTo("nba");
    assertThat(OddsApiMapper.league("americanfootball_nfl")).isEqualTo("nfl");
    assertThat(OddsApiMapper.league("soccer_usa_mls")).isEqualTo("usa_mls");
  }
}
