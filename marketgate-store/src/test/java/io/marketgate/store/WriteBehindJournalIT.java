package io.marketgate.store;

import static io.marketgate.store.Fixtures.T0;
import static io.marketgate.store.Fixtures.event;
import static io.marketgate.store.Fixtures.key;
import static io.marketgate.store.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketgate.model.MarketKey;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Venue;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The write-behind journal over real databases: change detection, flushing, and an outage. */
class WriteBehindJournalIT {

  private static final List<String> BOOKS = List.of("draftkings", "fanduel");
  private static final int LINES = BOOKS.size() * MarketType.values().length;

  @Test
  void append_unchangedLines_writesOnlyWhatChanged() {
    try (SqlJournal sql = TestDatabases.migrated(TestDatabases.Kind.SQLITE)) {
      WriteBehindJournal journal = WriteBehindJournal.builder(sql.writer()).batchSize(2).start();
      Instant start = T0.plus(Duration.ofHours(2));
      OddsEvent first = event("g", start, BOOKS, 1);
      for (int i = 0; i < 4; i++) {
        journal.append(first, T0.plusSeconds(i), i + 1);
      }
      List<OddsLine> lines = new ArrayList<>(first.lines());
      // Same prices, newer update time: not a change. New price on one line: a change.
      lines.set(0, line(BOOKS.get(0), lines.get(0).market(), 1, T0.plusSeconds(99)));
      journal.append(Fixtures.event("g", start, lines), T0.plusSeconds(5), 5);
      lines.set(1, line(BOOKS.get(0), lines.get(1).market(), 7, T0.plusSeconds(99)));
      journal.append(Fixtures.event("g", start, lines), T0.plusSeconds(6), 6);
      journal.close();

      JournalStatus status = journal.status();
      assertThat(sql.stats().lines()).isEqualTo(LINES + 1);
      assertThat(status.unchanged()).isEqualTo(3L * LINES + LINES + LINES - 1);
      assertThat(status.rowsWritten()).isEqualTo(1 + LINES + 1);
      assertThat(status.degraded()).isFalse();
      assertThat(sql.odds().event(key("g"), 0).orElseThrow().event().lines().get(1))
          .isEqualTo(lines.get(1));
    }
  }

  @Test
  void forget_eventsStartedBeforeCutOff_rewritesTheirNextChangeAndKeepsOthers() {
    try (SqlJournal sql = TestDatabases.migrated(TestDatabases.Kind.SQLITE)) {
      WriteBehindJournal journal = WriteBehindJournal.builder(sql.writer()).start();
      OddsEvent finished = event("a", T0, BOOKS, 1);
      OddsEvent upcoming = event("b", T0.plus(Duration.ofDays(2)), BOOKS, 1);
      journal.append(finished, T0, 1);
      journal.append(upcoming, T0, 1);
      assertThat(journal.forget(T0.plus(Duration.ofDays(1)))).isTrue();
      journal.append(finished, T0.plusSeconds(1), 2);
      journal.append(upcoming, T0.plusSeconds(1), 2);
      journal.close();

      assertThat(sql.stats().lines()).isEqualTo(3L * LINES);
      assertThat(journal.status().unchanged()).isEqualTo(LINES);
      assertThat(journal.remembered()).isEqualTo(2 + 2 * LINES);
    }
  }

  @Test
  void append_marketStatesAndBookTops_writesOnlyChanges() {
    try (SqlJournal sql = TestDatabases.migrated(TestDatabases.Kind.SQLITE)) {
      WriteBehindJournal journal = WriteBehindJournal.builder(sql.writer()).start();
      MarketKey m = new MarketKey(Venue.KALSHI, "KXNBAGAME-X-MIA");
      for (int i = 0; i < 3; i++) {
        journal.append(top(m, "0.42", T0.plusSeconds(i), i));
        journal.append(
            new MarketState(
                m,
                "KXNBAGAME-X",
                "active",
                Optional.of(new BigDecimal(i < 2 ? "0.41" : "0.410")),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                T0.plusSeconds(i),
                i));
      }
      journal.append(top(m, "0.43", T0.plusSeconds(9), 9));
      journal.close();

      JournalStats stats = sql.stats();
      assertThat(stats.bookTops()).isEqualTo(2);
      assertThat(stats.marketStates()).isEqualTo(1);
      assertThat(sql.markets().latestTop(m).orElseThrow().sourceSeq()).isEqualTo(9);
    }
  }

