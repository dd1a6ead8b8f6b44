package io.marketgate.model;

import java.util.function.DoubleUnaryOperator;

/**
 * Fair (vig-free) probabilities of a complete set of n ≥ 2 outcomes from their decimal odds, by any
 * {@link DeVigMethod}. Results are {@code double} probabilities in outcome order that sum to 1 (to
 * rounding). Stateless and thread-safe.
 */
public final class DeVig {

  /*
   * POWER, SHIN and ODDS_RATIO solve one parameter by bisection on a bracket where the sum of
   * probabilities minus one is provably decreasing and changes sign: k in (0, ∞) for POWER, z in
   * [0, 1] for SHIN, c in [0, ∞) for ODDS_RATIO. Bisection is slower than Brent but cannot fail on
   * a valid bracket, and 40 to 80 steps of O(n) work is cheap. Iteration stops when the bracket is
   * narrower than 1e-12 (relative to the parameter when it is above 1) or cannot shrink further.
   * The result is divided by its sum once more to remove the root finder's residual.
   *
   * Shin is evaluated in the rationalized form pᵢ = 2πᵢ² / (S (√(z² + 4(1−z)πᵢ²/S) + z)), which
   * equals the textbook form but has no cancellation and no division by 1 − z, so z = 1 is safe.
   */

  /** Bracket width at which the root finders stop. */
  static final double TOLERANCE = 1e-12;

  /** How far below 1 a booksum may fall from rounding and still count as a fair book (SHIN). */
  static final double BOOKSUM_TOLERANCE = 1e-12;

  private static final int MAX_ITERATIONS = 2_000;

  private DeVig() {}

  /**
   * Fair probabilities of the outcomes priced at {@code decimalOdds}, by {@code method}.
   *
   * @throws ModelException if fewer than two odds are given, an odds value is not finite and above
   *     1, SHIN is asked for a book with booksum below 1, or ADDITIVE would give an outcome a
   *     probability of zero or less
   */
  public static double[] fairProbabilities(DeVigMethod method, double... decimalOdds) {
    KeyText.present("DeVig", "method", method);
    double[] implied = implied(decimalOdds);
    return switch (method) {
      case MULTIPLICATIVE -> multiplicative(implied);
      case ADDITIVE -> additive(implied, decimalOdds);
      case POWER -> power(implied, powerExponent(implied));
      case SHIN -> shin(implied, shinInsiderShare(implied));
      case ODDS_RATIO -> oddsRatio(implied, oddsRatioConstant(implied));
    };
  }

  /** The booksum {@code S = Σ 1/dᵢ} of a complete set of outcomes (1 for a fair book). */
  public static double booksum(double... decimalOdds) {
    return sum(implied(decimalOdds));
  }

  /** The overround (margin) {@code S − 1}; negative for a book that can be arbitraged. */
  public static double overround(double... decimalOdds) {
    return booksum(decimalOdds) - 1;
  }

  /** The implied probabilities {@code 1/dᵢ}, after validating the odds. */
  static double[] implied(double[] decimalOdds) {
    if (decimalOdds == null || decimalOdds.length < 2) {
      throw new ModelException(
          "DeVig: needs the decimal odds of at least 2 outcomes but got "
              + (decimalOdds == null ? "none" : decimalOdds.length));
    }
    double[] implied = new double[decimalOdds.length];
    for (int i = 0; i < decimalOdds.length; i++) {
      double d = decimalOdds[i];
      if (!(Double.isFinite(d) && d > 1)) {
        throw new ModelException(
            "DeVig: decimal odds at index "
                + i
                + " must be finite and greater than 1 but was "
                + d);
      }
      implied[i] = 1 / d;
    }
    return implied;
  }

  static double[] multiplicative(double[] implied) {
    double s = sum(implied);
    double[] p = new double[implied.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = implied[i] / s;
    }
    return p;
  }

