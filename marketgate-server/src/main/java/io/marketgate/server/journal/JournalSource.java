package io.marketgate.server.journal;

import io.marketgate.cache.Clock;
import io.marketgate.server.ingest.Source;
import io.marketgate.server.ingest.SourceStatus;
import io.marketgate.store.JournalStatus;
import io.marketgate.store.WriteBehindJournal;
import io.marketgate.upstream.BudgetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The journal seen as a source, so that {@code /health}, {@code /v1/sources} and the metrics show
 * it: {@code live} while writes keep up, {@code degraded} after shedding changes, {@code down}
 * while the database refuses writes. Serving never depends on it. Thread-safe.
 */
final class JournalSource implements Source {

  /** The source name in {@code /health}. */
  static final String NAME = "journal";

  private static final Duration SILENT_AFTER = Duration.ofMinutes(1);

  private final WriteBehindJournal journal;
  private final Clock clock;
  private final Instant started;
  private volatile boolean closed;

  JournalSource(WriteBehindJournal journal, Clock clock) {
    this.journal = journal;
    this.clock = clock;
    this.started = clock.wallTime();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start() {}

  @Override
  public SourceStatus status() {
    JournalStatus j = journal.status();
    Instant now = clock.wallTime();
    SourceStatus.State state =
        closed
            ? SourceStatus.State.STOPPED
            : j.failing()
                ? SourceStatus.State.DOWN
                : j.degraded() ? SourceStatus.State.DEGRADED : SourceStatus.State.LIVE;
    boolean upToDate = !j.failing() && j.queued() == 0;
    Instant last = upToDate ? now : j.lastCommit().orElse(started);
    Duration age = Duration.between(last, now);
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("queued", (long) j.queued());
    counters.put("accepted", j.accepted());
    counters.put("shed", j.shed());
    counters.put("batches", j.batches());
    counters.put("rows_written", j.rowsWritten());
    counters.put("unchanged", j.unchanged());
    counters.put("failed_attempts", j.failedAttempts());
    return new SourceStatus(
        NAME,
        NAME,
        SourceStatus.Kind.SINK,
        state,
        Optional.of(last),
        Optional.of(age.isNegative() ? Duration.ZERO : age),
        SILENT_AFTER,
        j.lastError(),
        0,
        0,
        BudgetStatus.empty(NAME),
        counters);
  }

  /** Nothing to refresh: the journal writes continuously. */
  @Override
  public void refreshNow() {}

  @Override
  public void close() {
    closed = true;
  }
}
