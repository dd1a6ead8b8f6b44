package io.marketgate.upstream.odds;

import io.marketgate.upstream.UpstreamResponse;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Odds API's account of our credits after one call, from its response headers; a part is empty
 * when the header was missing or not a number.
 *
 * @param remaining {@code x-requests-remaining}: credits left until the quota resets
 * @param used {@code x-requests-used}: credits used since the last reset
 * @param lastCost {@code x-requests-last}: what the call itself cost
 */
public record OddsApiQuota(OptionalLong remaining, OptionalLong used, OptionalLong lastCost) {

  /** Validates that no part is null. */
  public OddsApiQuota {
    Objects.requireNonNull(remaining, "OddsApiQuota: remaining is missing");
    Objects.requireNonNull(used, "OddsApiQuota: used is missing");
    Objects.requireNonNull(lastCost, "OddsApiQuota: lastCost is missing");
  }

  /** The quota headers of {@code response}. */
  static OddsApiQuota of(UpstreamResponse response) {
    return new OddsApiQuota(
        credits(response.header("x-requests-remaining")),
        credits(response.header("x-requests-used")),
        credits(response.header("x-requests-last")));
  }

  /** A header value as whole credits: an integer or decimal text, fractions cut off. */
  private static OptionalLong credits(Optional<String> header) {
    if (header.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      long n = new BigDecimal(header.get().trim()).longValue();
      return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
