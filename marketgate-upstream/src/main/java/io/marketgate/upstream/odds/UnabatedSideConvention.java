package io.marketgate.upstream.odds;

/**
 * Which team an Unabated side index ({@code si0}/{@code si1}, equal to the {@code eventTeams}
 * index) stands for. Unabated's own reference contradicts itself here, so the rule is a parameter.
 * For totals both readings agree: {@code si0} is over and {@code si1} is under.
 */
public enum UnabatedSideConvention {
  /**
   * The game-odds section of the reference: index 0 is the away team, index 1 the home team. This
   * is the default; it also matches US rotation numbers (away lower) in the documented example.
   */
  AWAY_FIRST,
  /** The events and props sections of the reference: index 0 is the home team, 1 the away team. */
  HOME_FIRST;

  /** The {@code eventTeams} / side index of the home team. */
  int homeIndex() {
    return this == AWAY_FIRST ? 1 : 0;
  }
}
