package io.marketgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text forms of durations, sizes and environment names. */
class ConfigTextTest {

  @Test
  void duration_shortAndIsoForms_parse() {
    assertThat(ConfigText.duration("500ms")).contains(Duration.ofMillis(500));
    assertThat(ConfigText.duration("30s")).contains(Duration.ofSeconds(30));
    assertThat(ConfigText.duration("5m")).contains(Duration.ofMinutes(5));
    assertThat(ConfigText.duration("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(ConfigText.duration("2d")).contains(Duration.ofDays(2));
    assertThat(ConfigText.duration("PT30S")).contains(Duration.ofSeconds(30));
    assertThat(ConfigText.duration(" 0s ")).contains(Duration.ZERO);
  }

  @Test
  void duration_withoutUnitOrMalformed_isEmpty() {
    assertThat(ConfigText.duration("30")).isEmpty();
    assertThat(ConfigText.duration("30 s")).isEmpty();
    assertThat(ConfigText.duration("5min")).isEmpty();
    assertThat(ConfigText.duration("PT")).isEmpty();
    assertThat(ConfigText.duration("")).isEmpty();
    assertThat(ConfigText.duration("99999999999999999999s")).isEmpty();
  }

  @Test
  void duration_formatted_readsBack() {
    for (Duration d :
        List.of(
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            Duration.ofMinutes(65),
            Duration.ofDays(1).plusMillis(1),
            Duration.ZERO)) {
      assertThat(ConfigText.duration(ConfigText.duration(d))).contains(d);
    }
    assertThat(ConfigText.duration(Duration.ofMinutes(90))).isEqualTo("1h30m");
  }

  @Test
  void bytes_unitsAreBinaryOrDecimal() {
    assertThat(ConfigText.bytes("65536")).contains(65_536L);
    assertThat(ConfigText.bytes("64KiB")).contains(65_536L);
    assertThat(ConfigText.bytes("1MB")).contains(1_000_000L);
    assertThat(ConfigText.bytes("1 mib")).contains(1L << 20);
    assertThat(ConfigText.bytes("lots")).isEmpty();
  }

  @Test
  void envName_camelCasePath_becomesUpperSnake() {
    assertThat(ConfigText.envName("server.port")).isEqualTo("MARKETGATE_SERVER_PORT");
    assertThat(ConfigText.envName("upstreams.oddsApi.apiKeyFile"))
        .isEqualTo("MARKETGATE_UPSTREAMS_ODDS_API_API_KEY_FILE");
    assertThat(ConfigText.envName("upstreams.kalshi.books.alwaysOn.series"))
        .isEqualTo("MARKETGATE_UPSTREAMS_KALSHI_BOOKS_ALWAYS_ON_SERIES");
  }

  @Test
  void suggestion_nearName_isOffered() {
    List<String> keys = List.of("host", "port", "maxRequestBytes");
    assertThat(ConfigText.suggestion("prot", keys)).contains("port");
    assertThat(ConfigText.suggestion("max_request_bytes", keys)).contains("maxRequestBytes");
    assertThat(ConfigText.suggestion("colour", keys)).isEmpty();
  }
}
