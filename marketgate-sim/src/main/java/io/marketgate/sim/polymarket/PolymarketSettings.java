package io.marketgate.sim.polymarket;

/**
 * How the simulated Polymarket behaves.
 *
 * @param assets how many outcome tokens it lists (2 to 200)
 * @param levelOrder the order of book levels in REST and WebSocket payloads
 * @param priceChangeSchema the {@code price_change} generation the market channel sends
 * @param buysSells whether {@code book} events name their sides {@code buys}/{@code sells} (one doc
 *     table) instead of {@code bids}/{@code asks}
 * @param midPriceKey whether {@code /midpoint} answers {@code mid_price} (current reference) or the
 *     older {@code mid}
 */
public record PolymarketSettings(
    int assets,
    PolymarketLevelOrder levelOrder,
    PriceChangeSchema priceChangeSchema,
    boolean buysSells,
    boolean midPriceKey) {

  /** Validates the settings. */
  public PolymarketSettings {
    if (assets < 2 || assets > 200) {
      throw new IllegalArgumentException(
          "PolymarketSettings: assets must be 2..200 but was " + assets);
    }
    if (levelOrder == null || priceChangeSchema == null) {
      throw new IllegalArgumentException(
          "PolymarketSettings: levelOrder and priceChangeSchema are required");
    }
  }

  /** Four assets, wire level order, the current schema, bids/asks, {@code mid_price}. */
  public static PolymarketSettings defaults() {
    return new PolymarketSettings(
        4, PolymarketLevelOrder.WIRE, PriceChangeSchema.CURRENT, false, true);
  }
}
