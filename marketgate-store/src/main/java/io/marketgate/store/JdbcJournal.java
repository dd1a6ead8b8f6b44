package io.marketgate.store;

import io.marketgate.model.BetSide;
import io.marketgate.model.Bookmaker;
import io.marketgate.model.EventKey;
import io.marketgate.model.MarketKey;
import io.marketgate.model.MarketType;
import io.marketgate.model.ModelException;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.OddsPrice;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Team;
import io.marketgate.model.Venue;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import javax.sql.DataSource;

/**
 * The journal's SQL: one query set for SQLite and PostgreSQL (ANSI SQL plus {@code ON CONFLICT},
 * which both speak). Thread-safe: every call borrows its own connection.
 */
final class JdbcJournal implements JournalWriter, OddsRepository, MarketRepository {

  private static final System.Logger LOG = System.getLogger(JdbcJournal.class.getName());

  /** Events per warm-up progress report. */
  static final int PROGRESS_EVERY = 100;

  private static final String UPSERT_EVENT =
      "INSERT INTO events (venue, event_id, league, home_id, home_name, home_abbr, away_id,"
          + " away_name, away_abbr, start_ms, written_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (venue, event_id) DO UPDATE SET league = excluded.league,"
          + " home_id = excluded.home_id, home_name = excluded.home_name,"
          + " home_abbr = excluded.home_abbr, away_id = excluded.away_id,"
          + " away_name = excluded.away_name, away_abbr = excluded.away_abbr,"
          + " start_ms = excluded.start_ms, written_ms = excluded.written_ms";

  private static final String UPSERT_BOOKMAKER =
      "INSERT INTO bookmakers (venue, bookmaker_id, name) VALUES (?, ?, ?)"
          + " ON CONFLICT (venue, bookmaker_id) DO UPDATE SET name = excluded.name";

  private static final String INSERT_LINE =
      "INSERT INTO odds_lines (venue, event_id, bookmaker_id, market, captured_ms, source_seq,"
          + " updated_ms, points_a, american_a, decimal_a, points_b, american_b, decimal_b)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  private static final String UPSERT_LATEST =
      "INSERT INTO odds_latest (venue, event_id, bookmaker_id, market, captured_ms, source_seq,"
          + " updated_ms, points_a, american_a, decimal_a, points_b, american_b, decimal_b)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT (venue, event_id, bookmaker_id, market) DO UPDATE SET"
          + " captured_ms = excluded.captured_ms, source_seq = excluded.source_seq,"
          + " updated_ms = excluded.updated_ms, points_a = excluded.points_a,"
          + " american_a = excluded.american_a, decimal_a = excluded.decimal_a,"
          + " points_b = excluded.points_b, american_b = excluded.american_b,"
          + " decimal_b = excluded.decimal_b"
          + " WHERE excluded.captured_ms > odds_latest.captured_ms"
          + " OR (excluded.captured_ms = odds_latest.captured_ms"
          + " AND excluded.source_seq > odds_latest.source_seq)";

  private static final String INSERT_STATE =
      "INSERT INTO market_states (venue, ticker, captured_ms, source_seq, event_ticker, status,"
          + " yes_bid, yes_ask, last_price, volume, open_interest)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  private static final String INSERT_TOP =
      "INSERT INTO book_tops (venue, ticker, captured_ms, source_seq, yes_bid, yes_bid_size,"
          + " yes_ask, yes_ask_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  private static final String EVENT_COLUMNS =
      "venue, event_id, league, home_id, home_name, home_abbr, away_id, away_name, away_abbr,"
          + " start_ms";

  private static final String SELECT_EVENT =
      "SELECT " + EVENT_COLUMNS + " FROM events WHERE venue = ? AND event_id = ?";

  private static final String SELECT_EVENTS_FROM =
      "SELECT "
          + EVENT_COLUMNS
          + " FROM events WHERE start_ms >= ? ORDER BY start_ms, venue, event_id";

