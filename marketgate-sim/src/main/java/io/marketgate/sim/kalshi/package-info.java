/**
 * The simulated Kalshi Trade API v2: the NBA series, events and markets generated from the slate,
 * random-walk order books, the REST routes under {@code /trade-api/v2} and the WebSocket at {@code
 * /trade-api/ws/v2}, in the current (fixed-point) or legacy (cents) payload generation.
 */
package io.marketgate.sim.kalshi;
