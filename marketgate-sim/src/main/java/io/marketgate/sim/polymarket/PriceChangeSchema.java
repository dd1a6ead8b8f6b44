package io.marketgate.sim.polymarket;

/** The generation of the {@code price_change} message the simulated market channel sends. */
public enum PriceChangeSchema {
  /** Since 2025-09-15: {@code price_changes[]}, each with its asset, best bid and best ask. */
  CURRENT,
  /** Before: {@code asset_id} at the top and {@code changes[]} of {@code {price, side, size}}. */
  LEGACY
}
