package io.marketgate.upstream.odds;

import io.marketgate.model.OddsEvent;
import java.util.List;
import java.util.Objects;

/**
 * One fetch of The Odds API's odds of a sport: the normalized events, the quota the response
 * reported, and how many wire items were skipped as malformed.
 *
 * @param events the events, in the order the API listed them
 * @param quota the credits the response headers reported
 * @param malformedEvents events skipped whole (missing id, teams or start)
 * @param malformedLines bookmaker market lines skipped (unknown outcome name, missing point or
 *     time, impossible price)
 */
public record OddsApiResult(
    List<OddsEvent> events, OddsApiQuota quota, int malformedEvents, int malformedLines) {

  /** Validates and copies the parts. */
  public OddsApiResult {
    events = List.copyOf(Objects.requireNonNull(events, "OddsApiResult: events is missing"));
    Objects.requireNonNull(quota, "OddsApiResult: quota is missing");
    if (malformedEvents < 0 || malformedLines < 0) {
      throw new IllegalArgumentException("OddsApiResult: counts must be >= 0");
    }
  }
}
