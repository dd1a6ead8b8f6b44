package io.marketgate.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How fresh an answer is: where it came from, how old it is, and which version of which continuous
 * run of data it belongs to.
 *
 * @param provenance where the value came from ({@code X-Source})
 * @param age time since the value was published or loaded, at the moment this label was made
 * @param seq version of the value within its key, strictly increasing ({@code X-Seq})
 * @param epoch continuity counter; a change means derived state must be distrusted ({@code
 *     X-Epoch})
 * @param asOf wall time at which the value was published or loaded
 */
public record Freshness(Provenance provenance, Duration age, long seq, long epoch, Instant asOf) {

  /** Validates the parts. */
  public Freshness {
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(age, "age");
    Objects.requireNonNull(asOf, "asOf");
    if (age.isNegative()) {
      throw new IllegalArgumentException("age must not be negative, was " + age);
    }
    if (seq < 0 || epoch < 0) {
      throw new IllegalArgumentException(
          "seq and epoch must not be negative, were " + seq + " and " + epoch);
    }
  }

  /** Age in whole milliseconds ({@code X-Age-Ms}). */
  public long ageMillis() {
    return age.toMillis();
  }

  /** True when the value is older than {@code maxAge}. */
  public boolean olderThan(Duration maxAge) {
    return age.compareTo(maxAge) > 0;
  }
}
