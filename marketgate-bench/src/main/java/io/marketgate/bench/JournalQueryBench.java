package io.marketgate.bench;

import io.marketgate.model.BetSide;
import io.marketgate.model.Bookmaker;
import io.marketgate.model.EventKey;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.OddsPrice;
import io.marketgate.model.Team;
import io.marketgate.model.Venue;
import io.marketgate.store.JournalBatch;
import io.marketgate.store.JournalSettings;
import io.marketgate.store.LineRecord;
import io.marketgate.store.SqlJournal;
import io.marketgate.store.WarmUpProgress;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The database path of the events list, measured: 500 upcoming events × 8 bookmakers × 3 markets
 * with 1,000,000 historical line rows in PostgreSQL (embedded, started here) or SQLite. Measures
 * the journal's own "latest per key" read as the fallback runs it (one event), the whole list read
 * that way (which is also the warm-up), and, as the competitor, the one-statement {@code GROUP BY
 * latest snapshot} list query of the design it replaces.
 *
 * <p>Run: {@code java --enable-native-access=ALL-UNNAMED -cp marketgate-bench/target/benchmarks.jar
 * io.marketgate.bench.JournalQueryBench [postgresql|sqlite]}.
 */
public final class JournalQueryBench {

  static final int EVENTS = 500;
  static final int BOOKMAKERS = 8;
  static final long ROWS = 1_000_000;
  static final int FALLBACK_CALLS = 1_000;
  static final int LIST_RUNS = 7;

  /** The competitor: the whole list in one statement, latest row per key by GROUP BY. */
  static final String GROUP_BY_LIST =
      "SELECT l.venue, l.event_id, l.bookmaker_id, l.market, l.updated_ms, l.points_a,"
          + " l.american_a, l.decimal_a, l.points_b, l.american_b, l.decimal_b"
          + " FROM odds_lines l JOIN (SELECT o.venue, o.event_id, o.bookmaker_id, o.market,"
          + " MAX(o.captured_ms) AS captured_ms FROM odds_lines o JOIN events e ON e.venue ="
          + " o.venue AND e.event_id = o.event_id WHERE e.start_ms >= ? GROUP BY o.venue,"
          + " o.event_id, o.bookmaker_id, o.market) m ON m.venue = l.venue AND m.event_id ="
          + " l.event_id AND m.bookmaker_id = l.bookmaker_id AND m.market = l.market AND"
          + " m.captured_ms = l.captured_ms";

  /** The competitor for one event: newest row per key searched in the history by a window. */
  static final String WINDOW_EVENT =
      "SELECT bookmaker_id, market, updated_ms, american_a, american_b FROM (SELECT bookmaker_id,"
          + " market, updated_ms, american_a, american_b, ROW_NUMBER() OVER (PARTITION BY"
          + " bookmaker_id, market ORDER BY captured_ms DESC, source_seq DESC) AS rn FROM"
          + " odds_lines WHERE venue = ? AND event_id = ?) x WHERE rn = 1";

  private JournalQueryBench() {}

  /** Loads the table, then measures; prints a Markdown table. */
  public static void main(String[] args) throws Exception {
    String db = args.length > 0 ? args[0] : "postgresql";
    Path dir = Files.createTempDirectory("journal-bench");
    EmbeddedPostgres pg = null;
    JournalSettings settings;
    if (db.equals("sqlite")) {
      settings = JournalSettings.of("jdbc:sqlite:" + dir.resolve("journal.db"));
    } else {
      pg = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).start();
      settings =
          JournalSettings.of(pg.getJdbcUrl("postgres", "postgres"))
              .withCredentials("postgres", "postgres");
    }
    try (SqlJournal journal = SqlJournal.open(settings)) {
      journal.migrate();
      Instant now = Instant.now();
      List<EventKey> keys = load(journal, now);
      analyze(settings, db);
      System.out.printf(Locale.ROOT, "rows in odds_lines: %,d%n", journal.stats().lines());
      Instant from = now.minus(Duration.ofHours(2));

      long coldStart = System.nanoTime();
      List<OddsEvent> warm = journal.odds().latestEvents(from, WarmUpProgress.none());
      double warmUpMs = (System.nanoTime() - coldStart) / 1e6;
      check(warm.size() == EVENTS && warm.get(0).lines().size() == BOOKMAKERS * 3, "warm-up");

      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < 100; i++) {
        journal.odds().event(keys.get(random.nextInt(keys.size())), 0);
      }
      long[] fallback = new long[FALLBACK_CALLS];
      for (int i = 0; i < FALLBACK_CALLS; i++) {
        EventKey key = keys.get(random.nextInt(keys.size()));
        long t = System.nanoTime();
        check(journal.odds().event(key, 0).isPresent(), "fallback");
        fallback[i] = System.nanoTime() - t;
      }

      long[] list = new long[LIST_RUNS];
      for (int i = 0; i < LIST_RUNS; i++) {
        long t = System.nanoTime();
        check(journal.odds().latestEvents(from, WarmUpProgress.none()).size() == EVENTS, "list");
        list[i] = System.nanoTime() - t;
      }

