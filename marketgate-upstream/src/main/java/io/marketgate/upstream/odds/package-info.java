/**
 * Sports-odds feeds, normalized to the model's {@link io.marketgate.model.OddsEvent}: The Odds API
 * v4 ({@link io.marketgate.upstream.odds.OddsApiFeed}, one call per fetch) and an Unabated-style
 * snapshot + changes feed ({@link io.marketgate.upstream.odds.UnabatedFeed}, stateful). Every call
 * goes through the caller's {@link io.marketgate.upstream.UpstreamClient} and its budget. API keys
 * travel in query strings and never appear in logs, exceptions or {@code toString}. Wire readers
 * and mappers are package-private.
 */
package io.marketgate.upstream.odds;
