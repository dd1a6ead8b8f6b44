package io.marketgate.upstream;

import io.marketgate.cache.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The call counters of one budget, by endpoint and outcome, and its last failure. Thread-safe;
 * counting is a {@link LongAdder} increment, so the hot path never contends on a lock.
 */
final class CallCounters {

  private final Clock clock;
  private final ConcurrentHashMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();
  private final AtomicReference<BudgetStatus.Failure> lastError = new AtomicReference<>();

  CallCounters(Clock clock) {
    this.clock = clock;
  }

  /** Counts one call of {@code endpoint}. */
  void call(String endpoint) {
    endpoint(endpoint).calls.increment();
  }

  /** Counts one attempt that was sent, with its outcome; {@code retry} when not the first. */
  void sent(String endpoint, Outcome outcome, boolean retry) {
    Endpoint e = endpoint(endpoint);
    e.attempts.increment();
    if (retry) {
      e.retries.increment();
    }
    e.outcomes[outcome.ordinal()].increment();
  }

  /** Counts one attempt that was refused before sending. */
  void refused(String endpoint, Outcome outcome) {
    endpoint(endpoint).outcomes[outcome.ordinal()].increment();
  }

  /** Remembers {@code failure} as the last error. */
  void failed(UpstreamException failure) {
    lastError.set(
        new BudgetStatus.Failure(
            failure.endpoint(), failure.outcome(), failure.getMessage(), clock.wallTime()));
  }

  /** The last error, if any. */
  Optional<BudgetStatus.Failure> lastError() {
    return Optional.ofNullable(lastError.get());
  }

  /** A copy of the counters, by endpoint label. */
  Map<String, BudgetStatus.EndpointStatus> snapshot() {
    Map<String, BudgetStatus.EndpointStatus> out = new TreeMap<>();
    endpoints.forEach(
        (name, e) -> {
          Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
          for (Outcome o : Outcome.values()) {
            outcomes.put(o, e.outcomes[o.ordinal()].sum());
          }
          out.put(
              name,
              new BudgetStatus.EndpointStatus(
                  e.calls.sum(), e.attempts.sum(), e.retries.sum(), outcomes));
        });
    return out;
  }

  private Endpoint endpoint(String name) {
    return endpoints.computeIfAbsent(name, n -> new Endpoint());
  }

  private static final class Endpoint {
    final LongAdder calls = new LongAdder();
    final LongAdder attempts = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder[] outcomes = new LongAdder[Outcome.values().length];

    Endpoint() {
      for (int i = 0; i < outcomes.length; i++) {
        outcomes[i] = new LongAdder();
      }
    }
  }
}
