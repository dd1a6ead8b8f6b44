package io.marketgate.server.ingest;

import io.marketgate.model.MarketKey;
import io.marketgate.model.Venue;
import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.UpstreamClient;
import java.time.Duration;
import java.time.LocalDate;

/** A seeded in-process simulator and clients for it, shared by the ingest tests. */
final class SimFixture {

  static final LocalDate SLATE = LocalDate.of(2026, 1, 9);

  private SimFixture() {}

  /** A simulator on port 0 with a fixed seed, date and three games; no background ticker. */
  static VenueSimulator start() {
    return VenueSimulator.start(
        SimConfig.builder().port(0).seed(7).slateDate(SLATE).gameCount(3).build());
  }

  /**
   * A Kalshi client with the Basic-tier budget, no retries (failures show at once) and a circuit
   * breaker that half-opens after 100 ms instead of 10 s.
   */
  static UpstreamClient kalshi(VenueSimulator sim) {
    return UpstreamClient.builder("kalshi", sim.kalshiBaseUri())
        .budget(
            TokenBucketBudget.create(
                BudgetConfig.kalshi(BudgetConfig.KalshiTier.BASIC)
                    .withRetry(BudgetConfig.Retry.none())
                    .withBreaker(new BudgetConfig.Breaker(50f, 20, 10, Duration.ofMillis(100), 2))))
        .build();
  }

  /** The key of Kalshi market {@code ticker}. */
  static MarketKey kalshiKey(String ticker) {
    return new MarketKey(Venue.KALSHI, ticker);
  }
}
