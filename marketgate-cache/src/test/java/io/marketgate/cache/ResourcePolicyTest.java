package io.marketgate.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResourcePolicyTest {

  private static final Duration TEN = Duration.ofSeconds(10);

  @Test
  void of_ttl_livesExactlyTtlWithoutExtras() {
    ResourcePolicy policy = ResourcePolicy.of(TEN);

    assertThat(policy).isEqualTo(new ResourcePolicy(TEN, TEN, TEN, Duration.ZERO, false));
  }

  @Test
  void withers_changeOneField() {
    ResourcePolicy policy =
        ResourcePolicy.of(TEN)
            .withRefreshAhead(Duration.ofSeconds(8))
            .withMaxStale(Duration.ofMinutes(5))
            .withNegativeTtl(Duration.ofSeconds(2))
            .withPersist(true);

    assertThat(policy)
        .isEqualTo(
            new ResourcePolicy(
                TEN, Duration.ofSeconds(8), Duration.ofMinutes(5), Duration.ofSeconds(2), true));
  }

  @Test
  void constructor_refreshAheadAboveTtl_namesRefreshAhead() {
    assertThatThrownBy(() -> ResourcePolicy.of(TEN).withRefreshAhead(Duration.ofSeconds(11)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("refreshAhead must not exceed ttl");
  }

  @Test
  void constructor_maxStaleBelowTtl_namesMaxStale() {
    assertThatThrownBy(() -> ResourcePolicy.of(TEN).withMaxStale(Duration.ofSeconds(9)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maxStale must be at least ttl");
  }

  @Test
  void constructor_zeroTtl_namesTtl() {
    assertThatThrownBy(() -> ResourcePolicy.of(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("ttl must be positive");
  }

  @Test
  void constructor_zeroRefreshAhead_namesRefreshAhead() {
    assertThatThrownBy(() -> ResourcePolicy.of(TEN).withRefreshAhead(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("refreshAhead must be positive");
  }

  @Test
  void constructor_negativeNegativeTtl_namesNegativeTtl() {
    assertThatThrownBy(() -> ResourcePolicy.of(TEN).withNegativeTtl(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("negativeTtl must not be negative");
  }

  @Test
  void constructor_nullField_namesTheField() {
    assertThatThrownBy(() -> new ResourcePolicy(TEN, TEN, null, Duration.ZERO, false))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("maxStale");
  }
}
