package io.marketgate.sim.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  @Test
  void matches_patterns_exactPrefixAndStar() {
    assertThat(FaultPlan.matches("kalshi.orderbook", "kalshi.orderbook")).isTrue();
    assertThat(FaultPlan.matches("kalshi.*", "kalshi.markets")).isTrue();
    assertThat(FaultPlan.matches("kalshi.*", "odds_api.odds")).isFalse();
    assertThat(FaultPlan.matches("*", "unabated.changes")).isTrue();
    assertThat(FaultPlan.matches("kalshi.order", "kalshi.orderbook")).isFalse();
  }

  @Test
  void nextHttp_nextTwo_firesTwiceThenIsRemoved() {
    FaultPlan plan = new FaultPlan(1);
    plan.inject("kalshi.*", Fault.status(503), FaultTrigger.next(2));
    assertThat(plan.nextHttp("kalshi.markets")).contains(Fault.status(503));
    assertThat(plan.injected())
        .singleElement()
        .extracting(FaultPlan.Injected::remaining)
        .isEqualTo(1);
    assertThat(plan.nextHttp("kalshi.orderbook")).contains(Fault.status(503));
    assertThat(plan.nextHttp("kalshi.orderbook")).isEmpty();
    assertThat(plan.injected()).isEmpty();
  }

  @Test
  void nextHttp_webSocketFault_isNotDrawnByHttpCalls() {
    FaultPlan plan = new FaultPlan(1);
    plan.inject("kalshi.ws", Fault.freeze(), FaultTrigger.once());
    assertThat(plan.nextHttp("kalshi.ws")).isEmpty();
    assertThat(plan.nextWebSocket("kalshi.ws")).contains(Fault.freeze());
  }

  @Test
  void probability_sameSeed_sameDraws() {
    assertThat(draws(9)).isEqualTo(draws(9)).isNotEqualTo(draws(10));
  }

  private static List<Boolean> draws(long seed) {
    FaultPlan plan = new FaultPlan(seed);
    plan.inject("*", Fault.hang(), FaultTrigger.probability(0.3));
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      out.add(plan.nextHttp("x").isPresent());
    }
    return out;
  }

  @Test
  void removeAndClear_dropFaults() {
    FaultPlan plan = new FaultPlan(1);
    long id = plan.inject("*", Fault.hang(), FaultTrigger.always());
    plan.inject("*", Fault.truncatedJson(), FaultTrigger.always());
    assertThat(plan.remove(id)).isTrue();
    assertThat(plan.nextHttp("a")).isEqualTo(Optional.of(Fault.truncatedJson()));
    plan.clear();
    assertThat(plan.nextHttp("a")).isEmpty();
  }

  @Test
  void constructors_badValues_throw() {
    assertThatThrownBy(() -> FaultTrigger.next(0)).hasMessageContaining("calls");
    assertThatThrownBy(() -> FaultTrigger.probability(1.5)).hasMessageContaining("probability");
    assertThatThrownBy(() -> Fault.status(200)).hasMessageContaining("status");
  }
}