  static double[] additive(double[] implied, double[] decimalOdds) {
    int n = implied.length;
    double shift = (sum(implied) - 1) / n;
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = implied[i] - shift;
      if (p[i] <= 0) {
        throw new ModelException(
            "DeVig: ADDITIVE gives outcome "
                + i
                + " (decimal odds "
                + decimalOdds[i]
                + ") a probability of "
                + p[i]
                + " <= 0, because its implied probability is below the per-outcome margin "
                + shift
                + "; use MULTIPLICATIVE, POWER, SHIN or ODDS_RATIO for books with long shots");
      }
    }
    return p;
  }

  /** The exponent k with {@code Σ πᵢ^k = 1}: above 1 for an overround book, below 1 under. */
  static double powerExponent(double[] implied) {
    double[] logs = new double[implied.length];
    for (int i = 0; i < logs.length; i++) {
      logs[i] = Math.log(implied[i]);
    }
    DoubleUnaryOperator excess =
        k -> {
          double s = 0;
          for (double log : logs) {
            s += Math.exp(k * log);
          }
          return s - 1;
        };
    // excess(0) = n - 1 > 0 and excess falls to -1 as k grows, because every πᵢ < 1.
    double hi = 1;
    while (excess.applyAsDouble(hi) > 0) {
      hi *= 2;
    }
    return solveDecreasing(excess, hi == 1 ? 0 : hi / 2, hi);
  }

  static double[] power(double[] implied, double k) {
    double[] p = new double[implied.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.pow(implied[i], k);
    }
    return multiplicative(p);
  }

  /** Shin's insider share z ∈ [0, 1) with {@code Σ pᵢ(z) = 1}; needs booksum ≥ 1. */
  static double shinInsiderShare(double[] implied) {
    double s = sum(implied);
    if (s < 1 - BOOKSUM_TOLERANCE) {
      throw new ModelException(
          "DeVig: SHIN needs a booksum of at least 1 (no negative margin) but the booksum is "
              + s
              + "; use MULTIPLICATIVE, POWER or ODDS_RATIO for such books");
    }
    if (s <= 1) {
      return 0; // a fair book up to rounding: no insiders, pᵢ = πᵢ / S
    }
    // excess(0) = √S − 1 ≥ 0 and excess(1) = Σπᵢ²/S − 1 < 0, because every πᵢ < 1.
    return solveDecreasing(z -> sum(shin(implied, s, z)) - 1, 0, 1);
  }

  static double[] shin(double[] implied, double z) {
    return multiplicative(shin(implied, sum(implied), z));
  }

  private static double[] shin(double[] implied, double s, double z) {
    double[] p = new double[implied.length];
    for (int i = 0; i < p.length; i++) {
      double pi2 = implied[i] * implied[i];
      p[i] = 2 * pi2 / (s * (Math.sqrt(z * z + 4 * (1 - z) * pi2 / s) + z));
    }
    return p;
  }

  /** The odds-ratio constant c with {@code Σ πᵢ / (c(1 − πᵢ) + πᵢ) = 1}. */
  static double oddsRatioConstant(double[] implied) {
    DoubleUnaryOperator excess = c -> sum(oddsRatioRaw(implied, c)) - 1;
    // excess(0) = n - 1 > 0, excess(1) = S - 1, and excess falls to -1 as c grows.
    double hi = 1;
    while (excess.applyAsDouble(hi) > 0) {
      hi *= 2;
    }
    return solveDecreasing(excess, hi == 1 ? 0 : hi / 2, hi);
  }

  static double[] oddsRatio(double[] implied, double c) {
    return multiplicative(oddsRatioRaw(implied, c));
  }

  private static double[] oddsRatioRaw(double[] implied, double c) {
    double[] p = new double[implied.length];
    for (int i = 0; i < p.length; i++) {
      p[i] = implied[i] / (c * (1 - implied[i]) + implied[i]);
    }
    return p;
  }

  /**
   * A root of the decreasing {@code f} in {@code [lo, hi]}, where {@code f(lo) ≥ 0 ≥ f(hi)}, by
   * bisection to {@link #TOLERANCE}.
   */
  static double solveDecreasing(DoubleUnaryOperator f, double lo, double hi) {
    for (int i = 0; i < MAX_ITERATIONS; i++) {
      double mid = lo + (hi - lo) / 2;
      if (hi - lo <= TOLERANCE * Math.max(1, Math.abs(mid)) || mid == lo || mid == hi) {
        return mid;
      }
      double value = f.applyAsDouble(mid);
      if (value == 0) {
        return mid;
      } else if (value > 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    throw new ModelException(
        "DeVig: root finder did not converge in "
            + MAX_ITERATIONS
            + " steps on ["
            + lo
            + ", "
            + hi
            + "]");
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }
}
