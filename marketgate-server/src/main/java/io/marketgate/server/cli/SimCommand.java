package io.marketgate.server.cli;

import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.kalshi.LevelOrder;
import io.marketgate.sim.kalshi.PayloadGeneration;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marketgate sim}: the venue simulator alone, until Ctrl-C. */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = "Runs the venue simulator (Kalshi REST+WS, The Odds API, Unabated) standalone.")
final class SimCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      description = "Port to listen on (0 = any free port).",
      defaultValue = "8090")
  int port;

  @Option(names = "--host", description = "Address to bind.", defaultValue = "127.0.0.1")
  String host;

  @Option(names = "--seed", description = "Seed of the slate and the books.", defaultValue = "42")
  long seed;

  @Option(names = "--date", description = "US/Eastern date of the slate (default: today).")
  LocalDate date;

  @Option(names = "--games", description = "Games on the slate.", defaultValue = "8")
  int games;

  @Option(
      names = "--tick-ms",
      description = "Milliseconds between book random-walk steps (0 = never).",
      defaultValue = "500")
  long tickMillis;

  @Option(names = "--legacy", description = "Serve Kalshi's legacy integer-cent payloads.")
  boolean legacy;

  @Option(
      names = "--descending",
      description = "Serve book levels best-first instead of best-last.")
  boolean descending;

  @Override
  public Integer call() throws InterruptedException {
    VenueSimulator sim = VenueSimulator.start(config());
    System.out.println(sim.describe());
    System.out.flush();
    Running.untilShutdown(sim::close);
    return 0;
  }

  /** The simulator configuration these options describe. */
  SimConfig config() {
    SimConfig.Builder b = SimConfig.builder().host(host).port(port).seed(seed).gameCount(games);
    if (date != null) {
      b.slateDate(date);
    }
    if (tickMillis > 0) {
      b.tickInterval(Duration.ofMillis(tickMillis));
    }
    if (legacy) {
      b.kalshiPayloads(PayloadGeneration.LEGACY);
    }
    if (descending) {
      b.kalshiLevelOrder(LevelOrder.DESCENDING);
    }
    return b.build();
  }
}
