package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VenueTest {

  @Test
  void id_everyVenue_isLowerCaseEnumName() {
    assertThat(Venue.KALSHI.id()).isEqualTo("kalshi");
    assertThat(Venue.POLYMARKET.id()).isEqualTo("polymarket");
    assertThat(Venue.BINANCE.id()).isEqualTo("binance");
    assertThat(Venue.ODDS_API.id()).isEqualTo("odds_api");
    assertThat(Venue.UNABATED.id()).isEqualTo("unabated");
  }

  @Test
  void parse_everyId_roundTrips() {
    for (Venue venue : Venue.values()) {
      assertThat(Venue.parse(venue.id())).isSameAs(venue);
      assertThat(venue.id()).doesNotContain(":", "|", " ");
    }
  }

  @Test
  void parse_unknownId_listsValidIds() {
    assertThatThrownBy(() -> Venue.parse("kalshy"))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "Venue: unknown venue id \"kalshy\"; expected one of"
                + " [kalshi, polymarket, binance, odds_api, unabated]");
  }

  @Test
  void parse_upperCaseOrNull_isRejected() {
    assertThatThrownBy(() -> Venue.parse("KALSHI"))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("\"KALSHI\"");
    assertThatThrownBy(() -> Venue.parse(null))
        .isInstanceOf(ModelException.class)
        .hasMessageContaining("unknown venue id null");
  }
}
