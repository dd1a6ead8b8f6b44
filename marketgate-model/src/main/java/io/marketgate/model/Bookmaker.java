package io.marketgate.model;

/**
 * A bookmaker or market source that prices lines within one odds feed, for example {@code
 * draftkings} (The Odds API) or {@code 49} (Unabated's own line, market source 49).
 *
 * @param id the feed's identifier of the bookmaker, kept verbatim: non-blank, no whitespace
 * @param name a display name, for example {@code DraftKings}; the id when the feed gives none
 */
public record Bookmaker(String id, String name) {

  private static final String RECORD = "Bookmaker";

  /** Validates both parts; a missing or malformed part throws {@link ModelException}. */
  public Bookmaker {
    KeyText.require(RECORD, "id", id, "");
    DisplayText.require(RECORD, "name", name);
  }
}
