/**
 * The simulated Binance spot market data: random-walk books per symbol with global update ids, the
 * REST routes {@code /api/v3/depth} and {@code /api/v3/exchangeInfo} with the request-weight window
 * and its {@code X-MBX-USED-WEIGHT-1M} header, and the combined-stream WebSocket at {@code
 * /stream?streams=…} sending {@code depthUpdate} diffs and {@code bookTicker} tops.
 */
package io.marketgate.sim.binance;
