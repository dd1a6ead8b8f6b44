package io.marketgate.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link PollPolicy}: validation and jitter bounds. */
class PollPolicyTest {

  @Test
  void nextDelay_tenPercentJitter_staysWithinBoundsAndVaries() {
    PollPolicy policy = PollPolicy.every(Duration.ofSeconds(30));
    SplittableRandom random = new SplittableRandom(1);

    java.util.Set<Duration> seen = new java.util.HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Duration d = policy.nextDelay(random);
      assertThat(d).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(33));
      seen.add(d);
    }
    assertThat(seen).hasSizeGreaterThan(100);
  }

  @Test
  void constructor_badJitter_throwsNamingIt() {
    assertThatThrownBy(() -> PollPolicy.every(Duration.ofSeconds(1)).withJitter(0.9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jitter");
  }
}
