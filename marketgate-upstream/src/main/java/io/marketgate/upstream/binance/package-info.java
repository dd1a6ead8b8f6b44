/**
 * Binance spot market data: the REST depth snapshot ({@link
 * io.marketgate.upstream.binance.BinanceRest}), the per-symbol local-book state machine ({@link
 * io.marketgate.upstream.binance.DepthSynchronizer}) and the combined-stream WebSocket client
 * ({@link io.marketgate.upstream.binance.BinanceBookStream}) that keeps {@code depth@100ms} books
 * and {@code bookTicker} tops live.
 *
 * <p>Wire formats and the book procedure follow {@code shared/reference/upstream-apis.md} §3:
 * numbers arrive as strings (JSON numbers are accepted too), quantities in diffs are absolute and 0
 * removes a level, and REST weight is budgeted and corrected from {@code X-MBX-USED-WEIGHT-1M}.
 * Wire parsing is package-private. No public method accepts or returns {@code null}. This package
 * never reaches into another venue's package.
 */
package io.marketgate.upstream.binance;