  @Test
  void close_withQueuedChanges_flushesThemAndShedsLaterAppends() {
    try (SqlJournal sql = TestDatabases.migrated(TestDatabases.Kind.SQLITE)) {
      List<Long> committed = new CopyOnWriteArrayList<>();
      WriteBehindJournal journal =
          WriteBehindJournal.builder(sql.writer())
              .batchSize(7)
              .onCommit(c -> committed.add(c.batchId()))
              .start();
      for (int i = 0; i < 100; i++) {
        journal.append(event("e" + i, T0, BOOKS, 1), T0, 1);
      }
      journal.close();

      assertThat(sql.stats().lines()).isEqualTo(100L * LINES);
      assertThat(journal.append(event("late", T0, BOOKS, 1), T0, 1)).isFalse();
      assertThat(journal.status().shed()).isEqualTo(1);
      assertThat(committed).isSorted().doesNotHaveDuplicates();
    }
  }

  @Test
  void outage_postgresStopped_shedsReportsDegradedThenDrainsBacklogAfterRestart() throws Exception {
    Path data = TestDatabases.tempDir().resolve("pg");
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
    int port = pg.getPort();
    JournalSettings settings =
        JournalSettings.of(pg.getJdbcUrl("postgres", "postgres"))
            .withCredentials("postgres", "postgres");
    EmbeddedPostgres restarted = null;
    try (SqlJournal sql = SqlJournal.open(settings)) {
      sql.migrate();
      WriteBehindJournal journal =
          WriteBehindJournal.builder(sql.writer())
              .queueCapacity(40)
              .batchSize(10)
              .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
              .start();
      Instant start = T0.plus(Duration.ofDays(1));
      journal.append(event("g", start, BOOKS, 1), T0, 1);
      await().atMost(Duration.ofSeconds(20)).until(() -> journal.status().batches() == 1);

      pg.close();
      long before = System.nanoTime();
      int refused = 0;
      for (int tick = 2; tick < 300; tick++) {
        if (!journal.append(event("g", start, BOOKS, tick), T0.plusSeconds(tick), tick)) {
          refused++;
        }
      }
      Duration appending = Duration.ofNanos(System.nanoTime() - before);

      assertThat(appending).isLessThan(Duration.ofSeconds(2));
      assertThat(refused).isPositive();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                JournalStatus s = journal.status();
                assertThat(s.failing()).isTrue();
                assertThat(s.degraded()).isTrue();
                assertThat(s.failedAttempts()).isPositive();
                assertThat(s.lastError()).isPresent();
              });
      assertThat(journal.status().shed()).isEqualTo(refused);

      restarted =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              .setPort(port)
              .start();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                JournalStatus s = journal.status();
                assertThat(s.queued()).isZero();
                assertThat(s.failing()).isFalse();
                assertThat(s.degraded()).isFalse();
              });
      journal.close();

      JournalStatus s = journal.status();
      assertThat(s.accepted()).isEqualTo(1 + 298 - refused);
      assertThat(sql.stats().lines()).isEqualTo(s.accepted() * LINES);
      JournaledEvent latest = sql.odds().event(key("g"), 1000).orElseThrow();
      assertThat(latest.history()).hasSize((int) (s.accepted() - 1) * LINES);
    } finally {
      if (restarted != null) {
        restarted.close();
      }
    }
  }

  private static BookTop top(MarketKey m, String bid, Instant at, long seq) {
    return new BookTop(
        m,
        Optional.of(new PriceLevel(new BigDecimal(bid), new BigDecimal("10"))),
        Optional.empty(),
        at,
        seq);
  }
}
