package io.marketgate.sim.odds;

import io.marketgate.model.Odds;
import io.marketgate.sim.slate.Game;
import io.marketgate.sim.slate.Slate;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Every bookmaker's current lines for the slate, and the log of line changes the Unabated changes
 * feed serves. Thread-safe: every method holds this object's monitor.
 */
final class OddsBoard {

  /*
   * A line is two prices and (for spread and total) points, stored Unabated-style: side 0 is the
   * away team or Over, side 1 the home team or Under. Prices come from the game's true probability,
   * moved by the bookmaker's own opinion (uniform ±noise) and loaded with its vig proportionally
   * (each side's implied probability times 1 + vig), then rounded to whole American odds. Each step
   * re-rolls the opinion of about 5% of lines; a line whose prices or points change gets the next
   * global sequence number and joins the step's change batch. Batch timestamps are an opaque
   * counter; batches beyond the retention are dropped, and asking for changes since a timestamp
   * older than the newest dropped batch fails, as Unabated's feed does.
   */

  enum BetType {
    MONEYLINE(1, "h2h"),
    SPREAD(2, "spreads"),
    TOTAL(3, "totals");

    final int id;
    final String oddsApiKey;

    BetType(int id, String oddsApiKey) {
      this.id = id;
      this.oddsApiKey = oddsApiKey;
    }
  }

  /** A source of lines: a sportsbook (with an Odds API region) and/or an Unabated market source. */
  record Book(
      String key, String title, String region, int unabatedSourceId, double vig, double noise) {
    boolean inOddsApi() {
      return !region.isEmpty();
    }

    boolean inUnabated() {
      return unabatedSourceId > 0;
    }
  }

  static final List<Book> BOOKS =
      List.of(
          new Book("unabated", "Unabated", "", 49, 0.0, 0.004),
          new Book("pinnacle", "Pinnacle", "eu", 70, 0.022, 0.008),
          new Book("draftkings", "DraftKings", "us", 0, 0.045, 0.015),
          new Book("fanduel", "FanDuel", "us", 0, 0.042, 0.015),
          new Book("betmgm", "BetMGM", "us", 0, 0.052, 0.02),
          new Book("williamhill_us", "Caesars", "us", 0, 0.048, 0.02),
          new Book("williamhill", "William Hill", "uk", 0, 0.056, 0.02),
          new Book("sportsbet", "SportsBet", "au", 0, 0.06, 0.025));

  /** One two-sided line. Side 0 is away/over, side 1 home/under. */
  record Line(
      Game game,
      Book book,
      BetType type,
      double points,
      int price0,
      int price1,
      long sequence,
      Instant createdOn,
      Instant modifiedOn) {}

  record Batch(long timestamp, List<Line> lines) {}

  record Changes(long lastTimestamp, boolean failed, List<Batch> batches) {}

  private final Slate slate;
  private final InstantSource clock;
  private final SplittableRandom random;
  private final int retention;
  private final Map<String, Line> lines = new LinkedHashMap<>();
  private final Deque<Batch> batches = new ArrayDeque<>();
  private long sequence = 68_327_798_229_687_600L;
  private long timestamp = 638_712_000_000_000_000L;
  private long dropped = Long.MIN_VALUE;

  OddsBoard(Slate slate, InstantSource clock, int retention) {
    this.slate = slate;
    this.clock = clock;
    this.retention = retention;
    this.random = new SplittableRandom(slate.seed() * 17 + 0x0DD5L);
    Instant now = clock.instant();
    for (Game game : slate.games()) {
      for (Book book : BOOKS) {
        for (BetType type : BetType.values()) {
          lines.put(key(game, book, type), price(game, book, type, now, now));
        }
      }
    }
  }

  Slate slate() {
    return slate;
  }

  /** Re-prices a random ~5% of lines; returns how many changed. */
  synchronized int step() {
    Instant now = clock.instant();
    List<Line> changed = new ArrayList<>();
    for (Map.Entry<String, Line> e : lines.entrySet()) {
      if (random.nextDouble() >= 0.05) {
        continue;
      }
      Line old = e.getValue();
      Line fresh = price(old.game(), old.book(), old.type(), old.createdOn(), now);
      if (fresh.points() != old.points()
          || fresh.price0() != old.price0()
          || fresh.price1() != old.price1()) {
        e.setValue(fresh);
        changed.add(fresh);
      }
    }
    if (!changed.isEmpty()) {
      batches.addLast(new Batch(++timestamp, List.copyOf(changed)));
      while (batches.size() > retention) {
        dropped = batches.removeFirst().timestamp();
      }
    }
    return changed.size();
  }

  /** Every current line of {@code game}. */
  synchronized List<Line> lines(Game game) {
    return lines.values().stream().filter(l -> l.game().equals(game)).toList();
  }

  /** The current line of {@code game}, {@code book} and {@code type}. */
  synchronized Line line(Game game, Book book, BetType type) {
    return lines.get(key(game, book, type));
  }

  /** The change batches after {@code since} (all retained ones if empty). */
  synchronized Changes changesSince(Optional<Long> since) {
    if (since.isPresent() && since.get() < dropped) {
      return new Changes(timestamp, true, List.of());
    }
    List<Batch> out = new ArrayList<>();
    for (Batch b : batches) {
      if (since.isEmpty() || b.timestamp() > since.get()) {
        out.add(b);
      }
    }
    return new Changes(timestamp, false, out);
  }

  private Line price(Game game, Book book, BetType type, Instant created, Instant now) {
    double opinion = (random.nextDouble() * 2 - 1) * book.noise();
    double points;
    double fair0;
    switch (type) {
      case MONEYLINE -> {
        points = 0;
        fair0 = 1 - game.homeWinProbability();
      }
      case SPREAD -> {
        double homePoints = -(Math.floor(game.expectedMargin()) + 0.5) + jitter();
        points = -homePoints;
        fair0 = 1 - game.homeWinsByMoreThan(-homePoints);
      }
      default -> {
        points = Math.floor(game.expectedTotal()) + 0.5 + jitter();
        fair0 = game.overProbability(points);
      }
    }
    double p0 = Math.max(0.02, Math.min(0.98, fair0 + opinion));
    int price0 = american(p0 * (1 + book.vig()));
    int price1 = american((1 - p0) * (1 + book.vig()));
    return new Line(game, book, type, points, price0, price1, ++sequence, created, now);
  }

  private double jitter() {
    double u = random.nextDouble();
    return u < 0.2 ? -1 : u > 0.8 ? 1 : 0;
  }

  /** Whole American odds of an implied probability (never in (−100, 100)). */
  static int american(double impliedProbability) {
    double p = Math.max(0.01, Math.min(0.99, impliedProbability));
    long a = Math.round(Odds.probabilityToAmerican(p));
    if (a > -100 && a < 100) {
      return p > 0.5 ? -100 : 100;
    }
    return (int) a;
  }

  private static String key(Game game, Book book, BetType type) {
    return game.number() + "|" + book.key() + "|" + type;
  }
}
