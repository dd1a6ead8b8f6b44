package io.marketgate.model;

/**
 * A method of removing the bookmaker's margin (vig) from the implied probabilities {@code πᵢ =
 * 1/dᵢ} of a complete set of outcomes, whose booksum {@code S = Σπᵢ} exceeds 1. See {@link DeVig}.
 */
public enum DeVigMethod {
  /** Proportional ("basic"): {@code pᵢ = πᵢ / S}. Any booksum. */
  MULTIPLICATIVE,
  /**
   * Equal subtraction: {@code pᵢ = πᵢ − (S − 1)/n}. Any booksum, but a long shot can come out at
   * zero or below; then {@link DeVig} throws rather than clamp.
   */
  ADDITIVE,
  /**
   * Power ("logarithmic"): {@code pᵢ = πᵢ^k} with k solved so that {@code Σ πᵢ^k = 1}. Any booksum.
   */
  POWER,
  /**
   * Shin (1993): {@code pᵢ = (√(z² + 4(1−z)πᵢ²/S) − z) / (2(1−z))} with the insider share {@code z
   * ∈ [0, 1)} solved so that {@code Σ pᵢ = 1}. Needs {@code S ≥ 1}.
   */
  SHIN,
  /**
   * Odds ratio (Cheung 2015): {@code πᵢ = c·pᵢ / (1 − pᵢ + c·pᵢ)}, that is {@code pᵢ = πᵢ / (c(1 −
   * πᵢ) + πᵢ)}, with c solved so that {@code Σ pᵢ = 1}. Any booksum.
   */
  ODDS_RATIO
}
