package io.marketgate.sim.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  @Test
  void tryTake_basicTier_twentyRequestsPerSecondThenRefills() {
    AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-09T00:00:00Z"));
    InstantSource clock = now::get;
    TokenBucket bucket = new TokenBucket(200, 200, clock);
    int taken = 0;
    while (bucket.tryTake(10)) {
      taken++;
    }
    assertThat(taken).isEqualTo(20);
    now.set(now.get().plusMillis(50));
    assertThat(bucket.tryTake(10)).isTrue();
    assertThat(bucket.tryTake(10)).isFalse();
    now.set(now.get().plusSeconds(60));
    taken = 0;
    while (bucket.tryTake(10)) {
      taken++;
    }
    assertThat(taken).as("refill is capped at the capacity").isEqualTo(20);
  }
}
