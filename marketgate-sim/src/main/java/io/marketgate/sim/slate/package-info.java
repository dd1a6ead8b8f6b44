/**
 * The seeded generator of a night's NBA slate: teams, games with hidden true outcome distributions,
 * and the probabilities the simulated venues price around.
 */
package io.marketgate.sim.slate;
