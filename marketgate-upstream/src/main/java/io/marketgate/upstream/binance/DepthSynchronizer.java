package io.marketgate.upstream.binance;

import io.marketgate.cache.Clock;
import io.marketgate.model.MutableOrderBook;
import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Side;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The local order book of one Binance spot symbol, kept in sync from the {@code depth} diff stream
 * and REST snapshots by the documented procedure: a pure state machine, fed events and snapshots by
 * its driver, that never does I/O and reads time only from its injected {@link Clock}.
 *
 * <p>Not thread-safe: one writer thread owns it (the stream's event loop). The driver calls {@link
 * #onDiff} for each diff of the symbol, asks {@link #snapshotDue()} after each and on a timer,
 * fetches a snapshot when it is due (after calling {@link #snapshotRequested()}) and hands the
 * answer to {@link #onSnapshot} or reports {@link #snapshotFailed()}. {@link #book()} is present
 * only while the book is synced, and is then exactly the venue's book as of {@link
 * #lastUpdateId()}.
 */
public final class DepthSynchronizer {

  /*
   * States: UNSYNCED (buffering diffs, waiting for a snapshot) and SYNCED.
   *
   * UNSYNCED: every diff is buffered (oldest dropped beyond maxBuffered). A snapshot is due once
   * a diff is buffered, or once the driver says the stream is open (streamOpened: a quiet symbol
   * sends no diff, yet its book is the snapshot), and no request is outstanding, or the outstanding
   * one is older than snapshotRetry. A snapshot taken before the stream really started is safe:
   * the first diff then fails to straddle and the book is dropped and fetched again. On a snapshot:
   * buffered diffs with u <= lastUpdateId are dropped; if the first remaining diff has U >
   * lastUpdateId + 1 the snapshot is older than the stream we hold (the current procedure's "fetch
   * again"): SNAPSHOT_TOO_OLD, keep buffering, due again at once. Otherwise the book becomes the
   * snapshot at lastUpdateId and the buffer is replayed through the SYNCED rules.
   *
   * SYNCED: a diff with u <= last is old (a duplicate or a late reorder; its content is already in
   * the book) and is ignored. The first diff after a snapshot must straddle: U <= last + 1 <= u.
   * Every later diff must start exactly at U == last + 1. Anything else is a GAP: the book is
   * dropped, the offending diff starts a new buffer and a snapshot is due. Quantities are
   * absolute; zero removes the level (removing a level we do not have is normal).
   *
   * So the book is either exactly the venue's book at lastUpdateId, or absent: never a book that
   * missed an update. Levels beyond the snapshot's depth that never change stay invisible, as the
   * venue documents.
   */

  /** What one call did. */
  public enum Step {
    /** Not synced: the diff was buffered until a snapshot arrives. */
    BUFFERED,
    /** Synced: the diff was applied; the book changed. */
    APPLIED,
    /** The input was older than the book (or a snapshot arrived while synced) and was dropped. */
    IGNORED,
    /** A snapshot made the book synced (buffered diffs replayed). */
    SYNCED,
    /** Continuity broke: the book was dropped and a new snapshot is due. */
    GAP,
    /** The snapshot is older than the first buffered diff; another snapshot is due. */
    SNAPSHOT_TOO_OLD
  }

  /** Default most diffs buffered while waiting for a snapshot. */
  public static final int DEFAULT_MAX_BUFFERED = 10_000;

  /** Default wait before an unanswered snapshot request is repeated. */
  public static final Duration DEFAULT_SNAPSHOT_RETRY = Duration.ofSeconds(5);

  private final String symbol;
  private final Clock clock;
  private final int maxBuffered;
  private final long snapshotRetryNanos;
  private final ArrayDeque<DepthDiff> buffer = new ArrayDeque<>();
  private final MutableOrderBook book = new MutableOrderBook();

  private boolean synced;
  private boolean firstAfterSnapshot;
  private long lastUpdateId = -1;
  private boolean requested;
  private boolean streamOpen;
  private long requestedAtNanos;
  private long gaps;
  private long dropped;

  /** A synchronizer of {@code symbol} with the default buffer size and snapshot retry. */
  public DepthSynchronizer(String symbol, Clock clock) {
    this(symbol, clock, DEFAULT_MAX_BUFFERED, DEFAULT_SNAPSHOT_RETRY);
  }

  /**
   * A synchronizer of {@code symbol} buffering at most {@code maxBuffered} diffs and repeating a
   * snapshot request that went unanswered for {@code snapshotRetry}.
   */
  public DepthSynchronizer(String symbol, Clock clock, int maxBuffered, Duration snapshotRetry) {
    this.symbol = Objects.requireNonNull(symbol, "symbol");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxBuffered < 1) {
      throw new IllegalArgumentException("maxBuffered must be >= 1, was " + maxBuffered);
    }
    if (snapshotRetry.isNegative() || snapshotRetry.isZero()) {
      throw new IllegalArgumentException("snapshotRetry must be positive, was " + snapshotRetry);
    }
    this.maxBuffered = maxBuffered;
    this.snapshotRetryNanos = snapshotRetry.toNanos();
  }

  /** The symbol, upper case. */
  public String symbol() {
    return symbol;
  }

  /** Feeds one diff of this symbol. */
  public Step onDiff(DepthDiff diff) {
    Objects.requireNonNull(diff, "diff");
    if (!synced) {
      buffer(diff);
      return Step.BUFFERED;
    }
    return applySynced(diff);
  }

  /** Feeds a REST snapshot of this symbol. */
  public Step onSnapshot(DepthSnapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    requested = false;
    if (synced) {
      return Step.IGNORED;
    }
    long id = snapshot.lastUpdateId();
    while (!buffer.isEmpty() && buffer.peekFirst().finalUpdateId() <= id) {
      buffer.pollFirst();
    }
    if (!buffer.isEmpty() && buffer.peekFirst().firstUpdateId() > id + 1) {
      return Step.SNAPSHOT_TOO_OLD;
    }
    book.reset(snapshot.book());
    lastUpdateId = id;
    synced = true;
    firstAfterSnapshot = true;
    List<DepthDiff> replay = new ArrayList<>(buffer);
    buffer.clear();
    for (int i = 0; i < replay.size(); i++) {
      if (applySynced(replay.get(i)) == Step.GAP) {
        for (int j = i + 1; j < replay.size(); j++) {
          buffer(replay.get(j));
        }
        return Step.GAP;
      }
    }
    return Step.SYNCED;
  }

  /**
   * Notes that the diff stream of this symbol is open: a snapshot is due now even before the first
   * diff, so that a quiet symbol gets its book. Cleared by {@link #reset()}.
   */
  public void streamOpened() {
    streamOpen = true;
  }

  /** Whether the driver should fetch a snapshot now. */
  public boolean snapshotDue() {
    if (synced || (buffer.isEmpty() && !streamOpen)) {
      return false;
    }
    return !requested || clock.nanoTime() - requestedAtNanos >= snapshotRetryNanos;
  }

  /** Notes that the driver is fetching a snapshot now. */
  public void snapshotRequested() {
    requested = true;
    requestedAtNanos = clock.nanoTime();
  }

  /** Notes that the snapshot fetch failed; the next one is due after the retry interval. */
  public void snapshotFailed() {
    requested = true;
    requestedAtNanos = clock.nanoTime();
  }

  /** Drops the book and the buffer (a disconnect): unsynced until new diffs and a snapshot. */
  public void reset() {
    synced = false;
    firstAfterSnapshot = false;
    lastUpdateId = -1;
    requested = false;
    streamOpen = false;
    buffer.clear();
    book.clear();
  }

  /** Whether the book is synced. */
  public boolean isSynced() {
    return synced;
  }

  /** The book while synced, exactly the venue's book as of {@link #lastUpdateId()}. */
  public Optional<OrderBook> book() {
    return synced ? Optional.of(book.snapshot()) : Optional.empty();
  }

  /** The update id the book is at; -1 while not synced. */
  public long lastUpdateId() {
    return synced ? lastUpdateId : -1;
  }

  /** Diffs buffered while waiting for a snapshot. */
  public int buffered() {
    return buffer.size();
  }

  /** Continuity breaks seen so far. */
  public long gaps() {
    return gaps;
  }

  /** Buffered diffs dropped because the buffer was full. */
  public long droppedFromBuffer() {
    return dropped;
  }

  private Step applySynced(DepthDiff diff) {
    long expected = lastUpdateId + 1;
    if (diff.finalUpdateId() < expected) {
      return Step.IGNORED;
    }
    boolean continuous =
        firstAfterSnapshot ? diff.firstUpdateId() <= expected : diff.firstUpdateId() == expected;
    if (!continuous) {
      gaps++;
      synced = false;
      firstAfterSnapshot = false;
      lastUpdateId = -1;
      requested = false;
      book.clear();
      buffer.clear();
      buffer(diff);
      return Step.GAP;
    }
    for (PriceLevel l : diff.bids()) {
      book.set(Side.BID, l.price(), l.size());
    }
    for (PriceLevel l : diff.asks()) {
      book.set(Side.ASK, l.price(), l.size());
    }
    lastUpdateId = diff.finalUpdateId();
    firstAfterSnapshot = false;
    return Step.APPLIED;
  }

  private void buffer(DepthDiff diff) {
    if (buffer.size() == maxBuffered) {
      buffer.pollFirst();
      dropped++;
    }
    buffer.addLast(diff);
  }

  @Override
  public String toString() {
    return "DepthSynchronizer["
        + symbol
        + (synced ? ", synced at " + lastUpdateId : ", buffering " + buffer.size())
        + "]";
  }
}
