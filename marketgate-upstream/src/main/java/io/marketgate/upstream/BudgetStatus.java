package io.marketgate.upstream;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What a {@link Budget} has done and how much room it has left, as one immutable value: the source
 * of {@code /v1/sources} and of the upstream metrics.
 *
 * @param name the budget's name, for example {@code kalshi}
 * @param circuit state of the circuit breaker
 * @param availableTokens tokens in the budget's main bucket now (negative while it is paying back a
 *     penalty); empty for a budget without a bucket
 * @param remainingCredits credits the upstream last said are left (The Odds API); empty when the
 *     upstream never said
 * @param lastError the last failed attempt, if any
 * @param endpoints counters by endpoint label, sorted by label
 */
public record BudgetStatus(
    String name,
    CircuitState circuit,
    OptionalLong availableTokens,
    OptionalLong remainingCredits,
    Optional<Failure> lastError,
    Map<String, EndpointStatus> endpoints) {

  /** Validates the parts and copies the endpoint map. */
  public BudgetStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(circuit, "circuit");
    Objects.requireNonNull(availableTokens, "availableTokens");
    Objects.requireNonNull(remainingCredits, "remainingCredits");
    Objects.requireNonNull(lastError, "lastError");
    endpoints = Collections.unmodifiableMap(new TreeMap<>(endpoints));
  }

  /** The status of a budget called {@code name} that has made no calls and has no limits. */
  public static BudgetStatus empty(String name) {
    return new BudgetStatus(
        name,
        CircuitState.CLOSED,
        OptionalLong.empty(),
        OptionalLong.empty(),
        Optional.empty(),
        Map.of());
  }

  /** How many attempts of all endpoints ended with {@code outcome}. */
  public long count(Outcome outcome) {
    return endpoints.values().stream().mapToLong(e -> e.count(outcome)).sum();
  }

  /** How many attempts of all endpoints were actually sent upstream. */
  public long attempts() {
    return endpoints.values().stream().mapToLong(EndpointStatus::attempts).sum();
  }

  /** How many attempts of all endpoints were retries. */
  public long retries() {
    return endpoints.values().stream().mapToLong(EndpointStatus::retries).sum();
  }

  /** The state of a budget's circuit breaker. */
  public enum CircuitState {
    /** Calls flow. */
    CLOSED,
    /** Calls are refused with {@link Outcome#CIRCUIT_OPEN} until the wait is over. */
    OPEN,
    /** A few probe calls are let through to decide between closed and open. */
    HALF_OPEN
  }

  /**
   * The counters of one endpoint.
   *
   * @param calls calls made through {@link Budget#execute}
   * @param attempts attempts actually sent upstream (first tries and retries)
   * @param retries attempts that were retries
   * @param outcomes attempts by outcome, every outcome present; refused attempts (never sent) count
   *     as {@link Outcome#RATE_LIMITED} or {@link Outcome#CIRCUIT_OPEN}
   */
  public record EndpointStatus(
      long calls, long attempts, long retries, Map<Outcome, Long> outcomes) {

    /** Copies the outcome counts, filling in zeros for missing outcomes. */
    public EndpointStatus {
      EnumMap<Outcome, Long> all = new EnumMap<>(Outcome.class);
      for (Outcome o : Outcome.values()) {
        all.put(o, outcomes.getOrDefault(o, 0L));
      }
      outcomes = Collections.unmodifiableMap(all);
    }

    /** How many attempts ended with {@code outcome}. */
    public long count(Outcome outcome) {
      return outcomes.get(outcome);
    }
  }

  /**
   * One failed attempt.
   *
   * @param endpoint the endpoint label
   * @param outcome how it ended
   * @param message what went wrong; never contains credentials
   * @param at wall time of the failure
   */
  public record Failure(String endpoint, Outcome outcome, String message, Instant at) {

    /** Validates the parts. */
    public Failure {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(message, "message");
      Objects.requireNonNull(at, "at");
    }
  }
}
