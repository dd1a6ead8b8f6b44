package io.marketgate.upstream.odds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WireJsonTest {

  private static JsonNode json(String text) throws Exception {
    return WireJson.MAPPER.readTree(text);
  }

  @Test
  void exactLong_integersAbove2pow53_keepEveryDigit() throws Exception {
    JsonNode node =
        json(
            "{\"a\": 68327798229687601, \"b\": \"9007199254740993\", \"c\": 9223372036854775807,"
                + " \"d\": 6.8327798229687601E16}");

    assertThat(WireJson.exactLong(node, "a")).hasValue(68327798229687601L);
    assertThat(WireJson.exactLong(node, "b")).hasValue(9007199254740993L);
    assertThat(WireJson.exactLong(node, "c")).hasValue(Long.MAX_VALUE);
    assertThat(WireJson.exactLong(node, "d")).hasValue(68327798229687601L);
    assertThat(WireJson.exactLong(node, "missing")).isEmpty();
  }

  @Test
  void exactLong_fractionOrOverflow_isMalformed() throws Exception {
    JsonNode node = json("{\"a\": 1.5, \"b\": 9223372036854775808}");

    assertThatThrownBy(() -> WireJson.exactLong(node, "a"))
        .isInstanceOf(MalformedWire.class)
        .hasMessageStartingWith("a is not a 64-bit integer");
    assertThatThrownBy(() -> WireJson.exactLong(node, "b")).isInstanceOf(MalformedWire.class);
  }

  @Test
  void text_bigNumber_isExactDigits() throws Exception {
    assertThat(WireJson.text(json("{\"t\": 638712345678901234}"), "t"))
        .hasValue("638712345678901234");
  }

  @Test
  void instant_isoWithAndWithoutOffsetOrEpochSeconds_parse() throws Exception {
    JsonNode node =
        json(
            "{\"z\": \"2026-01-10T00:10:00Z\", \"local\": \"2026-01-10T00:10:00.5\","
                + " \"offset\": \"2026-01-09T19:10:00-05:00\", \"unix\": 1768003800}");

    Instant expected = Instant.parse("2026-01-10T00:10:00Z");
    assertThat(WireJson.instant(node, "z")).hasValue(expected);
    assertThat(WireJson.instant(node, "local")).hasValue(expected.plusMillis(500));
    assertThat(WireJson.instant(node, "offset")).hasValue(expected);
    assertThat(WireJson.instant(node, "unix")).hasValue(expected);
  }

  @Test
  void number_numericString_isRead() throws Exception {
    assertThat(WireJson.number(json("{\"p\": \"-110\"}"), "p")).hasValue(-110);
    assertThatThrownBy(() -> WireJson.number(json("{\"p\": \"x\"}"), "p"))
        .isInstanceOf(MalformedWire.class)
        .hasMessage("p is not a number: \"x\"");
  }
}
