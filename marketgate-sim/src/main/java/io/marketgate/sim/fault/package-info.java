/**
 * Fault injection: what can go wrong on a simulated route ({@link io.marketgate.sim.fault.Fault}),
 * when it goes wrong ({@link io.marketgate.sim.fault.FaultTrigger}) and the thread-safe plan that
 * holds the injected faults ({@link io.marketgate.sim.fault.FaultPlan}).
 */
package io.marketgate.sim.fault;