  private static final String LINE_COLUMNS =
      "x.bookmaker_id, b.name, x.market, x.updated_ms, x.points_a, x.american_a, x.decimal_a,"
          + " x.points_b, x.american_b, x.decimal_b";

  /**
   * The latest line per bookmaker and market of one event: the query both warm-up and the fallback
   * read run, a primary-key range scan of {@code odds_latest}.
   */
  static final String SELECT_LATEST =
      "SELECT "
          + LINE_COLUMNS
          + " FROM odds_latest x LEFT JOIN bookmakers b ON b.venue = x.venue AND b.bookmaker_id ="
          + " x.bookmaker_id WHERE x.venue = ? AND x.event_id = ? ORDER BY x.bookmaker_id,"
          + " x.market";

  /**
   * Up to N lines before the latest per bookmaker and market of one event, newest first: a range
   * scan of the history's primary key (venue, event, bookmaker, market, capture, seq).
   */
  static final String SELECT_HISTORY =
      "SELECT "
          + LINE_COLUMNS
          + " FROM (SELECT venue, bookmaker_id, market, updated_ms, points_a, american_a,"
          + " decimal_a, points_b, american_b, decimal_b, ROW_NUMBER() OVER (PARTITION BY"
          + " bookmaker_id, market ORDER BY captured_ms DESC, source_seq DESC) AS rn FROM"
          + " odds_lines WHERE venue = ? AND event_id = ?) x LEFT JOIN bookmakers b ON b.venue ="
          + " x.venue AND b.bookmaker_id = x.bookmaker_id WHERE x.rn BETWEEN 2 AND ?"
          + " ORDER BY x.bookmaker_id, x.market, x.rn";

  private static final String SELECT_STATE =
      "SELECT venue, ticker, captured_ms, source_seq, event_ticker, status, yes_bid, yes_ask,"
          + " last_price, volume, open_interest FROM market_states WHERE venue = ? AND ticker = ?"
          + " ORDER BY captured_ms DESC, source_seq DESC LIMIT 1";

  private static final String SELECT_TOP =
      "SELECT venue, ticker, captured_ms, source_seq, yes_bid, yes_bid_size, yes_ask,"
          + " yes_ask_size FROM book_tops WHERE venue = ? AND ticker = ?"
          + " ORDER BY captured_ms DESC, source_seq DESC LIMIT 1";

  private final DataSource pool;

  JdbcJournal(DataSource pool) {
    this.pool = pool;
  }

  // ------------------------------------------------------------------ writing

