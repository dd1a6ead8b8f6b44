package io.marketgate.upstream.kalshi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Kalshi event (a game or question grouping markets), with its markets when they were asked for
 * ({@code with_nested_markets=true}). Immutable.
 *
 * @param eventTicker event ticker, for example {@code KXNBAGAME-26JAN09TORBOS}
 * @param seriesTicker series ticker, for example {@code KXNBAGAME}
 * @param title event title, for example "Toronto at Boston"
 * @param subTitle event subtitle
 * @param strikeDate the event's strike date, when the venue sends one
 * @param mutuallyExclusive whether at most one market of the event can resolve YES
 * @param markets the nested markets; empty when not requested
 */
public record KalshiEvent(
    String eventTicker,
    Optional<String> seriesTicker,
    Optional<String> title,
    Optional<String> subTitle,
    Optional<Instant> strikeDate,
    boolean mutuallyExclusive,
    List<KalshiMarket> markets) {

  /** Validates the ticker and copies the markets. */
  public KalshiEvent {
    if (eventTicker == null || eventTicker.isBlank()) {
      throw new IllegalArgumentException("KalshiEvent: eventTicker is missing");
    }
    Objects.requireNonNull(seriesTicker, "seriesTicker");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(subTitle, "subTitle");
    Objects.requireNonNull(strikeDate, "strikeDate");
    markets = List.copyOf(markets);
  }
}
