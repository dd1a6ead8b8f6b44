package io.marketgate.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("2026-01-09T23:00:00Z");

  @Test
  void parse_delaySeconds_isThatManySeconds() {
    assertThat(RetryAfter.parse("120", NOW)).hasValue(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse(" 0 ", NOW)).hasValue(Duration.ZERO);
  }

  @Test
  void parse_httpDate_isTheTimeUntilThen() {
    assertThat(RetryAfter.parse("Fri, 09 Jan 2026 23:00:30 GMT", NOW))
        .hasValue(Duration.ofSeconds(30));
  }

  @Test
  void parse_httpDateInThePast_isZero() {
    assertThat(RetryAfter.parse("Fri, 09 Jan 2026 22:59:00 GMT", NOW)).hasValue(Duration.ZERO);
  }

  @Test
  void parse_junk_isEmpty() {
    assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
    assertThat(RetryAfter.parse("", NOW)).isEmpty();
    assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
    assertThat(RetryAfter.parse("99999999999999999999999", NOW)).isEmpty();
  }
}
