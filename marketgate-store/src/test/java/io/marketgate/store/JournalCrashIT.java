package io.marketgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 during heavy writes: a child JVM writes through the write-behind journal into an SQLite
 * file and acknowledges committed lines; the test kills it without warning, then reopens the file.
 */
class JournalCrashIT {

  @Test
  void killDuringHeavyWrites_restart_databaseConsistentAndNothingCommittedMissing()
      throws Exception {
    Path file = TestDatabases.tempDir().resolve("journal.db");
    String url = "jdbc:sqlite:" + file;
    List<String> out = new CopyOnWriteArrayList<>();
    Process child = startChild(url);
    Thread reader = Thread.ofPlatform().start(() -> readLines(child, out));
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> out.stream().filter(l -> l.startsWith("ACK")).count() >= 3_000);
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.waitFor()).isNotZero();
    reader.join(10_000);

    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("ok");
    }
    Set<String> stored = new HashSet<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT event_id, bookmaker_id, market, american_a FROM odds_lines")) {
      while (rs.next()) {
        stored.add(
            rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getLong(4));
      }
    }
    List<String> acked = new ArrayList<>();
    Map<String, Long> lastAcked = new HashMap<>();
    for (String line : out) {
      if (line.startsWith("ACK ")) {
        String row = line.substring(4);
        acked.add(row);
        int cut = row.lastIndexOf(' ');
        lastAcked.merge(row.substring(0, cut), Long.parseLong(row.substring(cut + 1)), Math::max);
      }
    }
    assertThat(acked).hasSizeGreaterThanOrEqualTo(3_000);
    assertThat(stored).containsAll(acked);
    // The latest table agrees with the history: one row per key, and it is the newest one.
    assertThat(
            count(
                url,
                "SELECT COUNT(*) FROM (SELECT DISTINCT venue, event_id, bookmaker_id, market"
                    + " FROM odds_lines) k"))
        .isEqualTo(count(url, "SELECT COUNT(*) FROM odds_latest"));
    assertThat(
            count(
                url,
                "SELECT COUNT(*) FROM odds_latest l WHERE NOT EXISTS (SELECT 1 FROM odds_lines h"
                    + " WHERE h.venue = l.venue AND h.event_id = l.event_id AND h.bookmaker_id ="
                    + " l.bookmaker_id AND h.market = l.market AND h.captured_ms = l.captured_ms"
                    + " AND h.source_seq = l.source_seq AND h.american_a = l.american_a) OR EXISTS"
                    + " (SELECT 1 FROM odds_lines h WHERE h.venue = l.venue AND h.event_id ="
                    + " l.event_id AND h.bookmaker_id = l.bookmaker_id AND h.market = l.market AND"
                    + " (h.captured_ms > l.captured_ms OR (h.captured_ms = l.captured_ms AND"
                    + " h.source_seq > l.source_seq)))"))
        .isZero();

    try (SqlJournal journal = SqlJournal.open(JournalSettings.of(url))) {
      assertThat(journal.migrate()).isZero();
      List<OddsEvent> warm = journal.odds().latestEvents(Instant.EPOCH, WarmUpProgress.none());
      Map<String, Long> latest = new HashMap<>();
      for (OddsEvent e : warm) {
        for (OddsLine l : e.lines()) {
          latest.put(
              e.key().id() + " " + l.bookmaker().id() + " " + l.market(),
              (long) l.outcomes().get(0).price().american());
        }
      }
      lastAcked.forEach(
          (key, american) -> assertThat(latest.get(key)).as(key).isGreaterThanOrEqualTo(american));
    }
  }

  private static long count(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static Process startChild(String url) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-Xshare:off",
            "-cp",
            classpath,
            JournalCrashChild.class.getName(),
            url)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static void readLines(Process child, List<String> out) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.add(line);
      }
    } catch (java.io.IOException e) {
      // the child was killed mid-line
    }
  }
}
