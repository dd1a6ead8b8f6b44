/**
 * A deterministic simulator of the venues' REST and WebSocket APIs, speaking their documented wire
 * formats, with fault injection and call counters.
 */
package io.marketgate.sim;
