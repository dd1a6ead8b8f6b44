package io.marketgate.model;

import java.util.Comparator;

/**
 * Canonical key of one event on one venue (a game or question grouping several markets), for
 * example {@code kalshi:KXNBAGAME-26JAN08MIACHI}.
 *
 * <p>The id is the venue's own event identifier, kept verbatim (case-sensitive): non-blank, at most
 * 200 chars, no whitespace or control characters. {@link #toString()} is canonical and injective
 * ({@code venueId:id}; venue ids contain no colon, so the first colon separates the parts) and
 * {@link #parse(String)} reverses it. Keys order by venue id, then id.
 *
 * @param venue the venue that lists the event
 * @param id the venue's event identifier (Kalshi event ticker, Polymarket condition or event id,
 *     odds-feed event id)
 */
public record EventKey(Venue venue, String id) implements Comparable<EventKey> {

  private static final String RECORD = "EventKey";

  private static final Comparator<EventKey> ORDER =
      Comparator.comparing((EventKey k) -> k.venue.id()).thenComparing(EventKey::id);

  /** Validates both parts; a missing or malformed part throws {@link ModelException}. */
  public EventKey {
    KeyText.present(RECORD, "venue", venue);
    KeyText.require(RECORD, "id", id, "");
  }

  /**
   * Parses the canonical form {@code venueId:id} written by {@link #toString()}.
   *
   * @throws ModelException if the text has no colon, names an unknown venue or has a bad id
   */
  public static EventKey parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon < 0) {
      throw new ModelException(RECORD + ": expected \"venue:id\" but got " + KeyText.quote(text));
    }
    Venue venue;
    try {
      venue = Venue.parse(text.substring(0, colon));
    } catch (ModelException e) {
      throw new ModelException(
          RECORD + ": cannot parse " + KeyText.quote(text) + ": " + e.getMessage(), e);
    }
    return new EventKey(venue, text.substring(colon + 1));
  }

  /** Orders by venue id, then id (ordinal string comparison). */
  @Override
  public int compareTo(EventKey other) {
    return ORDER.compare(this, other);
  }

  /** The canonical form {@code venueId:id}, for example {@code kalshi:KXNBAGAME-26JAN08MIACHI}. */
  @Override
  public String toString() {
    return venue.id() + ':' + id;
  }
}
