package io.marketgate.store;

import io.marketgate.model.Market;
import io.marketgate.model.MarketKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The journaled state of one market: its status and the venue's top-of-book summary at a moment.
 *
 * @param key venue and ticker
 * @param eventTicker the event the market belongs to
 * @param status the venue's status word
 * @param yesBid best YES bid in dollars
 * @param yesAsk best YES ask in dollars
 * @param lastPrice last traded price in dollars
 * @param volume contracts traded
 * @param openInterest contracts open
 * @param capturedAt when the gateway published it
 * @param sourceSeq the sequence number of the snapshot it came from
 */
public record MarketState(
    MarketKey key,
    String eventTicker,
    String status,
    Optional<BigDecimal> yesBid,
    Optional<BigDecimal> yesAsk,
    Optional<BigDecimal> lastPrice,
    Optional<BigDecimal> volume,
    Optional<BigDecimal> openInterest,
    Instant capturedAt,
    long sourceSeq) {

  /** Validates that every part is present. */
  public MarketState {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(eventTicker, "eventTicker");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(yesBid, "yesBid");
    Objects.requireNonNull(yesAsk, "yesAsk");
    Objects.requireNonNull(lastPrice, "lastPrice");
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(openInterest, "openInterest");
    Objects.requireNonNull(capturedAt, "capturedAt");
  }

  /** The state of {@code market} captured at {@code capturedAt} from snapshot {@code seq}. */
  public static MarketState of(Market market, Instant capturedAt, long seq) {
    return new MarketState(
        market.key(),
        market.eventTicker(),
        market.status(),
        market.yesBid(),
        market.yesAsk(),
        market.lastPrice(),
        market.volume(),
        market.openInterest(),
        capturedAt,
        seq);
  }

  /** Whether {@code other} describes the same state, whenever it was captured. */
  public boolean sameStateAs(MarketState other) {
    return key.equals(other.key)
        && eventTicker.equals(other.eventTicker)
        && status.equals(other.status)
        && Decimals.same(yesBid, other.yesBid)
        && Decimals.same(yesAsk, other.yesAsk)
        && Decimals.same(lastPrice, other.lastPrice)
        && Decimals.same(volume, other.volume)
        && Decimals.same(openInterest, other.openInterest);
  }
}
