package io.marketgate.server.cli;

import io.marketgate.server.config.ConfigException;
import io.marketgate.server.config.GatewayConfig;
import io.marketgate.server.config.StorageConfig;
import io.marketgate.server.journal.GatewayJournal;
import io.marketgate.store.JournalStats;
import io.marketgate.store.Pruned;
import io.marketgate.store.SqlJournal;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code marketgate db migrate|stats|prune --config FILE}: maintenance of the SQL journal. */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description = "Maintains the SQL journal named by storage.url of a configuration file.",
    subcommands = {DbCommand.Migrate.class, DbCommand.Stats.class, DbCommand.Prune.class})
final class DbCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The options every {@code db} subcommand shares. */
  abstract static class Base implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, description = "The YAML configuration file.")
    Path config;

    @Override
    public Integer call() {
      GatewayConfig loaded;
      try {
        loaded = GatewayConfig.load(config, System.getenv());
      } catch (ConfigException e) {
        spec.commandLine().getErr().println("marketgate: " + config + " is not valid:");
        e.problems().forEach(p -> spec.commandLine().getErr().println("  " + p));
        return Main.USAGE;
      }
      StorageConfig storage = loaded.storage();
      try (SqlJournal journal = SqlJournal.open(GatewayJournal.settings(storage))) {
        return run(journal, storage, spec.commandLine().getOut());
      }
    }

    abstract int run(SqlJournal journal, StorageConfig storage, PrintWriter out);
  }

  /** {@code marketgate db migrate}. */
  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = "Creates or upgrades the journal's schema.")
  static final class Migrate extends Base {
    @Override
    int run(SqlJournal journal, StorageConfig storage, PrintWriter out) {
      int applied = journal.migrate();
      out.println(
          "journal ("
              + journal.database()
              + "): "
              + (applied == 0 ? "schema up to date" : "applied " + applied + " migrations"));
      return 0;
    }
  }

  /** {@code marketgate db stats}. */
  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      description = "Prints how many rows the journal holds.")
  static final class Stats extends Base {
    @Override
    int run(SqlJournal journal, StorageConfig storage, PrintWriter out) {
      journal.migrate();
      JournalStats s = journal.stats();
      out.println("database      " + s.database());
      out.println("events        " + s.events());
      out.println("bookmakers    " + s.bookmakers());
      out.println("odds lines    " + s.lines());
      out.println("market states " + s.marketStates());
      out.println("book tops     " + s.bookTops());
      out.println("oldest line   " + s.oldestLine().map(Instant::toString).orElse("-"));
      out.println("newest line   " + s.newestLine().map(Instant::toString).orElse("-"));
      return 0;
    }
  }

  /** {@code marketgate db prune}. */
  @Command(
      name = "prune",
      mixinStandardHelpOptions = true,
      description =
          "Removes events that started before the cut-off and superseded rows captured before it.")
  static final class Prune extends Base {

    @Option(
        names = "--older-than",
        description =
            "Cut-off age as a duration (for example 30d, PT720H); default storage.retention.",
        converter = DurationConverter.class)
    Optional<Duration> olderThan;

    @Override
    int run(SqlJournal journal, StorageConfig storage, PrintWriter out) {
      journal.migrate();
      Instant before = Instant.now().minus(olderThan.orElse(storage.retention()));
      Pruned p = journal.prune(before);
      out.println(
          "pruned before "
              + before
              + ": "
              + p.events()
              + " events, "
              + p.lines()
              + " lines, "
              + p.marketStates()
              + " market states, "
              + p.bookTops()
              + " book tops");
      return 0;
    }
  }

  /** Reads {@code 30d}, {@code 12h}, {@code 90m} or ISO-8601 durations. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.strip();
      try {
        if (v.matches("\\d+[dhm]")) {
          long n = Long.parseLong(v.substring(0, v.length() - 1));
          return switch (v.charAt(v.length() - 1)) {
            case 'd' -> Duration.ofDays(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
          };
        }
        return Duration.parse(v);
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException(
            "expected a duration like 30d, 12h, 90m or PT720H but got \"" + value + "\"");
      }
    }
  }
}
