package io.marketgate.store;

import static io.marketgate.store.Fixtures.T0;
import static io.marketgate.store.Fixtures.event;
import static io.marketgate.store.Fixtures.key;
import static io.marketgate.store.Fixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketgate.model.BetSide;
import io.marketgate.model.MarketKey;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.OddsPrice;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Team;
import io.marketgate.model.Venue;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store contract: every test runs on a fresh SQLite file and on a fresh database of a real
 * (embedded) PostgreSQL, with the same schema and the same queries.
 */
class SqlJournalIT {

  private static final List<String> BOOKS = List.of("draftkings", "fanduel");

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void migrate_onFreshDatabase_appliesOnceThenNothing(TestDatabases.Kind kind) {
    try (SqlJournal journal = SqlJournal.open(TestDatabases.fresh(kind))) {
      assertThat(journal.migrate()).isPositive();
      assertThat(journal.migrate()).isZero();
      assertThat(journal.database()).isEqualTo(kind.name().toLowerCase(java.util.Locale.ROOT));
      assertThat(journal.stats().lines()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void event_afterSeveralWrites_returnsLatestLinePerKeyAndHistoryNewestFirst(
      TestDatabases.Kind kind) {
    try (SqlJournal journal = TestDatabases.migrated(kind)) {
      Instant start = T0.plus(Duration.ofHours(3));
      for (int tick = 1; tick <= 4; tick++) {
        OddsEvent e = event("g1", start, BOOKS, tick);
        journal
            .writer()
            .write(JournalBatch.ofLines(List.of(e), rows(e, T0.plusSeconds(tick), tick)));
      }

      JournaledEvent read = journal.odds().event(key("g1"), 2).orElseThrow();

      assertThat(read.event()).isEqualTo(event("g1", start, BOOKS, 4));
      assertThat(read.history()).hasSize(BOOKS.size() * 3 * 2);
      OddsLine firstHistory = read.history().get(0);
      assertThat(firstHistory.outcomes().get(0).price().american()).isEqualTo(103);
      assertThat(read.history().get(1).outcomes().get(0).price().american()).isEqualTo(102);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void write_olderCaptureAfterNewer_keepsNewerAsLatestAndBothInHistory(TestDatabases.Kind kind) {
    try (SqlJournal journal = TestDatabases.migrated(kind)) {
      OddsEvent newer = event("g4", T0, BOOKS, 5);
      OddsEvent older = event("g4", T0, BOOKS, 3);
      journal
          .writer()
          .write(JournalBatch.ofLines(List.of(newer), rows(newer, T0.plusSeconds(5), 5)));
      journal
          .writer()
          .write(JournalBatch.ofLines(List.of(older), rows(older, T0.plusSeconds(3), 3)));

      JournaledEvent read = journal.odds().event(key("g4"), 1).orElseThrow();

      assertThat(read.event()).isEqualTo(newer);
      assertThat(read.history()).hasSize(BOOKS.size() * 3);
      assertThat(journal.odds().latestEvents(T0, WarmUpProgress.none())).containsExactly(newer);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void event_unknownOrWithoutLines_isEmpty(TestDatabases.Kind kind) {
    try (SqlJournal journal = TestDatabases.migrated(kind)) {
      OddsEvent bare = event("bare", T0, List.of());
      journal.writer().write(JournalBatch.ofLines(List.of(bare), List.of()));

      assertThat(journal.odds().event(key("nope"), 0)).isEmpty();
      assertThat(journal.odds().event(key("bare"), 0)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void write_oneSidedLineAndChangedHeader_readsBackExactly(TestDatabases.Kind kind) {
    try (SqlJournal journal = TestDatabases.migrated(kind)) {
      OddsLine oneSided =
          new OddsLine(
              Fixtures.book("pinnacle"),
              MarketType.TOTAL,
              List.of(OddsOutcome.of(BetSide.UNDER, 219.5, OddsPrice.ofDecimal(1.9345))),
              T0);
      OddsEvent first = event("g2", T0.plusSeconds(60), List.of(oneSided));
      journal.writer().write(JournalBatch.ofLines(List.of(first), rows(first, T0, 1)));
      OddsEvent moved =
          new OddsEvent(
              key("g2"),
              "nba",
              Team.withId("11", Optional.of("Boston Celtics"), Optional.of("BOS")),
              Team.named("Miami Heat"),
              T0.plusSeconds(120),
              List.of(oneSided));
      journal.writer().write(JournalBatch.ofLines(List.of(moved), List.of()));

      assertThat(journal.odds().event(key("g2"), 0).orElseThrow().event()).isEqualTo(moved);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void write_sameRowsTwice_keepsOneCopy(TestDatabases.Kind kind) {
    try (SqlJournal journal = TestDatabases.migrated(kind)) {
      OddsEvent e = event("g3", T0, BOOKS, 1);
      JournalBatch batch = JournalBatch.ofLines(List.of(e), rows(e, T0, 7));
      journal.writer().write(batch);
      journal.writer().write(batch);

      assertThat(journal.stats().lines()).isEqualTo(BOOKS.size() * 3L);
      assertThat(journal.stats().bookmakers()).isEqualTo(BOOKS.size());
      assertThat(journal.stats().events()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void latestEvents_fromCutOff_returnsUpcomingEventsWithLatestLinesAndReportsProgress(
      TestDatabases.Kind kind) {
    try (SqlJournal journal = TestDatabases.migrated(kind)) {
      Instant now = T0.plus(Duration.ofDays(1));
      int count = 250;
      for (int i = 0; i < count; i++) {
        Instant start = now.plus(Duration.ofMinutes(i - 200));
        List<OddsEvent> events = new ArrayList<>();
        List<LineRecord> lines = new ArrayList<>();
        for (int tick = 1; tick <= 2; tick++) {
          OddsEvent e = event("e" + i, start, BOOKS, tick);
          events.add(e);
          lines.addAll(rows(e, T0.plusSeconds(tick), tick));
        }
        journal.writer().write(JournalBatch.ofLines(events, lines));
      }
      List<WarmUpProgress.Report> reports = new ArrayList<>();

      List<OddsEvent> warm =
          journal.odds().latestEvents(now.minus(Duration.ofHours(2)), reports::add);

      assertThat(warm).hasSize(count - 200 + 120);
      assertThat(warm).isSortedAccordingTo(java.util.Comparator.comparing(OddsEvent::start));
      assertThat(warm.get(0).start()).isEqualTo(now.minus(Duration.ofHours(2)));
      assertThat(warm).allSatisfy(e -> assertThat(e.lines()).hasSize(BOOKS.size() * 3));
      assertThat(warm.get(5))
          .isEqualTo(event(warm.get(5).key().id(), warm.get(5).start(), BOOKS, 2));
      assertThat(reports).hasSize(2);
      WarmUpProgress.Report last = reports.get(reports.size() - 1);
      assertThat(last.done()).isTrue();
      assertThat(last.rows()).isEqualTo(warm.size() * BOOKS.size() * 3L);
      assertThat(last.rowsPerSecond()).isPositive();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void marketStatesAndBookTops_readBackLatestWithExactDecimals(TestDatabases.Kind kind) {
    try (SqlJournal journal = TestDatabases.migrated(kind)) {
      MarketKey m = new MarketKey(Venue.KALSHI, "KXNBAGAME-26JAN08MIACHI-MIA");
      MarketState old = state(m, "0.4100", T0, 1);
      MarketState latest = state(m, "0.4250", T0.plusSeconds(1), 2);
      BookTop top =
          new BookTop(
              m,
              Optional.of(new PriceLevel(new BigDecimal("0.4200"), new BigDecimal("125.50"))),
              Optional.empty(),
              T0,
              3);
      journal
          .writer()
          .write(new JournalBatch(List.of(), List.of(), List.of(old, latest), List.of(top)));

      assertThat(journal.markets().latestState(m)).contains(latest);
      assertThat(journal.markets().latestTop(m)).contains(top);
      assertThat(journal.markets().latestTop(new MarketKey(Venue.KALSHI, "OTHER"))).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void prune_beforeCutOff_removesOldEventsAndSupersededRowsButKeepsLatest(TestDatabases.Kind kind) {
    try (SqlJournal journal = TestDatabases.migrated(kind)) {
      Instant cut = T0.plus(Duration.ofDays(10));
      OddsEvent finished = event("old", T0, BOOKS, 1);
      journal.writer().write(JournalBatch.ofLines(List.of(finished), rows(finished, T0, 1)));
      for (int tick = 1; tick <= 3; tick++) {
        OddsEvent e = event("new", cut.plus(Duration.ofDays(1)), BOOKS, tick);
        Instant captured = tick < 3 ? T0.plusSeconds(tick) : cut.plusSeconds(1);
        journal.writer().write(JournalBatch.ofLines(List.of(e), rows(e, captured, tick)));
      }
      MarketKey m = new MarketKey(Venue.KALSHI, "T");
      journal
          .writer()
          .write(
              new JournalBatch(
                  List.of(),
                  List.of(),
                  List.of(state(m, "0.1", T0, 1), state(m, "0.2", T0.plusSeconds(1), 2)),
                  List.of()));

      Pruned pruned = journal.prune(cut);

      assertThat(pruned.events()).isEqualTo(1);
      assertThat(pruned.lines()).isEqualTo(BOOKS.size() * 3L * 3);
      assertThat(pruned.marketStates()).isEqualTo(1);
      assertThat(journal.odds().event(key("old"), 0)).isEmpty();
      assertThat(journal.odds().event(key("new"), 5).orElseThrow().history()).isEmpty();
      assertThat(journal.markets().latestState(m).orElseThrow().yesBid())
          .contains(new BigDecimal("0.2"));
      JournalStats stats = journal.stats();
      assertThat(stats.lines()).isEqualTo(BOOKS.size() * 3L);
      assertThat(stats.oldestLine()).contains(cut.plusSeconds(1));
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void write_afterClose_throwsStoreExceptionNamingTheWrite(TestDatabases.Kind kind) {
    SqlJournal journal = TestDatabases.migrated(kind);
    journal.close();
    OddsEvent e = event("g", T0, BOOKS, 1);

    assertThatThrownBy(
            () -> journal.writer().write(JournalBatch.ofLines(List.of(e), rows(e, T0, 1))))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("journal write of");
  }

  private static MarketState state(MarketKey m, String bid, Instant at, long seq) {
    return new MarketState(
        m,
        "KXNBAGAME-26JAN08MIACHI",
        "active",
        Optional.of(new BigDecimal(bid)),
        Optional.of(new BigDecimal("0.4400")),
        Optional.empty(),
        Optional.of(new BigDecimal("1200")),
        Optional.empty(),
        at,
        seq);
  }
}
