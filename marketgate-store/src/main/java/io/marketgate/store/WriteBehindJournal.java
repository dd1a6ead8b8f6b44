package io.marketgate.store;

import io.marketgate.model.EventKey;
import io.marketgate.model.MarketKey;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.Team;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Writes changes to the journal behind the cache: callers hand changes to a bounded queue and
 * return at once; one writer thread drains the queue in batches, keeps only what changed since the
 * last written row of each key, and commits each batch in one transaction.
 *
 * <p>Threading: {@code append…} and {@link #status()} may be called from any thread and never
 * block; everything else about a batch happens on the writer thread ({@code journal-writer}). The
 * creator owns the journal and must {@link #close()} it, which flushes the queue.
 */
public final class WriteBehindJournal implements AutoCloseable {

  /*
   * Shed policy: a full queue refuses the new change (counted in `shed`) rather than dropping an
   * old one or blocking. Nothing already queued or committed is lost by shedding. Because change
   * detection compares with the last *written* row of each key, the next accepted snapshot of a
   * shed key writes the latest state anyway; only intermediate history is lost.
   *
   * Failure policy: a failed batch is retried, unchanged, with exponential backoff until it
   * commits; no new batch is formed meanwhile, so the queue fills and sheds. The "last written"
   * map is updated only after a commit, so a rolled-back batch changes nothing.
   */

  private static final System.Logger LOG = System.getLogger(WriteBehindJournal.class.getName());

  private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final JournalWriter writer;
  private final int batchSize;
  private final int capacity;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final long closeTimeoutNanos;
  private final InstantSource clock;
  private final Consumer<Committed> onCommit;
  private final BlockingQueue<Change> queue;
  private final Thread thread;

  // Owned by the writer thread.
  private final Map<LineKey, List<OddsOutcome>> lastLines = new HashMap<>();
  private final Map<EventKey, Header> lastHeaders = new HashMap<>();
  private final Map<MarketKey, MarketState> lastStates = new HashMap<>();
  private final Map<MarketKey, BookTop> lastTops = new HashMap<>();
  private long nextBatchId = 1;

  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong shed = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong rowsWritten = new AtomicLong();
  private final AtomicLong unchanged = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  private volatile long shedAtLastDrain;
  private volatile boolean failing;
  private volatile String lastError;
  private volatile Instant lastCommit;
  private volatile boolean closing;

  /** One committed batch, reported to the commit listener on the writer thread. */
  public record Committed(long batchId, JournalBatch batch) {}

  private sealed interface Change permits EventChange, StateChange, TopChange, Forget {}

  private record Forget(Instant before) implements Change {}

  private record EventChange(OddsEvent event, Instant capturedAt, long seq) implements Change {}

  private record StateChange(MarketState state) implements Change {}

  private record TopChange(BookTop top) implements Change {}

  private record LineKey(EventKey event, String bookmakerId, MarketType market) {}

  private record Header(String league, Team home, Team away, Instant start) {
    static Header of(OddsEvent e) {
      return new Header(e.league(), e.home(), e.away(), e.start());
    }
  }

  /** A batch ready to write, with the "last written" entries it sets once committed. */
  private record Prepared(
      long id,
      JournalBatch batch,
      Map<LineKey, List<OddsOutcome>> lines,
      Map<EventKey, Header> headers,
      Map<MarketKey, MarketState> states,
      Map<MarketKey, BookTop> tops) {}

  private WriteBehindJournal(Builder b) {
    this.writer = b.writer;
    this.batchSize = b.batchSize;
    this.capacity = b.queueCapacity;
    this.initialBackoffNanos = b.initialBackoff.toNanos();
    this.maxBackoffNanos = b.maxBackoff.toNanos();
    this.closeTimeoutNanos = b.closeTimeout.toNanos();
    this.clock = b.clock;
    this.onCommit = b.onCommit;
    this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
    this.thread = new Thread(this::run, "journal-writer");
    this.thread.setDaemon(true);
    for (OddsEvent e : b.alreadyWritten) {
      lastHeaders.put(e.key(), Header.of(e));
      for (OddsLine line : e.lines()) {
        lastLines.put(new LineKey(e.key(), line.bookmaker().id(), line.market()), line.outcomes());
      }
    }
  }

  /** A builder writing through {@code writer}. */
  public static Builder builder(JournalWriter writer) {
    return new Builder(writer);
  }

  private void start() {
    thread.start();
  }

  /**
   * Queues the lines of {@code event} captured at {@code capturedAt} from snapshot {@code seq};
   * returns false when the queue is full and the change was shed. Never blocks.
   */
  public boolean append(OddsEvent event, Instant capturedAt, long seq) {
    return offer(new EventChange(event, capturedAt, seq));
  }

  /** Queues a market state; returns false when it was shed. Never blocks. */
  public boolean append(MarketState state) {
    return offer(new StateChange(Objects.requireNonNull(state, "state")));
  }

  /** Queues a book top; returns false when it was shed. Never blocks. */
  public boolean append(BookTop top) {
    return offer(new TopChange(Objects.requireNonNull(top, "top")));
  }

  /**
   * Lets the writer forget what it last wrote for events that start before {@code before} and for
   * markets and books not journaled since {@code before}, so that its memory stays bounded; a later
   * change of a forgotten key is simply written again. Returns false when the queue was full.
   */
  public boolean forget(Instant before) {
    return !closing && queue.offer(new Forget(Objects.requireNonNull(before, "before")));
  }

  /** How many keys the writer remembers as last written; only meaningful after {@link #close()}. */
  int remembered() {
    return lastLines.size() + lastHeaders.size() + lastStates.size() + lastTops.size();
  }

  private boolean offer(Change change) {
    if (!closing && queue.offer(change)) {
      accepted.incrementAndGet();
      return true;
    }
    shed.incrementAndGet();
    return false;
  }

  /** What the journal is doing now. */
  public JournalStatus status() {
    long s = shed.get();
    boolean f = failing;
    return new JournalStatus(
        queue.size(),
        capacity,
        accepted.get(),
        s,
        batches.get(),
        rowsWritten.get(),
        unchanged.get(),
        failedAttempts.get(),
        f,
        f || s > shedAtLastDrain,
        Optional.ofNullable(lastError),
        Optional.ofNullable(lastCommit));
  }

  /**
   * Stops accepting changes and writes what is queued, retrying a failing database for at most the
   * close timeout; changes still unwritten then are logged and dropped.
   */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.NANOSECONDS.toMillis(closeTimeoutNanos) + 5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
      LOG.log(Level.WARNING, "journal writer did not stop in time; " + queue.size() + " unwritten");
    }
  }

  // ------------------------------------------------------------------ writer thread

  private void run() {
    List<Change> drained = new ArrayList<>(batchSize);
    Prepared pending = null;
    long backoff = initialBackoffNanos;
    long closeDeadline = 0;
    while (true) {
      if (pending == null) {
        Change first;
        try {
          first = closing ? queue.poll() : queue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          if (!closing) {
            continue;
          }
          first = queue.poll();
        }
        if (first == null) {
          if (closing) {
            return;
          }
          continue;
        }
        drained.add(first);
        queue.drainTo(drained, batchSize - 1);
        pending = prepare(drained);
        drained.clear();
        if (pending.batch().isEmpty()) {
          pending = null;
          markDrainedIfEmpty();
          continue;
        }
      }
      try {
        writer.write(pending.batch());
        commit(pending);
        pending = null;
        backoff = initialBackoffNanos;
        markDrainedIfEmpty();
      } catch (RuntimeException e) {
        failedAttempts.incrementAndGet();
        String message = SqlJournal.rootMessage(e);
        if (!failing) {
          LOG.log(
              Level.WARNING,
              "journal write failed, retrying with backoff while the queue sheds: " + message);
        }
        lastError = message;
        failing = true;
        if (closing) {
          long now = System.nanoTime();
          if (closeDeadline == 0) {
            closeDeadline = now + closeTimeoutNanos;
          } else if (now - closeDeadline > 0) {
            int lost = pending.batch().rows() + queue.size();
            LOG.log(
                Level.WARNING,
                "journal closed while the database fails; " + lost + " rows were not written");
            return;
          }
        }
        LockSupport.parkNanos(this, backoff);
        Thread.interrupted();
        backoff = Math.min(maxBackoffNanos, backoff * 2);
      }
    }
  }

  private void markDrainedIfEmpty() {
    if (queue.isEmpty()) {
      shedAtLastDrain = shed.get();
    }
  }

  private void commit(Prepared p) {
    lastLines.putAll(p.lines());
    lastHeaders.putAll(p.headers());
    lastStates.putAll(p.states());
    lastTops.putAll(p.tops());
    batches.incrementAndGet();
    rowsWritten.addAndGet(p.batch().rows());
    lastCommit = clock.instant();
    if (failing) {
      LOG.log(Level.INFO, "journal writes resumed after " + failedAttempts.get() + " failures");
    }
    failing = false;
    try {
      onCommit.accept(new Committed(p.id(), p.batch()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "journal commit listener failed", e);
    }
  }

  private Prepared prepare(List<Change> changes) {
    Map<LineKey, List<OddsOutcome>> lines = new HashMap<>();
    Map<EventKey, Header> headers = new HashMap<>();
    Map<MarketKey, MarketState> states = new HashMap<>();
    Map<MarketKey, BookTop> tops = new HashMap<>();
    List<OddsEvent> eventRows = new ArrayList<>();
    List<LineRecord> lineRows = new ArrayList<>();
    List<MarketState> stateRows = new ArrayList<>();
    List<BookTop> topRows = new ArrayList<>();
    for (Change change : changes) {
      switch (change) {
        case EventChange ec -> {
          OddsEvent event = ec.event();
          Header header = Header.of(event);
          Header written = headers.getOrDefault(event.key(), lastHeaders.get(event.key()));
          if (!header.equals(written)) {
            headers.put(event.key(), header);
            eventRows.add(event);
          }
          for (OddsLine line : event.lines()) {
            LineKey key = new LineKey(event.key(), line.bookmaker().id(), line.market());
            List<OddsOutcome> last = lines.getOrDefault(key, lastLines.get(key));
            if (line.outcomes().equals(last)) {
              unchanged.incrementAndGet();
              continue;
            }
            lines.put(key, line.outcomes());
            lineRows.add(new LineRecord(event.key(), line, ec.capturedAt(), ec.seq()));
          }
        }
        case StateChange sc -> {
          MarketState s = sc.state();
          MarketState last = states.getOrDefault(s.key(), lastStates.get(s.key()));
          if (last != null && last.sameStateAs(s)) {
            unchanged.incrementAndGet();
          } else {
            states.put(s.key(), s);
            stateRows.add(s);
          }
        }
        case Forget f -> {
          // Both what is committed and what this batch has staged so far.
          java.util.Set<EventKey> gone = new java.util.HashSet<>();
          for (Map<EventKey, Header> h : List.of(lastHeaders, headers)) {
            h.entrySet()
                .removeIf(e -> e.getValue().start().isBefore(f.before()) && gone.add(e.getKey()));
          }
          for (Map<LineKey, List<OddsOutcome>> l : List.of(lastLines, lines)) {
            l.keySet().removeIf(k -> gone.contains(k.event()));
          }
          for (Map<MarketKey, MarketState> st : List.of(lastStates, states)) {
            st.values().removeIf(v -> v.capturedAt().isBefore(f.before()));
          }
          for (Map<MarketKey, BookTop> t : List.of(lastTops, tops)) {
            t.values().removeIf(v -> v.capturedAt().isBefore(f.before()));
          }
        }
        case TopChange tc -> {
          BookTop t = tc.top();
          BookTop last = tops.getOrDefault(t.key(), lastTops.get(t.key()));
          if (last != null && last.sameTopAs(t)) {
            unchanged.incrementAndGet();
          } else {
            tops.put(t.key(), t);
            topRows.add(t);
          }
        }
      }
    }
    return new Prepared(
        nextBatchId++,
        new JournalBatch(eventRows, lineRows, stateRows, topRows),
        lines,
        headers,
        states,
        tops);
  }

  /** Configures and starts a {@link WriteBehindJournal}. Not thread-safe; use from one thread. */
  public static final class Builder {
    private final JournalWriter writer;
    private int queueCapacity = 10_000;
    private int batchSize = 500;
    private Duration initialBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration closeTimeout = Duration.ofSeconds(10);
    private InstantSource clock = InstantSource.system();
    private Consumer<Committed> onCommit = c -> {};
    private List<OddsEvent> alreadyWritten = List.of();

    private Builder(JournalWriter writer) {
      this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** Changes the queue holds before it sheds (default 10,000). */
    public Builder queueCapacity(int queueCapacity) {
      if (queueCapacity < 1) {
        throw new IllegalArgumentException(
            "queueCapacity must be positive but was " + queueCapacity);
      }
      this.queueCapacity = queueCapacity;
      return this;
    }

    /** Most changes written in one transaction (default 500). */
    public Builder batchSize(int batchSize) {
      if (batchSize < 1) {
        throw new IllegalArgumentException("batchSize must be positive but was " + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    /** First and longest wait between retries of a failed batch (default 100 ms and 5 s). */
    public Builder retryBackoff(Duration initial, Duration max) {
      if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException(
            "retry backoff needs 0 < initial <= max but was " + initial + " and " + max);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** How long {@link #close()} keeps retrying a failing database (default 10 s). */
    public Builder closeTimeout(Duration closeTimeout) {
      if (closeTimeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout must not be negative");
      }
      this.closeTimeout = closeTimeout;
      return this;
    }

    /** The clock of {@link JournalStatus#lastCommit()} (default the system clock). */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Called on the writer thread after each commit; must be quick. */
    public Builder onCommit(Consumer<Committed> onCommit) {
      this.onCommit = Objects.requireNonNull(onCommit, "onCommit");
      return this;
    }

    /**
     * Events whose header and lines the journal already holds (those loaded by warm-up), so that
     * the first live snapshots write only what changed since.
     */
    public Builder alreadyWritten(List<OddsEvent> events) {
      this.alreadyWritten = List.copyOf(events);
      return this;
    }

    /** Builds the journal and starts its writer thread. */
    public WriteBehindJournal start() {
      WriteBehindJournal journal = new WriteBehindJournal(this);
      journal.start();
      return journal;
    }
  }
}
