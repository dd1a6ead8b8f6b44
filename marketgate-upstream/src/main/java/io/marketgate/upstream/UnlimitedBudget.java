package io.marketgate.upstream;

import io.marketgate.cache.Clock;

/**
 * A budget that sends every attempt at once, once, with no limits, and only counts: for tests and
 * replay. Thread-safe.
 */
final class UnlimitedBudget implements Budget {

  private final String name;
  private final CallCounters counters = new CallCounters(Clock.system());

  UnlimitedBudget(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public UpstreamResponse execute(UpstreamRequest request, Transport transport) {
    counters.call(request.endpoint());
    UpstreamResponse r;
    try {
      r = transport.send(request);
    } catch (UpstreamException e) {
      counters.sent(request.endpoint(), e.outcome(), false);
      counters.failed(e);
      throw e;
    }
    counters.sent(request.endpoint(), r.outcome(), false);
    if (r.outcome() != Outcome.OK) {
      UpstreamException e =
          new UpstreamException(request.endpoint(), r.outcome(), r.status(), "HTTP " + r.status());
      counters.failed(e);
      throw e;
    }
    return r;
  }

  @Override
  public BudgetStatus status() {
    BudgetStatus empty = BudgetStatus.empty(name);
    return new BudgetStatus(
        name,
        empty.circuit(),
        empty.availableTokens(),
        empty.remainingCredits(),
        counters.lastError(),
        counters.snapshot());
  }

  @Override
  public String toString() {
    return "UnlimitedBudget[" + name + "]";
  }
}
