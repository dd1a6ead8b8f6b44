package io.marketgate.sim.slate;

import java.time.Instant;

/**
 * One game of the slate with its hidden true outcome distribution: the home team's margin is normal
 * with mean {@code expectedMargin} and standard deviation {@link #MARGIN_SD}, the total points
 * normal with mean {@code expectedTotal} and standard deviation {@link #TOTAL_SD}.
 *
 * @param number the game's position in the slate, from 0
 * @param away the visiting team
 * @param home the home team
 * @param start the scheduled tip-off
 * @param expectedMargin the expected home score minus away score
 * @param expectedTotal the expected sum of both scores
 */
public record Game(
    int number, Team away, Team home, Instant start, double expectedMargin, double expectedTotal) {

  /** Standard deviation of the final margin, in points. */
  public static final double MARGIN_SD = 13.0;

  /** Standard deviation of the final total, in points. */
  public static final double TOTAL_SD = 18.0;

  /** Validates the parts. */
  public Game {
    if (away.equals(home) || !(expectedTotal > 100)) {
      throw new IllegalArgumentException("Game: bad game " + away + " at " + home);
    }
  }

  /** The true probability that the home team wins. */
  public double homeWinProbability() {
    return homeWinsByMoreThan(0);
  }

  /** The true probability that the home team wins by more than {@code points}. */
  public double homeWinsByMoreThan(double points) {
    return 1 - Normal.cdf((points - expectedMargin) / MARGIN_SD);
  }

  /** The true probability that the away team wins by more than {@code points}. */
  public double awayWinsByMoreThan(double points) {
    return Normal.cdf((-points - expectedMargin) / MARGIN_SD);
  }

  /** The true probability that {@code team} (home or away) wins by more than {@code points}. */
  public double winsByMoreThan(Team team, double points) {
    if (team.equals(home)) {
      return homeWinsByMoreThan(points);
    }
    if (team.equals(away)) {
      return awayWinsByMoreThan(points);
    }
    throw new IllegalArgumentException("Game: " + team.code() + " does not play in " + this);
  }

  /** The true probability that the total exceeds {@code points}. */
  public double overProbability(double points) {
    return 1 - Normal.cdf((points - expectedTotal) / TOTAL_SD);
  }

  /** The team expected to win (home on an exact tie). */
  public Team favorite() {
    return expectedMargin >= 0 ? home : away;
  }

  /** The other team. */
  public Team underdog() {
    return expectedMargin >= 0 ? away : home;
  }

  /** A short rendering such as {@code TOR@BOS}. */
  @Override
  public String toString() {
    return away.code() + "@" + home.code();
  }
}
