package io.marketgate.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;

/**
 * Canonical key of one real-world game across venues and odds feeds: the venue-neutral event ticker
 * plus the scheduled start, for example {@code KXNBAGAME-26JAN09TORBOS|2026-01-10T00:30:00Z}.
 *
 * <p>{@link #toString()} is {@code eventTicker|eventStart} with the start in ISO-8601 UTC as {@link
 * Instant#toString()} writes it; it is canonical and injective (the ticker may not contain {@code
 * |}), and {@link #parse(String)} reverses it. Keys order by start, then ticker.
 *
 * @param eventTicker the event ticker: non-blank, at most 200 chars, no whitespace or {@code |}
 * @param eventStart the scheduled start of the game
 */
public record GameKey(String eventTicker, Instant eventStart) implements Comparable<GameKey> {

  private static final String RECORD = "GameKey";

  private static final Comparator<GameKey> ORDER =
      Comparator.comparing(GameKey::eventStart).thenComparing(GameKey::eventTicker);

  /** Validates both parts; a missing or malformed part throws {@link ModelException}. */
  public GameKey {
    KeyText.require(RECORD, "eventTicker", eventTicker, "|");
    KeyText.present(RECORD, "eventStart", eventStart);
  }

  /**
   * Parses the canonical form {@code eventTicker|eventStart} written by {@link #toString()}.
   *
   * @throws ModelException if the text has no {@code |}, a bad ticker or a start that is not an
   *     ISO-8601 instant
   */
  public static GameKey parse(String text) {
    int bar = text == null ? -1 : text.indexOf('|');
    if (bar < 0) {
      throw new ModelException(
          RECORD + ": expected \"eventTicker|eventStart\" but got " + KeyText.quote(text));
    }
    String start = text.substring(bar + 1);
    Instant eventStart;
    try {
      eventStart = Instant.parse(start);
    } catch (DateTimeParseException e) {
      throw new ModelException(
          RECORD
              + ": eventStart "
              + KeyText.quote(start)
              + " in "
              + KeyText.quote(text)
              + " is not an ISO-8601 UTC instant such as 2026-01-10T00:30:00Z",
          e);
    }
    return new GameKey(text.substring(0, bar), eventStart);
  }

  /** Orders by event start, then event ticker. */
  @Override
  public int compareTo(GameKey other) {
    return ORDER.compare(this, other);
  }

  /** The canonical form {@code eventTicker|eventStart}, the start in ISO-8601 UTC. */
  @Override
  public String toString() {
    return eventTicker + '|' + eventStart;
  }
}
