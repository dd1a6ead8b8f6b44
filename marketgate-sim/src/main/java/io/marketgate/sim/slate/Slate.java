package io.marketgate.sim.slate;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A night's NBA slate: the games played on one US/Eastern date, generated from a seed. The same
 * date, seed and game count always give the same slate.
 *
 * @param date the US/Eastern date of the games
 * @param seed the seed the slate was generated from
 * @param games the games, ordered by tip-off and then home team code
 */
public record Slate(LocalDate date, long seed, List<Game> games) {

  /** US/Eastern, the zone of Kalshi's event-ticker dates. */
  public static final ZoneId EASTERN = ZoneId.of("America/New_York");

  /** Copies the games. */
  public Slate {
    games = List.copyOf(games);
  }

  /** A slate of 6 to 10 games (chosen by the seed) on {@code date}. */
  public static Slate generate(LocalDate date, long seed) {
    return generate(date, seed, 6 + new SplittableRandom(seed).nextInt(5));
  }

  /** A slate of {@code gameCount} games (1 to 15) on {@code date}. */
  public static Slate generate(LocalDate date, long seed, int gameCount) {
    if (gameCount < 1 || gameCount > 15) {
      throw new IllegalArgumentException("Slate: gameCount must be 1..15 but was " + gameCount);
    }
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    List<Team> teams = new ArrayList<>(Team.nba());
    for (int i = teams.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Team t = teams.get(i);
      teams.set(i, teams.get(j));
      teams.set(j, t);
    }
    record Draft(Team away, Team home, LocalTime tip, double margin, double total) {}
    List<Draft> drafts = new ArrayList<>();
    for (int g = 0; g < gameCount; g++) {
      LocalTime tip = LocalTime.of(19, 0).plusMinutes(30L * random.nextInt(8));
      double margin = round1(-9 + 21 * random.nextDouble());
      double total = round1(208 + 30 * random.nextDouble());
      drafts.add(new Draft(teams.get(2 * g), teams.get(2 * g + 1), tip, margin, total));
    }
    drafts.sort(
        Comparator.comparing(Draft::tip).thenComparing(d -> d.home().code(), String::compareTo));
    List<Game> games = new ArrayList<>();
    for (Draft d : drafts) {
      games.add(
          new Game(
              games.size(),
              d.away(),
              d.home(),
              date.atTime(d.tip()).atZone(EASTERN).toInstant(),
              d.margin(),
              d.total()));
    }
    return new Slate(date, seed, games);
  }

  private static double round1(double x) {
    return Math.round(x * 10) / 10.0;
  }
}
