package io.marketgate.server.cli;

import io.marketgate.server.Gateway;
import io.marketgate.server.config.ConfigException;
import io.marketgate.server.config.GatewayConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marketgate serve --config FILE}: the gateway against the configured venues. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Runs the gateway from a configuration file (see docs/configuration.md).")
final class ServeCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--config", required = true, description = "The YAML configuration file.")
  Path config;

  @Option(names = "--check", description = "Validate the configuration, print it, and exit.")
  boolean check;

  @Override
  public Integer call() throws InterruptedException {
    GatewayConfig loaded;
    try {
      loaded = GatewayConfig.load(config, System.getenv());
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("marketgate: " + config + " is not valid:");
      e.problems().forEach(p -> spec.commandLine().getErr().println("  " + p));
      return Main.USAGE;
    }
    if (check) {
      spec.commandLine().getOut().println(loaded.describe());
      loaded.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
      return 0;
    }
    Gateway gateway = Gateway.start(loaded);
    spec.commandLine().getOut().println("marketgate: serving on " + gateway.baseUri());
    spec.commandLine().getOut().flush();
    Running.untilShutdown(gateway::close);
    return 0;
  }
}
