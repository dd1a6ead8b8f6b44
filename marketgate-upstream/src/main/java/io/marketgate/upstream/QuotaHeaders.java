package io.marketgate.upstream;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads what an upstream says about its own quota in its response headers, so that a {@link
 * TokenBucketBudget} can correct its own count. Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface QuotaHeaders {

  /** What {@code response}'s headers say; {@link Reading#NONE} when they say nothing. */
  Reading read(UpstreamResponse response);

  /** Reads nothing: for upstreams that send no quota headers (Kalshi, Polymarket). */
  static QuotaHeaders none() {
    return response -> Reading.NONE;
  }

  /**
   * The Odds API: {@code x-requests-remaining} (credits left until the reset) and {@code
   * x-requests-used} (credits used since the reset).
   */
  static QuotaHeaders theOddsApi() {
    return response ->
        new Reading(
            number(response.header("x-requests-remaining")),
            number(response.header("x-requests-used")),
            OptionalLong.empty());
  }

  /** Binance: {@code X-MBX-USED-WEIGHT-1M}, the weight this IP used in the current minute. */
  static QuotaHeaders binanceUsedWeight() {
    return response ->
        new Reading(
            OptionalLong.empty(),
            OptionalLong.empty(),
            number(response.header("X-MBX-USED-WEIGHT-1M")));
  }

  /** A header value as a whole number, if it is one (fractions are cut off, junk is ignored). */
  private static OptionalLong number(Optional<String> value) {
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      long n = new BigDecimal(value.get().trim()).longValue();
      return n < 0 ? OptionalLong.empty() : OptionalLong.of(n);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * What one response said about the quota.
   *
   * @param creditsRemaining credits left until the quota resets; the budget refuses calls that cost
   *     more
   * @param creditsUsed credits used since the quota reset, for the status only
   * @param windowUsed tokens the upstream counted in its current rate window; the budget lowers its
   *     own bucket to match
   */
  record Reading(OptionalLong creditsRemaining, OptionalLong creditsUsed, OptionalLong windowUsed) {

    /** A reading that says nothing. */
    public static final Reading NONE =
        new Reading(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    /** Validates the parts. */
    public Reading {
      Objects.requireNonNull(creditsRemaining, "creditsRemaining");
      Objects.requireNonNull(creditsUsed, "creditsUsed");
      Objects.requireNonNull(windowUsed, "windowUsed");
    }
  }
}
