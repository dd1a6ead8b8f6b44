package io.marketgate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CallCountsIT {

  @Test
  void calls_countedByRouteAndStatus_resetByJavaAndAdminRoute() {
    try (VenueSimulator sim =
        VenueSimulator.start(c -> c.seed(2).slateDate(LocalDate.of(2026, 1, 9)).gameCount(2))) {
      String k = sim.kalshiBaseUri().toString();
      Http.get(k + "/markets");
      Http.get(k + "/markets");
      Http.get(k + "/markets/NOPE");
      Http.get(k + "/nowhere");
      Http.get(sim.unabatedBaseUri() + "/v2/markets/gameOdds");
      assertThat(sim.calls().calls("kalshi.markets", 200)).isEqualTo(2);
      assertThat(sim.calls().calls("kalshi.market", 404)).isEqualTo(1);
      assertThat(sim.calls().calls("kalshi.unknown")).isEqualTo(1);
      assertThat(sim.calls().calls("unabated.game_odds", 401)).isEqualTo(1);
      assertThat(sim.calls().total()).isEqualTo(5);

      JsonNode admin = Http.get(sim.adminUri() + "/calls").json();
      assertThat(admin.get("total").asLong()).isEqualTo(5);
      JsonNode markets = admin.get("routes").get("kalshi.markets");
      assertThat(markets.get("calls").asLong()).isEqualTo(2);
      assertThat(markets.get("by_status").get("200").asLong()).isEqualTo(2);
      assertThat(sim.calls().total()).as("admin calls are not counted").isEqualTo(5);

      assertThat(Http.post(sim.adminUri() + "/calls/reset", "").json().get("total").asLong())
          .isZero();
      assertThat(sim.calls().routes()).isEmpty();
      Http.get(k + "/exchange/status");
      sim.resetCalls();
      assertThat(sim.calls().total()).isZero();
    }
  }
}
