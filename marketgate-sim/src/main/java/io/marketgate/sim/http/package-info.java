/**
 * The simulator's HTTP plumbing shared by its venue packages: request and reply values, the
 * pipeline that counts calls and applies injected faults, JSON encoding and a token bucket.
 *
 * <p>Public only so that the venue packages can use it; it is not part of the simulator's API,
 * which is {@link io.marketgate.sim.VenueSimulator} and the types it returns.
 */
package io.marketgate.sim.http;
