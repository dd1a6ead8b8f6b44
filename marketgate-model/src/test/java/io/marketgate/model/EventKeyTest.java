package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EventKeyTest {

  @Test
  void toString_kalshiEvent_isCanonicalAndParsesBack() {
    EventKey key = new EventKey(Venue.KALSHI, "KXNBAGAME-26JAN08MIACHI");

    assertThat(key).hasToString("kalshi:KXNBAGAME-26JAN08MIACHI");
    assertThat(EventKey.parse(key.toString())).isEqualTo(key);
  }

  @Test
  void new_badParts_nameRecordAndPart() {
    assertThatThrownBy(() -> new EventKey(null, "x"))
        .isInstanceOf(ModelException.class)
        .hasMessage("EventKey: venue is missing");
    assertThatThrownBy(() -> new EventKey(Venue.UNABATED, "a\tb"))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("EventKey: id must not contain whitespace");
  }

  @Test
  void parse_withoutColon_showsExpectedForm() {
    assertThatThrownBy(() -> EventKey.parse("x"))
        .isInstanceOf(ModelException.class)
        .hasMessage("EventKey: expected \"venue:id\" but got \"x\"");
  }

  @Test
  void compareTo_sameVenue_ordersById() {
    assertThat(new EventKey(Venue.KALSHI, "A")).isLessThan(new EventKey(Venue.KALSHI, "B"));
    assertThat(new EventKey(Venue.BINANCE, "Z")).isLessThan(new EventKey(Venue.KALSHI, "A"));
  }
}