      long[] groupBy = new long[LIST_RUNS];
      long[] window = new long[FALLBACK_CALLS / 2];
      try (Connection c = connect(settings)) {
        for (int i = 0; i < window.length; i++) {
          EventKey key = keys.get(random.nextInt(keys.size()));
          long t = System.nanoTime();
          int rows = 0;
          try (PreparedStatement ps = c.prepareStatement(WINDOW_EVENT)) {
            ps.setString(1, key.venue().id());
            ps.setString(2, key.id());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows++;
              }
            }
          }
          check(rows == BOOKMAKERS * 3, "window event: " + rows);
          window[i] = System.nanoTime() - t;
        }
        for (int i = 0; i < LIST_RUNS; i++) {
          long t = System.nanoTime();
          int rows = 0;
          try (PreparedStatement ps = c.prepareStatement(GROUP_BY_LIST)) {
            ps.setLong(1, from.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                rows++;
              }
            }
          }
          check(rows == EVENTS * BOOKMAKERS * 3, "group by list: " + rows);
          groupBy[i] = System.nanoTime() - t;
        }
      }

      System.out.println();
      System.out.println("| measurement (" + db + ", 1M line rows) | p50 | p95 |");
      System.out.println("|---|---|---|");
      row("fallback read of one event, latest per key (" + FALLBACK_CALLS + " calls)", fallback);
      row("events list by the fallback query, 500 events (" + LIST_RUNS + " runs)", list);
      row("one event by a window query over the history (" + window.length + " calls)", window);
      row("events list by one GROUP BY statement (" + LIST_RUNS + " runs)", groupBy);
      System.out.printf(
          Locale.ROOT, "| warm-up, cold first read of 500 events | %.1f ms | |%n", warmUpMs);
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
  }

  private static List<EventKey> load(SqlJournal journal, Instant now) {
    List<String> books = new ArrayList<>();
    for (int b = 0; b < BOOKMAKERS; b++) {
      books.add("book" + b);
    }
    int keysPerEvent = BOOKMAKERS * 3;
    long keysTotal = (long) EVENTS * keysPerEvent;
    long base = ROWS / keysTotal;
    long extra = ROWS % keysTotal;
    List<EventKey> keys = new ArrayList<>();
    List<OddsEvent> headers = new ArrayList<>();
    for (int e = 0; e < EVENTS; e++) {
      EventKey key = new EventKey(Venue.ODDS_API, String.format(Locale.ROOT, "evt-%04d", e));
      keys.add(key);
      headers.add(
          new OddsEvent(
              key,
              "nba",
              Team.named("Home " + e),
              Team.named("Away " + e),
              now.plus(Duration.ofMinutes(10L * e)),
              List.of()));
    }
    long began = System.nanoTime();
    List<LineRecord> batch = new ArrayList<>();
    boolean first = true;
    long k = 0;
    long written = 0;
    for (EventKey key : keys) {
      for (String b : books) {
        for (MarketType m : MarketType.values()) {
          long rows = base + (k++ < extra ? 1 : 0);
          for (int j = 0; j < rows; j++) {
            Instant captured = now.minus(Duration.ofMinutes(rows - j));
            batch.add(new LineRecord(key, line(b, m, j, captured), captured, j + 1));
          }
          if (batch.size() >= 20_000) {
            journal.writer().write(JournalBatch.ofLines(first ? headers : List.of(), batch));
            written += batch.size();
            first = false;
            batch.clear();
          }
        }
      }
    }
    journal.writer().write(JournalBatch.ofLines(first ? headers : List.of(), batch));
    written += batch.size();
    double seconds = (System.nanoTime() - began) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "loaded %,d rows through the journal writer in %.1f s (%,.0f rows/s)%n",
        written,
        seconds,
        written / seconds);
    return keys;
  }

  private static OddsLine line(String book, MarketType m, int tick, Instant updated) {
    OddsPrice up = OddsPrice.ofAmerican(100 + tick % 50);
    OddsPrice down = OddsPrice.ofAmerican(-(110 + tick % 50));
    List<OddsOutcome> outcomes =
        switch (m) {
          case MONEYLINE ->
              List.of(OddsOutcome.of(BetSide.HOME, up), OddsOutcome.of(BetSide.AWAY, down));
          case SPREAD ->
              List.of(
                  OddsOutcome.of(BetSide.HOME, -4.5, up), OddsOutcome.of(BetSide.AWAY, 4.5, down));
          case TOTAL ->
              List.of(
                  OddsOutcome.of(BetSide.OVER, 221.5, up),
                  OddsOutcome.of(BetSide.UNDER, 221.5, down));
        };
    return new OddsLine(new Bookmaker(book, book), m, outcomes, updated);
  }

  private static void analyze(JournalSettings settings, String db) throws Exception {
    try (Connection c = connect(settings);
        Statement s = c.createStatement()) {
      s.execute(db.equals("sqlite") ? "ANALYZE" : "VACUUM ANALYZE");
    }
  }

  private static Connection connect(JournalSettings settings) throws Exception {
    return DriverManager.getConnection(
        settings.url(), settings.user().orElse(null), settings.password().orElse(null));
  }

  private static void row(String name, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "| %s | %.2f ms | %.2f ms |%n",
        name,
        percentile(sorted, 0.50) / 1e6,
        percentile(sorted, 0.95) / 1e6);
  }

  private static long percentile(long[] sorted, double p) {
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("benchmark self-check failed: " + what);
    }
  }
}
