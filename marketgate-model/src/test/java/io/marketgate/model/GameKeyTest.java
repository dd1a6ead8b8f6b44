package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class GameKeyTest {

  private static final Instant START = Instant.parse("2026-01-10T00:30:00Z");

  @Test
  void toString_game_isTickerBarIsoUtcStart() {
    GameKey key = new GameKey("KXNBAGAME-26JAN09TORBOS", START);

    assertThat(key).hasToString("KXNBAGAME-26JAN09TORBOS|2026-01-10T00:30:00Z");
  }

  @Test
  void parse_canonicalForm_roundTrips() {
    GameKey key = new GameKey("KXNBAGAME-26JAN09TORBOS", Instant.parse("2026-01-10T00:30:00.5Z"));

    assertThat(GameKey.parse(key.toString())).isEqualTo(key);
  }

  @Test
  void parse_offsetOrMillis_normalizesToCanonicalUtc() {
    GameKey key = GameKey.parse("KXNBAGAME-26JAN09TORBOS|2026-01-09T19:30:00.000-05:00");

    assertThat(key.eventStart()).isEqualTo(START);
    assertThat(key).hasToString("KXNBAGAME-26JAN09TORBOS|2026-01-10T00:30:00Z");
  }

  @Test
  void new_missingParts_nameRecordAndPart() {
    assertThatThrownBy(() -> new GameKey("KXNBAGAME-26JAN09TORBOS", null))
        .isInstanceOf(ModelException.class)
        .hasMessage("GameKey: eventStart is missing");
    assertThatThrownBy(() -> new GameKey(null, START))
        .isInstanceOf(ModelException.class)
        .hasMessage("GameKey: eventTicker is missing");
  }

  @Test
  void new_tickerWithBar_isRejectedToKeepFormInjective() {
    assertThatThrownBy(() -> new GameKey("A|B", START))
        .isInstanceOf(ModelException.class)
        .hasMessage("GameKey: eventTicker must not contain '|' (index 1): \"A|B\"");
  }

  @Test
  void parse_badStart_namesPartAndExpectedFormat() {
    assertThatThrownBy(() -> GameKey.parse("KXNBAGAME-26JAN09TORBOS|2026-01-10"))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "GameKey: eventStart \"2026-01-10\" in \"KXNBAGAME-26JAN09TORBOS|2026-01-10\" is not"
                + " an ISO-8601 UTC instant such as 2026-01-10T00:30:00Z");
  }

  @Test
  void parse_withoutBar_showsExpectedForm() {
    assertThatThrownBy(() -> GameKey.parse("KXNBAGAME-26JAN09TORBOS"))
        .isInstanceOf(ModelException.class)
        .hasMessage(
            "GameKey: expected \"eventTicker|eventStart\" but got \"KXNBAGAME-26JAN09TORBOS\"");
  }

  @Test
  void compareTo_games_orderByStartThenTicker() {
    GameKey early = new GameKey("Z", START);
    GameKey lateA = new GameKey("A", START.plusSeconds(60));
    GameKey lateB = new GameKey("B", START.plusSeconds(60));

    assertThat(early).isLessThan(lateA);
    assertThat(lateA).isLessThan(lateB);
  }

  @Property
  void parse_anyValidKey_roundTrips(
      @ForAll @StringLength(min = 1, max = 200) @CharRange(from = '!', to = '{') String ticker,
      @ForAll @LongRange(min = 0, max = 4_102_444_800L) long epochSecond,
      @ForAll @LongRange(min = 0, max = 999_999_999L) long nanos) {
    GameKey key = new GameKey(ticker, Instant.ofEpochSecond(epochSecond, nanos));

    assertThat(GameKey.parse(key.toString())).isEqualTo(key);
  }
}
