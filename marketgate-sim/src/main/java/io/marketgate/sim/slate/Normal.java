package io.marketgate.sim.slate;

/** The standard normal distribution, computed with {@link StrictMath} so results never vary. */
final class Normal {

  private Normal() {}

  /** P(Z ≤ z) for a standard normal Z (Abramowitz–Stegun 7.1.26, error below 1e-7). */
  static double cdf(double z) {
    double x = Math.abs(z) / StrictMath.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double poly =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double erf = 1 - poly * StrictMath.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }

  /** The z with {@code cdf(z) = p}, by bisection. */
  static double inverse(double p) {
    double lo = -10;
    double hi = 10;
    for (int i = 0; i < 100; i++) {
      double mid = (lo + hi) / 2;
      if (cdf(mid) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }
}