  @Override
  public void write(JournalBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        writeEvents(c, batch.events());
        writeBookmakers(c, batch.lines());
        writeLines(c, batch.lines());
        writeLatest(c, batch.lines());
        writeStates(c, batch.states());
        writeTops(c, batch.tops());
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(
          "journal write of " + batch.rows() + " rows failed: " + SqlJournal.rootMessage(e), e);
    }
  }

  private static void rollbackQuietly(Connection c) {
    try {
      c.rollback();
    } catch (SQLException e) {
      LOG.log(Level.DEBUG, "rollback failed", e);
    }
  }

  private static void writeEvents(Connection c, List<OddsEvent> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    Map<EventKey, OddsEvent> unique = new LinkedHashMap<>();
    events.forEach(e -> unique.put(e.key(), e));
    long now = System.currentTimeMillis();
    try (PreparedStatement ps = c.prepareStatement(UPSERT_EVENT)) {
      for (OddsEvent e : unique.values()) {
        ps.setString(1, e.key().venue().id());
        ps.setString(2, e.key().id());
        ps.setString(3, e.league());
        team(ps, 4, e.home());
        team(ps, 7, e.away());
        ps.setLong(10, e.start().toEpochMilli());
        ps.setLong(11, now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void team(PreparedStatement ps, int at, Team team) throws SQLException {
    ps.setString(at, team.id().orElse(null));
    ps.setString(at + 1, team.name().orElse(null));
    ps.setString(at + 2, team.abbreviation().orElse(null));
  }

  private static void writeBookmakers(Connection c, List<LineRecord> lines) throws SQLException {
    if (lines.isEmpty()) {
      return;
    }
    Map<String, String[]> unique = new LinkedHashMap<>();
    for (LineRecord r : lines) {
      Bookmaker b = r.line().bookmaker();
      String venue = r.event().venue().id();
      unique.put(venue + '\u0000' + b.id(), new String[] {venue, b.id(), b.name()});
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT_BOOKMAKER)) {
      for (String[] b : unique.values()) {
        ps.setString(1, b[0]);
        ps.setString(2, b[1]);
        ps.setString(3, b[2]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void writeLines(Connection c, List<LineRecord> lines) throws SQLException {
    if (lines.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_LINE)) {
      for (LineRecord r : lines) {
        bindLine(ps, r);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Upserts the newest row of each key in the batch; an older row never replaces a newer one. */
  private static void writeLatest(Connection c, List<LineRecord> lines) throws SQLException {
    if (lines.isEmpty()) {
      return;
    }
    Map<String, LineRecord> newest = new LinkedHashMap<>();
    for (LineRecord r : lines) {
      String key =
          r.event() + "\u0000" + r.line().bookmaker().id() + "\u0000" + r.line().market().name();
      newest.merge(key, r, (a, b) -> isNewer(b, a) ? b : a);
    }
    try (PreparedStatement ps = c.prepareStatement(UPSERT_LATEST)) {
      for (LineRecord r : newest.values()) {
        bindLine(ps, r);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static boolean isNewer(LineRecord a, LineRecord b) {
    int byCapture = a.capturedAt().compareTo(b.capturedAt());
    return byCapture > 0 || (byCapture == 0 && a.sourceSeq() > b.sourceSeq());
  }

  private static void bindLine(PreparedStatement ps, LineRecord r) throws SQLException {
    OddsLine line = r.line();
    ps.setString(1, r.event().venue().id());
    ps.setString(2, r.event().id());
    ps.setString(3, line.bookmaker().id());
    ps.setString(4, line.market().name());
    ps.setLong(5, r.capturedAt().toEpochMilli());
    ps.setLong(6, r.sourceSeq());
    ps.setLong(7, line.updatedAt().toEpochMilli());
    outcome(ps, 8, line.outcome(line.market().sides().get(0)));
    outcome(ps, 11, line.outcome(line.market().sides().get(1)));
  }

  private static void outcome(PreparedStatement ps, int at, Optional<OddsOutcome> outcome)
      throws SQLException {
    if (outcome.isEmpty()) {
      ps.setNull(at, Types.DOUBLE);
      ps.setNull(at + 1, Types.DOUBLE);
      ps.setNull(at + 2, Types.DOUBLE);
      return;
    }
    OddsOutcome o = outcome.get();
    if (o.points().isPresent()) {
      ps.setDouble(at, o.points().getAsDouble());
    } else {
      ps.setNull(at, Types.DOUBLE);
    }
    ps.setDouble(at + 1, o.price().american());
    ps.setDouble(at + 2, o.price().decimal());
  }

  private static void writeStates(Connection c, List<MarketState> states) throws SQLException {
    if (states.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_STATE)) {
      for (MarketState s : states) {
        ps.setString(1, s.key().venue().id());
        ps.setString(2, s.key().ticker());
        ps.setLong(3, s.capturedAt().toEpochMilli());
        ps.setLong(4, s.sourceSeq());
        ps.setString(5, s.eventTicker());
        ps.setString(6, s.status());
        ps.setString(7, Decimals.text(s.yesBid()));
        ps.setString(8, Decimals.text(s.yesAsk()));
        ps.setString(9, Decimals.text(s.lastPrice()));
        ps.setString(10, Decimals.text(s.volume()));
        ps.setString(11, Decimals.text(s.openInterest()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void writeTops(Connection c, List<BookTop> tops) throws SQLException {
    if (tops.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(INSERT_TOP)) {
      for (BookTop t : tops) {
        ps.setString(1, t.key().venue().id());
        ps.setString(2, t.key().ticker());
        ps.setLong(3, t.capturedAt().toEpochMilli());
        ps.setLong(4, t.sourceSeq());
        level(ps, 5, t.yesBid());
        level(ps, 7, t.yesAsk());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void level(PreparedStatement ps, int at, Optional<PriceLevel> level)
      throws SQLException {
    ps.setString(at, level.map(l -> l.price().toPlainString()).orElse(null));
    ps.setString(at + 1, level.map(l -> l.size().toPlainString()).orElse(null));
  }

  // ------------------------------------------------------------------ odds reads

  @Override
  public List<OddsEvent> latestEvents(Instant startsAfter, WarmUpProgress progress) {
    long began = System.nanoTime();
    try (Connection c = pool.getConnection()) {
      List<Header> headers = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(SELECT_EVENTS_FROM)) {
        ps.setLong(1, startsAfter.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            header(rs).ifPresent(headers::add);
          }
        }
      }
      List<OddsEvent> events = new ArrayList<>(headers.size());
      long rows = 0;
      try (PreparedStatement ps = c.prepareStatement(SELECT_LATEST)) {
        for (int i = 0; i < headers.size(); i++) {
          Header h = headers.get(i);
          List<OddsLine> latest = new ArrayList<>();
          rows += lines(ps, h.key(), latest);
          event(h, latest).ifPresent(events::add);
          if ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == headers.size()) {
            progress.report(report(i + 1, headers.size(), rows, began));
          }
        }
      }
      if (headers.isEmpty()) {
        progress.report(report(0, 0, 0, began));
      }
      return List.copyOf(events);
    } catch (SQLException e) {
      throw new StoreException("journal warm-up read failed: " + SqlJournal.rootMessage(e), e);
    }
  }

  private static WarmUpProgress.Report report(int done, int total, long rows, long began) {
    long elapsedNanos = Math.max(1, System.nanoTime() - began);
    double seconds = elapsedNanos / 1e9;
    double rate = rows / seconds;
    long remainingNanos = done == 0 ? 0 : (long) ((double) elapsedNanos * (total - done) / done);
    return new WarmUpProgress.Report(
        done, total, rows, rate, Duration.ofNanos(elapsedNanos), Duration.ofNanos(remainingNanos));
  }

  @Override
  public Optional<JournaledEvent> event(EventKey key, int history) {
    if (history < 0) {
      throw new IllegalArgumentException("history must not be negative but was " + history);
    }
    try (Connection c = pool.getConnection()) {
      Optional<Header> header;
      try (PreparedStatement ps = c.prepareStatement(SELECT_EVENT)) {
        ps.setString(1, key.venue().id());
        ps.setString(2, key.id());
        try (ResultSet rs = ps.executeQuery()) {
          header = rs.next() ? header(rs) : Optional.empty();
        }
      }
      if (header.isEmpty()) {
        return Optional.empty();
      }
      List<OddsLine> latest = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(SELECT_LATEST)) {
        if (lines(ps, key, latest) == 0) {
          return Optional.empty();
        }
      }
      List<OddsLine> older = new ArrayList<>();
      if (history > 0) {
        try (PreparedStatement ps = c.prepareStatement(SELECT_HISTORY)) {
          ps.setInt(3, history + 1);
          lines(ps, key, older);
        }
      }
      return event(header.get(), latest).map(e -> new JournaledEvent(e, older));
    } catch (SQLException e) {
      throw new StoreException(
          "journal read of event " + key + " failed: " + SqlJournal.rootMessage(e), e);
    }
  }

  /** An event row: the event without its lines. */
  private record Header(EventKey key, String league, Team home, Team away, Instant start) {}

  private static Optional<Header> header(ResultSet rs) throws SQLException {
    String venue = rs.getString(1);
    String id = rs.getString(2);
    try {
      EventKey key = new EventKey(Venue.parse(venue), id);
      return Optional.of(
          new Header(
              key,
              rs.getString(3),
              team(rs, 4),
              team(rs, 7),
              Instant.ofEpochMilli(rs.getLong(10))));
    } catch (ModelException e) {
      LOG.log(Level.WARNING, "skipping journal event " + venue + ":" + id + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private static Team team(ResultSet rs, int at) throws SQLException {
    return new Team(
        Optional.ofNullable(rs.getString(at)),
        Optional.ofNullable(rs.getString(at + 1)),
        Optional.ofNullable(rs.getString(at + 2)));
  }

  private static Optional<OddsEvent> event(Header h, List<OddsLine> lines) {
    try {
      return Optional.of(new OddsEvent(h.key(), h.league(), h.home(), h.away(), h.start(), lines));
    } catch (ModelException e) {
      LOG.log(Level.WARNING, "skipping journal event " + h.key() + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  /** Runs a line query of event {@code key} into {@code out}; returns the rows read. */
  private static long lines(PreparedStatement ps, EventKey key, List<OddsLine> out)
      throws SQLException {
    ps.setString(1, key.venue().id());
    ps.setString(2, key.id());
    long rows = 0;
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rows++;
        line(rs, key).ifPresent(out::add);
      }
    }
    return rows;
  }

  private static Optional<OddsLine> line(ResultSet rs, EventKey key) throws SQLException {
    String bookmakerId = rs.getString(1);
    String name = rs.getString(2);
    String market = rs.getString(3);
    try {
      MarketType type = MarketType.valueOf(market);
      List<OddsOutcome> outcomes = new ArrayList<>(2);
      readOutcome(rs, 5, type.sides().get(0)).ifPresent(outcomes::add);
      readOutcome(rs, 8, type.sides().get(1)).ifPresent(outcomes::add);
      return Optional.of(
          new OddsLine(
              new Bookmaker(bookmakerId, name == null ? bookmakerId : name),
              type,
              outcomes,
              Instant.ofEpochMilli(rs.getLong(4))));
    } catch (ModelException | IllegalArgumentException e) {
      LOG.log(
          Level.WARNING,
          "skipping journal line "
              + key
              + " "
              + bookmakerId
              + " "
              + market
              + ": "
              + e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<OddsOutcome> readOutcome(ResultSet rs, int at, BetSide side)
      throws SQLException {
    double american = rs.getDouble(at + 1);
    if (rs.wasNull()) {
      return Optional.empty();
    }
    double decimal = rs.getDouble(at + 2);
    double points = rs.getDouble(at);
    OptionalDouble p = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(points);
    return Optional.of(new OddsOutcome(side, p, new OddsPrice(american, decimal)));
  }

  // ------------------------------------------------------------------ market reads

  @Override
  public Optional<MarketState> latestState(MarketKey key) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT_STATE)) {
      ps.setString(1, key.venue().id());
      ps.setString(2, key.ticker());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new MarketState(
                key,
                rs.getString(5),
                rs.getString(6),
                Decimals.parse(rs.getString(7)),
                Decimals.parse(rs.getString(8)),
                Decimals.parse(rs.getString(9)),
                Decimals.parse(rs.getString(10)),
                Decimals.parse(rs.getString(11)),
                Instant.ofEpochMilli(rs.getLong(3)),
                rs.getLong(4)));
      }
    } catch (SQLException e) {
      throw new StoreException(
          "journal read of market " + key + " failed: " + SqlJournal.rootMessage(e), e);
    }
  }

  @Override
  public Optional<BookTop> latestTop(MarketKey key) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT_TOP)) {
      ps.setString(1, key.venue().id());
      ps.setString(2, key.ticker());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new BookTop(
                key,
                priceLevel(rs.getString(5), rs.getString(6)),
                priceLevel(rs.getString(7), rs.getString(8)),
                Instant.ofEpochMilli(rs.getLong(3)),
                rs.getLong(4)));
      }
    } catch (SQLException e) {
      throw new StoreException(
          "journal read of book " + key + " failed: " + SqlJournal.rootMessage(e), e);
    }
  }

  private static Optional<PriceLevel> priceLevel(String price, String size) {
    if (price == null || size == null) {
      return Optional.empty();
    }
    return Optional.of(new PriceLevel(new BigDecimal(price), new BigDecimal(size)));
  }

  // ------------------------------------------------------------------ maintenance

  JournalStats stats(String database) {
    try (Connection c = pool.getConnection()) {
      long events = count(c, "SELECT COUNT(*) FROM events");
      long bookmakers = count(c, "SELECT COUNT(*) FROM bookmakers");
      long lines = count(c, "SELECT COUNT(*) FROM odds_lines");
      long states = count(c, "SELECT COUNT(*) FROM market_states");
      long tops = count(c, "SELECT COUNT(*) FROM book_tops");
      Optional<Instant> oldest = Optional.empty();
      Optional<Instant> newest = Optional.empty();
      try (PreparedStatement ps =
              c.prepareStatement("SELECT MIN(captured_ms), MAX(captured_ms) FROM odds_lines");
          ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          long min = rs.getLong(1);
          if (!rs.wasNull()) {
            oldest = Optional.of(Instant.ofEpochMilli(min));
            newest = Optional.of(Instant.ofEpochMilli(rs.getLong(2)));
          }
        }
      }
      return new JournalStats(database, events, bookmakers, lines, states, tops, oldest, newest);
    } catch (SQLException e) {
      throw new StoreException("journal stats failed: " + SqlJournal.rootMessage(e), e);
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  Pruned prune(Instant before) {
    long cut = before.toEpochMilli();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        long eventLines =
            update(
                c,
                "DELETE FROM odds_lines WHERE EXISTS (SELECT 1 FROM events e WHERE e.venue ="
                    + " odds_lines.venue AND e.event_id = odds_lines.event_id AND e.start_ms < ?)",
                cut);
        update(
            c,
            "DELETE FROM odds_latest WHERE EXISTS (SELECT 1 FROM events e WHERE e.venue ="
                + " odds_latest.venue AND e.event_id = odds_latest.event_id AND e.start_ms < ?)",
            cut);
        long events = update(c, "DELETE FROM events WHERE start_ms < ?", cut);
        long lines =
            update(
                c,
                "DELETE FROM odds_lines WHERE captured_ms < ? AND EXISTS (SELECT 1 FROM"
                    + " odds_lines n WHERE n.venue = odds_lines.venue AND n.event_id ="
                    + " odds_lines.event_id AND n.bookmaker_id = odds_lines.bookmaker_id AND"
                    + " n.market = odds_lines.market AND (n.captured_ms > odds_lines.captured_ms"
                    + " OR (n.captured_ms = odds_lines.captured_ms AND n.source_seq >"
                    + " odds_lines.source_seq)))",
                cut);
        long states = pruneSuperseded(c, "market_states", cut);
        long tops = pruneSuperseded(c, "book_tops", cut);
        c.commit();
        return new Pruned(events, eventLines + lines, states, tops);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c);
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("journal prune failed: " + SqlJournal.rootMessage(e), e);
    }
  }

  private static long pruneSuperseded(Connection c, String table, long cut) throws SQLException {
    return update(
        c,
        "DELETE FROM "
            + table
            + " WHERE captured_ms < ? AND EXISTS (SELECT 1 FROM "
            + table
            + " n WHERE n.venue = "
            + table
            + ".venue AND n.ticker = "
            + table
            + ".ticker AND (n.captured_ms > "
            + table
            + ".captured_ms OR (n.captured_ms = "
            + table
            + ".captured_ms AND n.source_seq > "
            + table
            + ".source_seq)))",
        cut);
  }

  private static long update(Connection c, String sql, long cut) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, cut);
      return ps.executeUpdate();
    }
  }
}
