package io.marketgate.upstream;

import java.util.Objects;

/**
 * The rate budget of one upstream credential, shared by everything that calls that upstream: it
 * decides when an attempt may be sent, retries what may be retried, and counts every call by
 * endpoint and outcome. Thread-safe.
 */
public interface Budget {

  /** The budget's name, for example {@code kalshi}. */
  String name();

  /**
   * Sends {@code request} through {@code transport} within this budget: waits for tokens and a
   * concurrency slot, retries retryable failures, and returns the first 2xx answer.
   *
   * @throws UpstreamException when no 2xx answer could be had; its outcome says why
   */
  UpstreamResponse execute(UpstreamRequest request, Transport transport);

  /**
   * What this budget has done and how much room it has left, now. The default knows nothing but the
   * name.
   */
  default BudgetStatus status() {
    return BudgetStatus.empty(name());
  }

  /** A budget that sends every attempt at once, once, with no limits: for tests and replay. */
  static Budget unlimited(String name) {
    return new UnlimitedBudget(Objects.requireNonNull(name, "name"));
  }
}
