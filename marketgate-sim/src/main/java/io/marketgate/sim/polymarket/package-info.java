/**
 * The simulated Polymarket CLOB: random-walk outcome-token books, the REST routes {@code /book},
 * {@code /books}, {@code /price} and {@code /midpoint}, and the market-channel WebSocket at {@code
 * /ws/market}, all under {@code /polymarket} and in the documented formats, with a configurable
 * level order, {@code price_change} schema generation and midpoint key.
 */
package io.marketgate.sim.polymarket;
