package io.marketgate.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code marketgate db migrate|stats|prune} against a real SQLite journal. */
class DbCommandIT {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void migrateThenStatsThenPrune_onFreshSqliteJournal_reportEachStep() throws Exception {
    Path config = config("");

    assertThat(run("db", "migrate", "--config", config.toString())).isZero();
    assertThat(out.toString()).contains("journal (sqlite): applied 1 migrations");
    assertThat(Files.exists(dir.resolve("data").resolve("journal.db"))).isTrue();

    assertThat(run("db", "migrate", "--config", config.toString())).isZero();
    assertThat(out.toString()).contains("schema up to date");

    assertThat(run("db", "stats", "--config", config.toString())).isZero();
    assertThat(out.toString()).containsPattern("odds lines +0").contains("database      sqlite");

    assertThat(run("db", "prune", "--config", config.toString(), "--older-than", "7d")).isZero();
    assertThat(out.toString()).contains("pruned before").contains("0 events, 0 lines");
  }

  @Test
  void prune_badDuration_isUsageErrorNamingTheValue() throws Exception {
    int code = run("db", "prune", "--config", config("").toString(), "--older-than", "soon");

    assertThat(code).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("\"soon\"");
  }

  @Test
  void stats_invalidStorageConfig_isUsageErrorNamingTheKey() throws Exception {
    int code = run("db", "stats", "--config", config("storage:\n  url: jdbc:h2:mem\n").toString());

    assertThat(code).isEqualTo(Main.USAGE);
    assertThat(err.toString()).contains("storage.url");
  }

  private Path config(String extra) throws Exception {
    Path file = dir.resolve("marketgate.yaml");
    Files.writeString(
        file,
        "auth:\n  mode: open\ndataDir: data\nupstreams:\n  kalshi:\n    enabled: false\n" + extra,
        StandardCharsets.UTF_8);
    return file;
  }
}
