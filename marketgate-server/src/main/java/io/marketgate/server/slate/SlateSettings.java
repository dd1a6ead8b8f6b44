package io.marketgate.server.slate;

import io.marketgate.model.DeVigMethod;
import io.marketgate.model.KalshiFees;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * How the slate's builders price: the fair sources in order of preference, the de-vig method, the
 * spread of the normal models of margin and total, how many strikes to show each side of the
 * consensus line, and the Kalshi taker fee rate. Immutable.
 *
 * @param fairSources {@code venue:bookmaker} ids tried in order, for example {@code unabated:49}
 *     (the Unabated line) or {@code odds_api:pinnacle}; when none prices a market the consensus of
 *     every bookmaker is used
 * @param deVig how a bookmaker's two prices are made vig-free
 * @param marginSigma standard deviation of the final home margin, points
 * @param totalSigma standard deviation of the final total, points
 * @param strikesEachSide strikes shown below and above the consensus line
 * @param takerFeeRate the Kalshi taker fee rate
 */
public record SlateSettings(
    List<String> fairSources,
    DeVigMethod deVig,
    double marginSigma,
    double totalSigma,
    int strikesEachSide,
    BigDecimal takerFeeRate) {

  /** Default margin sigma, points. */
  public static final double MARGIN_SIGMA = 13.0;

  /** Default total sigma, points. */
  public static final double TOTAL_SIGMA = 18.0;

  /** Validates the parts. */
  public SlateSettings {
    fairSources = List.copyOf(fairSources);
    Objects.requireNonNull(deVig, "deVig");
    Objects.requireNonNull(takerFeeRate, "takerFeeRate");
    if (!(marginSigma > 0) || !(totalSigma > 0)) {
      throw new IllegalArgumentException(
          "sigmas must be positive, were " + marginSigma + " and " + totalSigma);
    }
    if (strikesEachSide < 1) {
      throw new IllegalArgumentException("strikesEachSide must be >= 1, was " + strikesEachSide);
    }
  }

  /**
   * The defaults: the Unabated line, then Pinnacle (through Unabated, then The Odds API);
   * multiplicative de-vig; sigma 13 (margin) and 18 (total); two strikes each side; fee rate 0.07.
   */
  public static SlateSettings defaults() {
    return new SlateSettings(
        List.of("unabated:49", "unabated:70", "odds_api:pinnacle"),
        DeVigMethod.MULTIPLICATIVE,
        MARGIN_SIGMA,
        TOTAL_SIGMA,
        2,
        KalshiFees.DEFAULT_TAKER_RATE);
  }
}
