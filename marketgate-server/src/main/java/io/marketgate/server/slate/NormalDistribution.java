package io.marketgate.server.slate;

/** The standard normal distribution: cdf and its inverse. Stateless. */
final class NormalDistribution {

  private NormalDistribution() {}

  /** P(Z ≤ z), through a Chebyshev fit of erfc with relative error below 1.2e-7. */
  static double cdf(double z) {
    return 0.5 * erfc(-z / Math.sqrt(2));
  }

  /** The z with {@code cdf(z) = p}, by bisection to machine precision; p in (0, 1). */
  static double inverse(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("probability must be in (0, 1), was " + p);
    }
    double lo = -12;
    double hi = 12;
    for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
      double mid = (lo + hi) / 2;
      if (cdf(mid) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return (lo + hi) / 2;
  }

  private static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r =
        t
            * Math.exp(
                -z * z
                    - 1.26551223
                    + t
                        * (1.00002368
                            + t
                                * (0.37409196
                                    + t
                                        * (0.09678418
                                            + t
                                                * (-0.18628806
                                                    + t
                                                        * (0.27886807
                                                            + t
                                                                * (-1.13520398
                                                                    + t
                                                                        * (1.48851587
                                                                            + t
                                                                                * (-0.82215223
                                                                                    + t
                                                                                        * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
