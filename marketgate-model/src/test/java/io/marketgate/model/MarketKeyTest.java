package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class MarketKeyTest {

  @Test
  void toString_kalshiMarket_isCanonicalForm() {
    MarketKey key = new MarketKey(Venue.KALSHI, "KXNBAGAME-26JAN08MIACHI-MIA");

    assertThat(key).hasToString("kalshi:KXNBAGAME-26JAN08MIACHI-MIA");
  }

  @Test
  void parse_canonicalForm_roundTrips() {
    MarketKey key = new MarketKey(Venue.ODDS_API, "abc:def");

    assertThat(MarketKey.parse(key.toString())).isEqualTo(key);
    assertThat(MarketKey.parse("kalshi:KXNBAGAME-26JAN08MIACHI-MIA"))
        .isEqualTo(new MarketKey(Venue.KALSHI, "KXNBAGAME-26JAN08MIACHI-MIA"));
  }

  @Test
  void new_missingVenue_namesRecordAndPart() {
    assertThatThrownBy(() -> new MarketKey(null, "BTCUSDT"))
        .isInstanceOf(ModelException.class)
        .hasMessage("MarketKey: venue is missing");
  }

  @Test
  void new_missingOrEmptyTicker_namesRecordAndPart() {
    assertThatThrownBy(() -> new MarketKey(Venue.BINANCE, null))
        .isInstanceOf(ModelException.class)
        .hasMessage("MarketKey: ticker is missing");
    assertThatThrownBy(() -> new MarketKey(Venue.BINANCE, ""))
        .isInstanceOf(ModelException.class)
        .hasMessage("MarketKey: ticker is empty");
  }

  @Test
  void new_tickerWithWhitespace_namesCharAndIndex() {
    assertThatThrownBy(() -> new MarketKey(Venue.BINANCE, "BTC USDT"))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "MarketKey: ticker must not contain whitespace or control characters"
                + " (found U+0020 at index 3): \"BTC USDT\"");
    assertThatThrownBy(() -> new MarketKey(Venue.BINANCE, "   "))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("whitespace");
    assertThatThrownBy(() -> new MarketKey(Venue.BINANCE, "BTC\u00A0USDT"))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("U+00A0");
  }

  @Test
  void new_tickerOf200Chars_isAcceptedAnd201IsRejected() {
    assertThat(new MarketKey(Venue.POLYMARKET, "9".repeat(200)).ticker()).hasSize(200);
    assertThatThrownBy(() -> new MarketKey(Venue.POLYMARKET, "9".repeat(201)))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("MarketKey: ticker is 201 chars, longer than the maximum 200: ");
  }

  @Test
  void parse_withoutColon_showsExpectedForm() {
    assertThatThrownBy(() -> MarketKey.parse("KXNBAGAME"))
        .isInstanceOf(ModelException.class)
        .hasMessage("MarketKey: expected \"venue:ticker\" but got \"KXNBAGAME\"");
    assertThatThrownBy(() -> MarketKey.parse(null))
        .isInstanceOf(ModelException.class)
        .hasMessage("MarketKey: expected \"venue:ticker\" but got null");
  }

  @Test
  void parse_unknownVenue_namesRecordAndValidVenues() {
    assertThatThrownBy(() -> MarketKey.parse("nyse:IBM"))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("MarketKey: cannot parse \"nyse:IBM\": Venue: unknown venue id")
        .hasMessageContaining("kalshi, polymarket");
  }

  @Test
  void parse_emptyTicker_isRejected() {
    assertThatThrownBy(() -> MarketKey.parse("kalshi:"))
        .isInstanceOf(ModelException.class)
        .hasMessage("MarketKey: ticker is empty");
  }

  @Test
  void compareTo_mixedKeys_ordersByVenueIdThenTicker() {
    MarketKey a = new MarketKey(Venue.BINANCE, "ETHUSDT");
    MarketKey b = new MarketKey(Venue.KALSHI, "A");
    MarketKey c = new MarketKey(Venue.KALSHI, "B");
    MarketKey d = new MarketKey(Venue.POLYMARKET, "1");
    List<MarketKey> keys = new ArrayList<>(List.of(d, c, b, a));
    Collections.shuffle(keys);

    Collections.sort(keys);

    assertThat(keys).containsExactly(a, b, c, d);
    assertThat(b.compareTo(new MarketKey(Venue.KALSHI, "A"))).isZero();
  }

  @Property
  void parse_anyValidKey_roundTripsAndIsInjective(
      @ForAll Venue venue,
      @ForAll @StringLength(min = 1, max = 200) @CharRange(from = '!', to = '~') String ticker) {
    MarketKey key = new MarketKey(venue, ticker);

    assertThat(MarketKey.parse(key.toString())).isEqualTo(key);
    assertThat(EventKey.parse(venue.id() + ":" + ticker)).isEqualTo(new EventKey(venue, ticker));
  }
}
