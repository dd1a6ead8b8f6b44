package io.marketgate.sim.fault;

/** When an injected fault fires: on each of the next N matching calls, or on a random fraction. */
public sealed interface FaultTrigger {

  /**
   * Fires on each of the next {@code calls} matching calls, then the fault is removed.
   *
   * @param calls how many calls fail, at least 1
   */
  record NextCalls(int calls) implements FaultTrigger {
    /** Validates the count. */
    public NextCalls {
      if (calls < 1) {
        throw new IllegalArgumentException("FaultTrigger.NextCalls: calls must be >= 1: " + calls);
      }
    }
  }

  /**
   * Fires on each matching call with {@code probability} (drawn from the simulator's seeded random
   * source), until the fault is cleared.
   *
   * @param probability the chance per call, in (0, 1]
   */
  record Probability(double probability) implements FaultTrigger {
    /** Validates the probability. */
    public Probability {
      if (!(probability > 0 && probability <= 1)) {
        throw new IllegalArgumentException(
            "FaultTrigger.Probability: probability must be in (0, 1] but was " + probability);
      }
    }
  }

  /** Fires on the next {@code calls} matching calls. */
  static FaultTrigger next(int calls) {
    return new NextCalls(calls);
  }

  /** Fires on the next matching call only. */
  static FaultTrigger once() {
    return new NextCalls(1);
  }

  /** Fires on every matching call until cleared. */
  static FaultTrigger always() {
    return new Probability(1);
  }

  /** Fires on a random {@code probability} fraction of matching calls until cleared. */
  static FaultTrigger probability(double probability) {
    return new Probability(probability);
  }
}
