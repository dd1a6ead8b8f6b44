/**
 * Call counting: every venue call the simulator serves is counted by route and by HTTP status, so
 * tests and benchmarks can prove how many upstream calls the gateway made.
 */
package io.marketgate.sim.calls;
