/**
 * Marketgate's domain model: venues and canonical keys ({@link io.marketgate.model.MarketKey},
 * {@link io.marketgate.model.EventKey}, {@link io.marketgate.model.GameKey}), order books ({@link
 * io.marketgate.model.OrderBook}, the Kalshi-style {@link io.marketgate.model.BinaryBook} and their
 * single-writer mutable counterparts), odds conversion ({@link io.marketgate.model.Odds}), de-vig
 * ({@link io.marketgate.model.DeVig}) and Kalshi fees ({@link io.marketgate.model.KalshiFees}).
 *
 * <p>Venue prices and sizes are exact {@link java.math.BigDecimal}s; probabilities and odds are
 * {@code double} estimates. Values are immutable and thread-safe unless their class says otherwise.
 * No method accepts or returns {@code null}; absent values are {@link java.util.Optional}. Every
 * rejected input throws {@link io.marketgate.model.ModelException} with a message naming the record
 * or method, the bad part and what was expected. No I/O, no dependencies.
 */
package io.marketgate.model;
