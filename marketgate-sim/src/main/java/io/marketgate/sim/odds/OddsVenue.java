package io.marketgate.sim.odds;

import io.marketgate.sim.calls.CallCounter;
import io.marketgate.sim.fault.FaultPlan;
import io.marketgate.sim.http.SimHttpHandler;
import io.marketgate.sim.slate.Slate;
import io.undertow.server.HttpHandler;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The simulated odds feeds for one slate: The Odds API v4 and the Unabated-style feed over one
 * board of bookmaker lines. Created and owned by the simulator; thread-safe.
 */
public final class OddsVenue {

  private final OddsBoard board;
  private final HttpHandler oddsApi;
  private final HttpHandler unabated;

  /** The feeds for {@code slate}, counting into {@code counter} and faulted by {@code faults}. */
  public OddsVenue(
      Slate slate,
      OddsSettings settings,
      InstantSource clock,
      CallCounter counter,
      FaultPlan faults,
      ScheduledExecutorService scheduler) {
    this.board = new OddsBoard(slate, clock, settings.unabatedChangeBatches());
    this.oddsApi =
        new SimHttpHandler(new OddsApiRoutes(board, settings, clock), counter, faults, scheduler);
    this.unabated =
        new SimHttpHandler(new UnabatedRoutes(board, settings), counter, faults, scheduler);
  }

  /** The handler serving {@code /v4/…}. */
  public HttpHandler oddsApiHandler() {
    return oddsApi;
  }

  /** The handler serving {@code /v2/markets/…}. */
  public HttpHandler unabatedHandler() {
    return unabated;
  }

  /** Re-prices a random few lines; returns how many changed. */
  public int step() {
    return board.step();
  }
}
