package io.marketgate.server.cli;

import io.marketgate.server.Gateway;
import io.marketgate.server.config.GatewayConfig;
import io.marketgate.sim.SimConfig;
import io.marketgate.sim.VenueSimulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code marketgate demo}: the venue simulator and the gateway wired to it in one process, so a
 * newcomer sees the whole thing with one command and no credentials.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runs the gateway against a built-in venue simulator (no credentials needed).")
final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Gateway port (0 = any free port).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind.")
  String host;

  @Option(
      names = "--data-dir",
      defaultValue = "data",
      description = "Directory for the gateway's files (created if missing).")
  Path dataDir;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated slate.")
  long seed;

  @Override
  public Integer call() throws InterruptedException {
    Demo demo = Demo.start(host, port, dataDir, seed);
    PrintWriter out = spec.commandLine().getOut();
    out.println(demo.describe());
    out.flush();
    Running.untilShutdown(demo::close);
    return 0;
  }

  /** A running demo: the simulator and the gateway pointed at it. */
  record Demo(VenueSimulator simulator, Gateway gateway) implements AutoCloseable {

    /** Starts the simulator on a free port, then the gateway on {@code host:port}. */
    static Demo start(String host, int port, Path dataDir, long seed) {
      VenueSimulator sim =
          VenueSimulator.start(
              SimConfig.builder().port(0).seed(seed).tickInterval(Duration.ofMillis(500)).build());
      try {
        GatewayConfig config =
            GatewayConfig.demo(sim).host(host).port(port).dataDir(dataDir).build();
        return new Demo(sim, Gateway.start(config));
      } catch (RuntimeException e) {
        sim.close();
        throw e;
      }
    }

    /** The URLs a person wants to open first. */
    String describe() {
      String base = gateway.baseUri().toString();
      return String.join(
          System.lineSeparator(),
          "Marketgate demo: gateway + venue simulator ("
              + simulator.slate().games().size()
              + " NBA games on "
              + simulator.slate().date()
              + ", seed "
              + simulator.slate().seed()
              + ")",
          "  dashboard: " + base + "/",
          "  markets:  " + base + "/v1/markets?series=KXNBAGAME",
          "  a book:   " + base + "/v1/books/kalshi/" + simulator.kalshiMarketTickers().get(0),
          "  sources:  " + base + "/v1/sources",
          "  health:   " + base + "/health",
          "  stream:   " + base + "/v1/stream?topics=books:kalshi",
          "  metrics:  " + base + "/metrics",
          "  simulator: " + simulator.adminUri() + "/calls (upstream calls the gateway made)",
          "Press Ctrl-C to stop.");
    }

    @Override
    public void close() {
      gateway.close();
      simulator.close();
    }
  }
}
