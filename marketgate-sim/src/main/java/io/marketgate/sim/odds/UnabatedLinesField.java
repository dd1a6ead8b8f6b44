package io.marketgate.sim.odds;

/** The spelling of the lines map in Unabated game-odds events (sources disagree). */
public enum UnabatedLinesField {
  /** {@code gameOddsMarketSourcesLines}, as public client code reads it. */
  SOURCES_LINES("gameOddsMarketSourcesLines"),
  /** {@code gameOddsMarketSourceLines}, as the API reference spells it. */
  SOURCE_LINES("gameOddsMarketSourceLines");

  private final String fieldName;

  UnabatedLinesField(String fieldName) {
    this.fieldName = fieldName;
  }

  /** The JSON field name. */
  public String fieldName() {
    return fieldName;
  }
}
