package io.marketgate.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code marketgate} command line: one entry point for every way of running Marketgate. */
@Command(
    name = "marketgate",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Market-data gateway and last-value cache.",
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      SimCommand.class,
      ProbeCommand.class,
      DbCommand.class
    })
public final class Main implements Runnable {

  /** Exit code for a usage error (picocli's own default). */
  static final int USAGE = 2;

  /** Exit code for a failed upstream call or a failed start. */
  static final int FAILED = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code, for tests. */
  static int run(String... args) {
    return commandLine().execute(args);
  }

  /** The configured picocli command line. */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("marketgate: " + oneLine(e));
          return FAILED;
        });
    return cl;
  }

  /** A one-line description of a failure, without a stack trace. */
  static String oneLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    return message.replace('\n', ' ');
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reports the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"marketgate " + (v == null ? "development build" : v)};
    }
  }
}
