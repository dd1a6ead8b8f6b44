package io.marketgate.server.ingest;

import io.marketgate.upstream.BudgetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one source (a poller or a stream of one upstream) is doing now: the answer of {@code
 * /v1/sources} and the per-source part of {@code /health}.
 *
 * @param name source name, for example {@code kalshi.books}
 * @param venue venue id, for example {@code kalshi}
 * @param kind how the source gets its data
 * @param state whether its data can be trusted now
 * @param lastData wall time of the last data received (a poll answer or a stream message)
 * @param age time since the last data, at the moment this status was made
 * @param silentAfter how long the source may go without data before it counts as degraded
 * @param lastError the last failure, without secrets
 * @param keys how many keys (markets, books, events) the source currently feeds
 * @param epochBumps how many times continuity broke (gaps, reconnects, resyncs)
 * @param budget the rate budget of the upstream credential it calls through
 * @param counters source-specific counters (messages, gaps, reconnects, malformed, polls …)
 */
public record SourceStatus(
    String name,
    String venue,
    Kind kind,
    State state,
    Optional<Instant> lastData,
    Optional<Duration> age,
    Duration silentAfter,
    Optional<String> lastError,
    int keys,
    long epochBumps,
    BudgetStatus budget,
    Map<String, Long> counters) {

  /** How a source gets its data. */
  public enum Kind {
    /** Request/response polling on a policy. */
    POLL,
    /** A streaming connection (WebSocket). */
    STREAM,
    /** A writer of gateway data to storage (the SQL journal), health-checked like a source. */
    SINK
  }

  /** Whether a source's data can be trusted now. */
  public enum State {
    /** Started, no data yet. */
    STARTING,
    /** Data arriving within its window. */
    LIVE,
    /** Connected or polling, but data older than its window, or failures: serve with care. */
    DEGRADED,
    /** No usable connection or every recent call failed. */
    DOWN,
    /** Stopped by the operator or at shutdown. */
    STOPPED
  }

  /** Validates the parts and copies the counters. */
  public SourceStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(venue, "venue");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lastData, "lastData");
    Objects.requireNonNull(age, "age");
    Objects.requireNonNull(silentAfter, "silentAfter");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(budget, "budget");
    counters = Map.copyOf(counters);
  }

  /** True once the source has delivered data at least once (readiness). */
  public boolean hasData() {
    return lastData.isPresent();
  }
}
