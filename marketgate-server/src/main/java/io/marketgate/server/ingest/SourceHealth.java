package io.marketgate.server.ingest;

import io.marketgate.cache.Clock;
import io.marketgate.cache.ResourceUnavailableException;
import io.marketgate.server.ingest.SourceStatus.Kind;
import io.marketgate.server.ingest.SourceStatus.State;
import io.marketgate.upstream.BudgetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bookkeeping every source shares: when data last arrived, the run of failures, the last error,
 * named counters, and the state rule of a poller. Thread-safe.
 */
final class SourceHealth {

  private final String name;
  private final String venue;
  private final Kind kind;
  private final Clock clock;
  private final Duration silentAfter;
  private final int downAfterFailures;
  private final Map<String, AtomicLong> counters = new LinkedHashMap<>();

  private long lastDataNanos;
  private Instant lastDataWall;
  private int consecutiveFailures;
  private String lastError;
  private boolean closed;

  SourceHealth(
      String name,
      String venue,
      Kind kind,
      Clock clock,
      Duration silentAfter,
      int downAfterFailures,
      String... counterNames) {
    this.name = Objects.requireNonNull(name, "name");
    this.venue = Objects.requireNonNull(venue, "venue");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.silentAfter = requirePositive("silentAfter", silentAfter);
    if (downAfterFailures < 1) {
      throw new IllegalArgumentException(
          "downAfterFailures must be at least 1, was " + downAfterFailures);
    }
    this.downAfterFailures = downAfterFailures;
    for (String c : counterNames) {
      counters.put(c, new AtomicLong());
    }
  }

  static Duration requirePositive(String what, Duration d) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + d);
    }
    return d;
  }

  Clock clock() {
    return clock;
  }

  Duration silentAfter() {
    return silentAfter;
  }

  /** Adds {@code n} to counter {@code counter}, which must have been declared. */
  void count(String counter, long n) {
    AtomicLong c = counters.get(counter);
    if (c == null) {
      throw new IllegalArgumentException("source " + name + " has no counter " + counter);
    }
    c.addAndGet(n);
  }

  /** Adds one to counter {@code counter}. */
  void count(String counter) {
    count(counter, 1);
  }

  /** Data arrived now; ends a run of failures. */
  synchronized void data() {
    lastDataNanos = clock.nanoTime();
    lastDataWall = clock.wallTime();
    consecutiveFailures = 0;
  }

  /** Data arrived now (a stream message); does not end a run of failures of other calls. */
  synchronized void dataOnly() {
    lastDataNanos = clock.nanoTime();
    lastDataWall = clock.wallTime();
  }

  /** A call failed with {@code failure}. */
  synchronized void failure(Throwable failure) {
    consecutiveFailures++;
    lastError = describe(failure);
    count("failures");
  }

  /** A call failed for {@code reason}. */
  synchronized void failure(String reason) {
    consecutiveFailures++;
    lastError = reason;
    count("failures");
  }

  /** Records {@code reason} as the last error without counting a failure. */
  synchronized void note(String reason) {
    lastError = reason;
  }

  synchronized void closed() {
    closed = true;
  }

  synchronized boolean isClosed() {
    return closed;
  }

  synchronized int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** Age of the last data now, or empty before any. */
  synchronized Optional<Duration> age() {
    return lastDataWall == null
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(Math.max(0L, clock.nanoTime() - lastDataNanos)));
  }

  /**
   * The state of a poller: STARTING before data (DOWN once enough polls failed), DOWN after {@code
   * downAfterFailures} failures in a row, DEGRADED after any failure or when the data is older than
   * {@code silentAfter}, else LIVE.
   */
  synchronized State pollState() {
    if (closed) {
      return State.STOPPED;
    }
    if (consecutiveFailures >= downAfterFailures) {
      return State.DOWN;
    }
    if (lastDataWall == null) {
      return State.STARTING;
    }
    if (consecutiveFailures > 0 || isSilent()) {
      return State.DEGRADED;
    }
    return State.LIVE;
  }

  /** Whether data is older than {@code silentAfter} (false before any data). */
  synchronized boolean isSilent() {
    return lastDataWall != null && clock.nanoTime() - lastDataNanos > silentAfter.toNanos();
  }

  synchronized boolean hasFailedEnoughToBeDown() {
    return consecutiveFailures >= downAfterFailures;
  }

  /** The status with {@code state}, {@code keys}, {@code epochBumps}, the budget and extras. */
  synchronized SourceStatus status(
      State state, int keys, long epochBumps, BudgetStatus budget, Map<String, Long> extra) {
    Map<String, Long> all = new LinkedHashMap<>();
    counters.forEach((k, v) -> all.put(k, v.get()));
    all.putAll(extra);
    return new SourceStatus(
        name,
        venue,
        kind,
        closed ? State.STOPPED : state,
        Optional.ofNullable(lastDataWall),
        age(),
        silentAfter,
        Optional.ofNullable(lastError),
        keys,
        epochBumps,
        budget,
        all);
  }

  /** A one-line description of {@code failure} without its wrappers. */
  static String describe(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException
            || t instanceof ExecutionException
            || t instanceof ResourceUnavailableException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
