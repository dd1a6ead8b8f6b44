package io.marketgate.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code marketgate demo}: the gateway with its built-in simulator; arrives with the gateway. */
@Command(
    name = "demo",
    description = "Gateway + built-in venue simulator + embedded storage (not built yet).")
final class DemoCommand implements Callable<Integer> {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine()
        .getErr()
        .println(
            "marketgate: 'demo' needs the gateway server, which is not built yet.\n"
                + "  What runs today: './marketgate sim' (the venue simulator),"
                + " './marketgate probe …' (one upstream call through the real adapter),\n"
                + "  './marketgate test' and './marketgate bench'. See README.md.");
    return Main.USAGE;
  }
}
