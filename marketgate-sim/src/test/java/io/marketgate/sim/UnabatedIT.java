package io.marketgate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.model.Odds;
import io.marketgate.sim.odds.UnabatedLinesField;
import io.marketgate.sim.slate.Game;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UnabatedIT {

  static VenueSimulator sim;
  static String base;

  @BeforeAll
  static void start() {
    sim = VenueSimulator.start(c -> c.seed(9).slateDate(LocalDate.of(2026, 1, 9)).gameCount(6));
    base = sim.unabatedBaseUri() + "/v2/markets";
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void gameOdds_snapshot_hasDocumentedStructure() {
    JsonNode body = Http.get(base + "/gameOdds?x-api-key=sim-unabated-key").json();
    assertThat(body.get("marketSources")).extracting(s -> s.get("id").asInt()).contains(49, 70);
    assertThat(body.get("teams").isObject()).isTrue();
    JsonNode events = body.get("gameOddsEvents").get("lg3:pt1:pregame");
    assertThat(events).hasSize(6);
    JsonNode e = events.get(0);
    Game game = sim.slate().games().get(0);
    assertThat(e.get("eventId").isIntegralNumber()).isTrue();
    assertThat(e.get("eventStart").asText()).isEqualTo(game.start().toString());
    assertThat(e.get("statusId").asInt()).isEqualTo(1);
    assertThat(e.get("periodTypeId").asInt()).isEqualTo(1);
    String awayId = e.get("eventTeams").get("0").get("id").asText();
    String homeId = e.get("eventTeams").get("1").get("id").asText();
    assertThat(body.get("teams").get(awayId).get("abbreviation").asText())
        .isEqualTo(game.away().code());
    assertThat(body.get("teams").get(homeId).get("abbreviation").asText())
        .isEqualTo(game.home().code());
    assertThat(e.get("eventTeams").get("0").get("rotationNumber").isInt()).isTrue();
    JsonNode lines = e.get("gameOddsMarketSourcesLines");
    assertThat(lines.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("si0:ms49:an0", "si1:ms49:an0", "si0:ms70:an0", "si1:ms70:an0");
    JsonNode ml = lines.get("si0:ms70:an0").get("bt1");
    assertThat(ml.get("marketSourceId").asInt()).isEqualTo(70);
    assertThat(ml.get("points").isNull()).isTrue();
    assertThat(ml.get("americanPrice").isInt()).isTrue();
    assertThat(ml.get("statusId").asInt()).isEqualTo(1);
    assertThat(ml.get("sequenceNumber").isLong()).isTrue();
    assertThat(ml.get("sequenceNumber").asLong()).isGreaterThan(1L << 53);
    assertThat(ml.get("modifiedOn").asText()).endsWith("Z");
    for (String f :
        List.of(
            "marketLineId",
            "marketId",
            "price",
            "sourcePrice",
            "sourceFormat",
            "alternateNumber",
            "createdOn")) {
      assertThat(ml.has(f)).as(f).isTrue();
    }
    double awaySpread = lines.get("si0:ms70:an0").get("bt2").get("points").asDouble();
    double homeSpread = lines.get("si1:ms70:an0").get("bt2").get("points").asDouble();
    assertThat(awaySpread).isEqualTo(-homeSpread);
    assertThat(lines.get("si0:ms70:an0").get("bt3").get("points").asDouble())
        .isEqualTo(lines.get("si1:ms70:an0").get("bt3").get("points").asDouble());
  }

  @Test
  void gameOdds_consensusIsVigFreeAndPinnacleIsNot() {
    JsonNode events =
        Http.get(base + "/gameOdds?x-api-key=sim-unabated-key")
            .json()
            .get("gameOddsEvents")
            .get("lg3:pt1:pregame");
    for (JsonNode e : events) {
      JsonNode lines = e.get("gameOddsMarketSourcesLines");
      double ms49 = implied(lines, 49);
      double ms70 = implied(lines, 70);
      assertThat(ms49).isBetween(0.98, 1.015);
      assertThat(ms70).isGreaterThan(1.005);
    }
    Game g = sim.slate().games().get(0);
    JsonNode lines = events.get(0).get("gameOddsMarketSourcesLines");
    double homeFair =
        Odds.americanToProbability(
            lines.get("si1:ms49:an0").get("bt1").get("americanPrice").asDouble());
    assertThat(homeFair)
        .isCloseTo(g.homeWinProbability(), org.assertj.core.data.Offset.offset(0.03));
  }

  static double implied(JsonNode lines, int source) {
    return Odds.americanToProbability(
            lines.get("si0:ms" + source + ":an0").get("bt1").get("americanPrice").asDouble())
        + Odds.americanToProbability(
            lines.get("si1:ms" + source + ":an0").get("bt1").get("americanPrice").asDouble());
  }

  @Test
  void gameOdds_sourceLinesSpelling_isConfigurable() {
    try (VenueSimulator other =
        VenueSimulator.start(
            c -> c.seed(9).gameCount(1).unabatedLinesField(UnabatedLinesField.SOURCE_LINES))) {
      JsonNode e =
          Http.get(other.unabatedBaseUri() + "/v2/markets/gameOdds?x-api-key=sim-unabated-key")
              .json()
              .get("gameOddsEvents")
              .get("lg3:pt1:pregame")
              .get(0);
      assertThat(e.has("gameOddsMarketSourceLines")).isTrue();
      assertThat(e.has("gameOddsMarketSourcesLines")).isFalse();
    }
  }

  @Test
  void changes_afterSteps_returnChangedLinesSinceTimestamp() {
    JsonNode first = Http.get(base + "/changes?x-api-key=sim-unabated-key").json();
    assertThat(first.get("resultCode").asText()).isEqualTo("Success");
    long since = first.get("lastTimestamp").asLong();
    await()
        .until(
            () -> {
              sim.step();
              return Http.get(base + "/changes/" + since + "?x-api-key=sim-unabated-key")
                      .json()
                      .get("results")
                      .size()
                  >= 2;
            });
    JsonNode next = Http.get(base + "/changes/" + since + "?x-api-key=sim-unabated-key").json();
    assertThat(next.get("resultCode").asText()).isEqualTo("Success");
    assertThat(next.get("lastTimestamp").asLong()).isGreaterThan(since);
    JsonNode result = next.get("results").get(0);
    assertThat(result.has("marketSources")).isTrue();
    assertThat(result.has("events")).isTrue();
    JsonNode events = result.get("gameOdds").get("gameOddsEvents").get("lg3:pt1:pregame");
    assertThat(events).isNotEmpty();
    assertThat(events.get(0).get("gameOddsMarketSourcesLines").size()).isPositive();
    JsonNode latest =
        Http.get(
                base
                    + "/changes/"
                    + next.get("lastTimestamp").asLong()
                    + "?x-api-key=sim-unabated-key")
            .json();
    assertThat(latest.get("results")).isEmpty();
  }

  @Test
  void changes_timestampOlderThanRetention_failed() {
    try (VenueSimulator small =
        VenueSimulator.start(c -> c.seed(9).gameCount(4).unabatedChangeBatches(1))) {
      String b = small.unabatedBaseUri() + "/v2/markets/changes";
      long since = Http.get(b + "?x-api-key=sim-unabated-key").json().get("lastTimestamp").asLong();
      await()
          .until(
              () -> {
                small.step();
                return Http.get(b + "?x-api-key=sim-unabated-key")
                        .json()
                        .get("lastTimestamp")
                        .asLong()
                    >= since + 3;
              });
      JsonNode failed = Http.get(b + "/" + since + "?x-api-key=sim-unabated-key").json();
      assertThat(failed.get("resultCode").asText()).isEqualTo("Failed");
      assertThat(failed.get("results")).isEmpty();
    }
  }

  @Test
  void gameOdds_missingKey_is401() {
    assertThat(Http.get(base + "/gameOdds").status()).isEqualTo(401);
    assertThat(Http.get(base + "/gameOdds?x-api-key=wrong").status()).isEqualTo(401);
    assertThat(sim.calls().calls("unabated.game_odds", 401)).isGreaterThanOrEqualTo(2);
  }
}
