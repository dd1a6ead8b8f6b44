package io.marketgate.upstream.kalshi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One Kalshi market as the REST API describes it, normalized: prices in dollars whichever
 * generation of fields carried them ({@code *_dollars} or legacy cents), counts from {@code *_fp}
 * or the legacy integers. Immutable.
 *
 * @param ticker market ticker, for example {@code KXNBAGAME-26JAN08MIACHI-MIA}
 * @param eventTicker ticker of the event the market belongs to
 * @param status the market's status as sent ({@code active}, {@code closed}, {@code finalized}, or
 *     the filter spellings {@code open}, {@code settled}...)
 * @param marketType {@code binary} for the markets this gateway handles
 * @param title market title; generic for NBA totals, so never parse strikes from it
 * @param subtitle market subtitle
 * @param yesSubTitle what YES means, for example a team name or "Over 219.5 points"
 * @param noSubTitle what NO means
 * @param openTime when trading opens
 * @param closeTime when trading closes
 * @param expectedExpirationTime when the outcome is expected to be known
 * @param yesBid best YES bid, dollars
 * @param yesAsk best YES ask, dollars
 * @param noBid best NO bid, dollars
 * @param noAsk best NO ask, dollars
 * @param lastPrice last traded YES price, dollars
 * @param volume contracts traded, fractional since the fixed-point migration
 * @param volume24h contracts traded in the last 24 hours
 * @param openInterest contracts open
 * @param liquidity the venue's liquidity figure, dollars (legacy values may be negative)
 * @param strikeType {@code greater}, {@code less}, {@code between}...
 * @param floorStrike lower strike
 * @param capStrike upper strike
 * @param result settlement result ({@code yes}/{@code no}) once known
 * @param priceLevelStructure tick grid ({@code linear_cent}, {@code tapered_deci_cent}, {@code
 *     deci_cent})
 */
public record KalshiMarket(
    String ticker,
    String eventTicker,
    Optional<String> status,
    Optional<String> marketType,
    Optional<String> title,
    Optional<String> subtitle,
    Optional<String> yesSubTitle,
    Optional<String> noSubTitle,
    Optional<Instant> openTime,
    Optional<Instant> closeTime,
    Optional<Instant> expectedExpirationTime,
    Optional<BigDecimal> yesBid,
    Optional<BigDecimal> yesAsk,
    Optional<BigDecimal> noBid,
    Optional<BigDecimal> noAsk,
    Optional<BigDecimal> lastPrice,
    Optional<BigDecimal> volume,
    Optional<BigDecimal> volume24h,
    Optional<BigDecimal> openInterest,
    Optional<BigDecimal> liquidity,
    Optional<String> strikeType,
    Optional<BigDecimal> floorStrike,
    Optional<BigDecimal> capStrike,
    Optional<String> result,
    Optional<String> priceLevelStructure) {

  private static final Set<String> TRADING = Set.of("active", "open");

  /** Validates that the identity is present and no component is null. */
  public KalshiMarket {
    if (ticker == null || ticker.isBlank()) {
      throw new IllegalArgumentException("KalshiMarket: ticker is missing");
    }
    if (eventTicker == null || eventTicker.isBlank()) {
      throw new IllegalArgumentException("KalshiMarket " + ticker + ": eventTicker is missing");
    }
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(marketType, "marketType");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(subtitle, "subtitle");
    Objects.requireNonNull(yesSubTitle, "yesSubTitle");
    Objects.requireNonNull(noSubTitle, "noSubTitle");
    Objects.requireNonNull(openTime, "openTime");
    Objects.requireNonNull(closeTime, "closeTime");
    Objects.requireNonNull(expectedExpirationTime, "expectedExpirationTime");
    Objects.requireNonNull(yesBid, "yesBid");
    Objects.requireNonNull(yesAsk, "yesAsk");
    Objects.requireNonNull(noBid, "noBid");
    Objects.requireNonNull(noAsk, "noAsk");
    Objects.requireNonNull(lastPrice, "lastPrice");
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(volume24h, "volume24h");
    Objects.requireNonNull(openInterest, "openInterest");
    Objects.requireNonNull(liquidity, "liquidity");
    Objects.requireNonNull(strikeType, "strikeType");
    Objects.requireNonNull(floorStrike, "floorStrike");
    Objects.requireNonNull(capStrike, "capStrike");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(priceLevelStructure, "priceLevelStructure");
  }

  /**
   * Whether the status says the market trades now ({@code active}, or the filter word {@code
   * open}).
   */
  public boolean isTrading() {
    return status.map(TRADING::contains).orElse(false);
  }
}
