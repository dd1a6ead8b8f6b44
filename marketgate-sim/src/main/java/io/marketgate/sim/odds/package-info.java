/**
 * The simulated sports-odds feeds: bookmaker lines with distinct vig around each game's true
 * probabilities, served as The Odds API v4 and as an Unabated-style game-odds snapshot plus changes
 * feed.
 */
package io.marketgate.sim.odds;
