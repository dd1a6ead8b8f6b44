package io.marketgate.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketgate.model.BinaryBook;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeterminismIT {

  static final LocalDate DATE = LocalDate.of(2026, 3, 14);

  @Test
  void sameSeed_sameSlateAndSameBooksAfterSteps() {
    try (VenueSimulator a = VenueSimulator.start(c -> c.seed(42).slateDate(DATE));
        VenueSimulator b = VenueSimulator.start(c -> c.seed(42).slateDate(DATE))) {
      assertThat(a.slate()).isEqualTo(b.slate());
      assertThat(a.slate().games()).hasSizeBetween(6, 10);
      a.step(200);
      b.step(200);
      assertThat(a.kalshiMarketTickers()).isEqualTo(b.kalshiMarketTickers());
      for (String t : a.kalshiMarketTickers()) {
        assertThat(a.kalshiBook(t)).isEqualTo(b.kalshiBook(t));
      }
    }
  }

  @Test
  void differentSeed_differentSlate() {
    try (VenueSimulator a = VenueSimulator.start(c -> c.seed(1).slateDate(DATE));
        VenueSimulator b = VenueSimulator.start(c -> c.seed(2).slateDate(DATE))) {
      assertThat(a.kalshiEventTickers()).isNotEqualTo(b.kalshiEventTickers());
    }
  }

  @Test
  void backgroundTicker_advancesBooks() {
    try (VenueSimulator sim =
        VenueSimulator.start(
            c -> c.seed(4).slateDate(DATE).gameCount(2).tickInterval(Duration.ofMillis(10)))) {
      List<String> tickers = sim.kalshiMarketTickers();
      List<BinaryBook> before = tickers.stream().map(t -> sim.kalshiBook(t).orElseThrow()).toList();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () ->
                  !tickers.stream()
                      .map(t -> sim.kalshiBook(t).orElseThrow())
                      .toList()
                      .equals(before));
    }
  }

  @Test
  void describe_namesEveryBaseUri() {
    SimConfig config =
        SimConfig.builder()
            .port(0)
            .seed(9)
            .slateDate(LocalDate.of(2026, 1, 9))
            .gameCount(3)
            .build();
    try (VenueSimulator sim = VenueSimulator.start(config)) {
      assertThat(sim.describe())
          .contains(sim.kalshiBaseUri().toString(), sim.kalshiWsUri().toString());
      assertThat(sim.kalshiWsUri().toString()).startsWith("ws://").endsWith("/trade-api/ws/v2");
      assertThat(sim.slate().games()).hasSize(3);
    }
  }
}
