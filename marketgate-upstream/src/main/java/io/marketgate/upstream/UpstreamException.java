package io.marketgate.upstream;

import java.util.Objects;
import java.util.Optional;

/**
 * Base of the unchecked exceptions of the upstream module: a call that did not give a usable
 * answer, with its endpoint, outcome and (when there was an answer) HTTP status. Messages never
 * contain credentials.
 */
public class UpstreamException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String endpoint;
  private final Outcome outcome;
  private final int status;

  /** A failed call of {@code endpoint}; {@code status} is 0 when no answer arrived. */
  public UpstreamException(String endpoint, Outcome outcome, int status, String message) {
    this(endpoint, outcome, status, message, null);
  }

  /** A failed call of {@code endpoint} caused by {@code cause}. */
  public UpstreamException(
      String endpoint, Outcome outcome, int status, String message, Throwable cause) {
    super(endpoint + ": " + message, cause);
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.status = status;
  }

  /** The endpoint label, for example {@code kalshi.orderbook}. */
  public String endpoint() {
    return endpoint;
  }

  /** How the call ended. */
  public Outcome outcome() {
    return outcome;
  }

  /** The HTTP status of the last answer, if there was one. */
  public Optional<Integer> status() {
    return status == 0 ? Optional.empty() : Optional.of(status);
  }
}
