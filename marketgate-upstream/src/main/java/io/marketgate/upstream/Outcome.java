package io.marketgate.upstream;

import java.util.Locale;

/** How one upstream call ended; the label of the per-endpoint counters. */
public enum Outcome {
  /** A 2xx answer. */
  OK,
  /** A 4xx answer other than 429: our request was wrong; never retried. */
  CLIENT_ERROR,
  /** A 429 (or Binance 418): the venue asked us to slow down. */
  RATE_LIMITED,
  /** A 5xx answer. */
  SERVER_ERROR,
  /** No answer within the request's timeout. */
  TIMEOUT,
  /** An answer we could not parse, or a connection-level failure. */
  MALFORMED,
  /** Not sent: the circuit breaker of the budget is open. */
  CIRCUIT_OPEN;

  /** The lower-case label used in metrics and JSON ({@code rate_limited}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The outcome of an HTTP status code. */
  public static Outcome ofStatus(int status) {
    if (status >= 200 && status < 300) {
      return OK;
    }
    if (status == 429 || status == 418) {
      return RATE_LIMITED;
    }
    if (status >= 500) {
      return SERVER_ERROR;
    }
    return CLIENT_ERROR;
  }
}
