/**
 * Polymarket CLOB market data: the REST adapter ({@link
 * io.marketgate.upstream.polymarket.PolymarketRest}) for {@code /book}, {@code /books}, {@code
 * /price} and {@code /midpoint}, and the market-channel WebSocket stream ({@link
 * io.marketgate.upstream.polymarket.PolymarketBookStream}) that keeps books live without sequence
 * numbers: a per-asset silence watchdog, REST re-syncs and an epoch bump whenever continuity is not
 * guaranteed.
 *
 * <p>Wire formats follow {@code shared/reference/upstream-apis.md} §2: book sides are read from
 * {@code bids}/{@code asks} or {@code buys}/{@code sells} in any order (best bid = highest price,
 * best ask = lowest, never a fixed index); {@code price_change} is read in the current schema
 * ({@code price_changes[]}) and the older one ({@code changes[]}), with {@code size} as the new
 * absolute size; numbers may be strings. Wire mappers are package-private. No public method accepts
 * or returns {@code null}. This package never reaches into another venue's package.
 */
package io.marketgate.upstream.polymarket;
