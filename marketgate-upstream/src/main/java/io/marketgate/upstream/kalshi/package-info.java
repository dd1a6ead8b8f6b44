/**
 * Kalshi Trade API v2: request signing ({@link io.marketgate.upstream.kalshi.KalshiSigner}), the
 * REST adapter ({@link io.marketgate.upstream.kalshi.KalshiRest}) with its value records ({@link
 * io.marketgate.upstream.kalshi.KalshiMarket}, {@link io.marketgate.upstream.kalshi.KalshiEvent}),
 * the NBA ticker grammar ({@link io.marketgate.upstream.kalshi.NbaTicker}) and the order-book
 * WebSocket stream ({@link io.marketgate.upstream.kalshi.KalshiBookStream}).
 *
 * <p>Wire formats follow {@code shared/reference/upstream-apis.md} §1: both the fixed-point and the
 * legacy cent payloads are parsed, numbers may arrive as strings or JSON numbers, and the order of
 * book levels is never trusted. Wire DTOs and mappers are package-private. No public method accepts
 * or returns {@code null}. This package never reaches into another venue's package.
 */
package io.marketgate.upstream.kalshi;
