package io.marketgate.server.metrics;

import io.marketgate.upstream.Budget;
import io.marketgate.upstream.BudgetStatus;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.TokenBucketBudget;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;

/** The {@code marketgate_upstream_*} series: one set per {@link Budget}, tag {@code upstream}. */
final class BudgetMeters extends LiveMeters<BudgetMeters.View> {

  private final Supplier<? extends Collection<? extends Budget>> budgets;

  BudgetMeters(MeterRegistry registry, Supplier<? extends Collection<? extends Budget>> budgets) {
    super(registry);
    this.budgets = budgets;
  }

  /** A budget's status and, for a token bucket, the bucket's capacity. */
  record View(BudgetStatus status, OptionalLong capacity) {}

  @Override
  Map<String, View> snapshot() {
    Map<String, View> out = new LinkedHashMap<>();
    for (Budget b : budgets.get()) {
      OptionalLong capacity =
          b instanceof TokenBucketBudget t
              ? OptionalLong.of(t.limit().capacity())
              : OptionalLong.empty();
      out.putIfAbsent(b.name(), new View(b.status(), capacity));
    }
    return out;
  }

  @Override
  void register(String name, View view) {
    Tags up = Tags.of("upstream", name);
    BudgetStatus status = view.status();
    gauge(
        name,
        "marketgate.upstream.circuit.state",
        "Circuit breaker state: 0 closed, 1 half-open, 2 open.",
        "",
        up,
        v -> circuit(v.status().circuit()));
    status
        .endpoints()
        .forEach(
            (endpoint, e) -> {
              Tags ep = up.and("endpoint", endpoint);
              counter(
                  name,
                  "marketgate.upstream.requests",
                  "Calls made through the budget (each may take several attempts).",
                  ep,
                  v -> endpoint(v, endpoint).calls());
              counter(
                  name,
                  "marketgate.upstream.retries",
                  "Attempts that were retries.",
                  ep,
                  v -> endpoint(v, endpoint).retries());
              for (Outcome o : Outcome.values()) {
                counter(
                    name,
                    "marketgate.upstream.calls",
                    "Attempts by outcome; refused attempts (never sent) count as rate_limited or"
                        + " circuit_open.",
                    ep.and("outcome", o.label()),
                    v -> endpoint(v, endpoint).count(o));
              }
            });
    if (status.availableTokens().isPresent()) {
      gauge(
          name,
          "marketgate.upstream.available.tokens",
          "Tokens in the budget's main bucket now (negative while paying back a penalty).",
          "",
          up,
          v -> optional(v.status().availableTokens()));
    }
    if (view.capacity().isPresent()) {
      gauge(
          name,
          "marketgate.upstream.capacity.tokens",
          "Most tokens the budget's main bucket holds.",
          "",
          up,
          v -> optional(v.capacity()));
    }
    if (status.remainingCredits().isPresent()) {
      gauge(
          name,
          "marketgate.upstream.remaining.credits",
          "Credits the upstream last said are left.",
          "",
          up,
          v -> optional(v.status().remainingCredits()));
    }
  }

  /** The circuit state as a number that grows with trouble. */
  static double circuit(BudgetStatus.CircuitState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }

  private static BudgetStatus.EndpointStatus endpoint(View v, String endpoint) {
    BudgetStatus.EndpointStatus e = v.status().endpoints().get(endpoint);
    return e != null ? e : new BudgetStatus.EndpointStatus(0, 0, 0, Map.of());
  }

  private static double optional(OptionalLong v) {
    return v.isPresent() ? v.getAsLong() : Double.NaN;
  }
}
