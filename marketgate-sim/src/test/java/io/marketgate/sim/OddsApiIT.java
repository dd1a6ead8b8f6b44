package io.marketgate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.model.Odds;
import io.marketgate.sim.slate.Game;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OddsApiIT {

  static VenueSimulator sim;
  static String odds;

  @BeforeAll
  static void start() {
    sim =
        VenueSimulator.start(
            c -> c.seed(5).slateDate(LocalDate.of(2026, 1, 9)).gameCount(7).oddsApiQuota(100_000));
    odds = sim.oddsApiBaseUri() + "/v4/sports/basketball_nba/odds?apiKey=sim-odds-api-key";
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void odds_usAndEuAllMarkets_returnsDocumentedEventArrayAndQuotaHeaders() {
    Http.Response r =
        Http.get(
            odds + "&regions=us,eu&markets=h2h,spreads,totals&oddsFormat=american&dateFormat=iso");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers().firstValue("x-requests-last")).hasValue("6");
    long used = Long.parseLong(r.headers().firstValue("x-requests-used").orElseThrow());
    long remaining = Long.parseLong(r.headers().firstValue("x-requests-remaining").orElseThrow());
    assertThat(used + remaining).isEqualTo(100_000);
    JsonNode events = r.json();
    assertThat(events.isArray()).isTrue();
    assertThat(events).hasSize(7);
    JsonNode e = events.get(0);
    Game game = sim.slate().games().get(0);
    assertThat(e.get("id").asText()).matches("[0-9a-f]{32}");
    assertThat(e.get("sport_key").asText()).isEqualTo("basketball_nba");
    assertThat(e.get("sport_title").asText()).isEqualTo("NBA");
    assertThat(e.get("commence_time").asText()).isEqualTo(game.start().toString());
    assertThat(e.get("home_team").asText()).isEqualTo(game.home().name());
    assertThat(e.get("away_team").asText()).isEqualTo(game.away().name());
    JsonNode books = e.get("bookmakers");
    assertThat(books)
        .extracting(b -> b.get("key").asText())
        .containsExactlyInAnyOrder("pinnacle", "draftkings", "fanduel", "betmgm", "williamhill_us");
    JsonNode dk = books.get(1);
    assertThat(dk.get("title").asText()).isNotBlank();
    assertThat(dk.get("last_update").asText()).endsWith("Z");
    JsonNode markets = dk.get("markets");
    assertThat(markets)
        .extracting(m -> m.get("key").asText())
        .containsExactly("h2h", "spreads", "totals");
    JsonNode h2h = markets.get(0).get("outcomes");
    assertThat(h2h)
        .extracting(o -> o.get("name").asText())
        .containsExactly(game.home().name(), game.away().name());
    assertThat(h2h)
        .allSatisfy(o -> assertThat(Math.abs(o.get("price").asInt())).isGreaterThanOrEqualTo(100));
    assertThat(h2h).allSatisfy(o -> assertThat(o.has("point")).isFalse());
    JsonNode spreads = markets.get(1).get("outcomes");
    assertThat(spreads.get(0).get("point").asDouble())
        .isEqualTo(-spreads.get(1).get("point").asDouble());
    assertThat(Math.abs(spreads.get(0).get("point").asDouble()) % 1).isEqualTo(0.5);
    JsonNode totals = markets.get(2).get("outcomes");
    assertThat(totals).extracting(o -> o.get("name").asText()).containsExactly("Over", "Under");
    assertThat(totals.get(0).get("point").asDouble())
        .isEqualTo(totals.get(1).get("point").asDouble());
  }

  @Test
  void odds_bookmakers_haveDistinctVigAroundTrueProbability() {
    JsonNode events =
        Http.get(odds + "&regions=us,eu,uk,au&markets=h2h&oddsFormat=american").json();
    Map<String, Double> overround = new TreeMap<>();
    for (JsonNode e : events) {
      for (JsonNode b : e.get("bookmakers")) {
        double sum = 0;
        for (JsonNode o : b.get("markets").get(0).get("outcomes")) {
          sum += Odds.americanToProbability(o.get("price").asDouble());
        }
        overround.merge(b.get("key").asText(), (sum - 1) / events.size(), Double::sum);
      }
    }
    assertThat(overround).hasSize(7);
    assertThat(overround.get("pinnacle")).isBetween(0.01, 0.035);
    assertThat(overround.get("draftkings")).isBetween(0.03, 0.06);
    assertThat(overround.get("sportsbet")).isGreaterThan(overround.get("pinnacle"));
    assertThat(overround.values()).doesNotHaveDuplicates();
  }

  @Test
  void odds_decimalUnix_formatsPricesAndDates() {
    JsonNode e = Http.get(odds + "&regions=eu&oddsFormat=decimal&dateFormat=unix").json().get(0);
    assertThat(e.get("commence_time").isIntegralNumber()).isTrue();
    JsonNode price =
        e.get("bookmakers").get(0).get("markets").get(0).get("outcomes").get(0).get("price");
    assertThat(price.isNumber()).isTrue();
    assertThat(price.asDouble()).isGreaterThan(1);
  }

  @Test
  void odds_bookmakersParam_costsOneRegionPerTen() {
    Http.Response r = Http.get(odds + "&bookmakers=pinnacle,draftkings&markets=h2h,totals");
    assertThat(r.headers().firstValue("x-requests-last")).hasValue("2");
    assertThat(r.json().get(0).get("bookmakers")).hasSize(2);
  }

  @Test
  void odds_missingOrInvalidKey_is401WithErrorCode() {
    String noKey = sim.oddsApiBaseUri() + "/v4/sports/basketball_nba/odds?regions=us";
    Http.Response missing = Http.get(noKey);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.json().get("error_code").asText()).isEqualTo("MISSING_KEY");
    assertThat(missing.json().get("message").asText()).isNotBlank();
    Http.Response invalid = Http.get(noKey + "&apiKey=wrong");
    assertThat(invalid.status()).isEqualTo(401);
    assertThat(invalid.json().get("error_code").asText()).isEqualTo("INVALID_KEY");
    assertThat(Http.get(odds + "&regions=mars").status()).isEqualTo(422);
    assertThat(Http.get(odds.replace("basketball_nba", "curling") + "&regions=us").status())
        .isEqualTo(404);
  }

  @Test
  void odds_quotaSpent_is401OutOfCreditsAndFrequencyLimitIs429() {
    try (VenueSimulator small =
        VenueSimulator.start(
            c ->
                c.seed(5)
                    .slateDate(LocalDate.of(2026, 1, 9))
                    .gameCount(2)
                    .oddsApiQuota(5)
                    .oddsApiRequestsPerSecond(3))) {
      String uri =
          small.oddsApiBaseUri()
              + "/v4/sports/basketball_nba/odds?apiKey=sim-odds-api-key&regions=us&markets=h2h,spreads,totals";
      Http.Response first = Http.get(uri);
      assertThat(first.status()).isEqualTo(200);
      Http.Response second = Http.get(uri);
      assertThat(second.status()).isEqualTo(401);
      assertThat(second.json().get("error_code").asText()).isEqualTo("OUT_OF_USAGE_CREDITS");
      assertThat(second.headers().firstValue("x-requests-remaining")).hasValue("2");
      assertThat(Http.get(uri).status()).isEqualTo(401);
      Http.Response limited = Http.get(uri);
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.json().get("error_code").asText()).isEqualTo("EXCEEDED_FREQ_LIMIT");
      assertThat(small.calls().calls("odds_api.odds")).isEqualTo(4);
    }
  }

  @Test
  void sports_list_isFreeAndNamesNba() {
    Http.Response r = Http.get(sim.oddsApiBaseUri() + "/v4/sports?apiKey=sim-odds-api-key");
    assertThat(r.json()).extracting(s -> s.get("key").asText()).contains("basketball_nba");
    assertThat(r.headers().firstValue("x-requests-last")).hasValue("0");
    assertThat(List.of(r.status())).containsExactly(200);
  }
}
