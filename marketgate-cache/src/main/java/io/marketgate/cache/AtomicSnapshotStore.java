package io.marketgate.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * A {@link SnapshotStore} that publishes by one volatile reference write: single writer, lock-free
 * readers.
 *
 * <p>Built by {@link SnapshotStore#builder(String)}. The writer owns {@code nextSeq}; readers see
 * only immutable {@link Snapshot}s.
 */
final class AtomicSnapshotStore<T> implements SnapshotStore<T> {

  /*
   * Implementation notes.
   *
   * Publication: a Snapshot is immutable and carries value, seq and epoch together, so a reader that
   * loads `current` once can never see parts of two publishes. The writer first stores the snapshot
   * in its history slot (release), then into `current` (volatile), so any snapshot a reader finds in
   * `current` is already in the ring.
   *
   * History: slot (seq - 1) % capacity holds snapshot seq. A reader walks down from the latest seq and
   * stops at the first slot that no longer holds the seq it expects: the writer overwrites slots in
   * ascending seq order, so everything below that point is gone too, and the result is contiguous.
   *
   * Waiting: `waiter` is null while nobody waits, so publish costs one extra volatile read when there
   * are no long-pollers. A reader installs a future, re-reads `current`, and only then waits; the
   * writer swaps the future out after storing `current` and completes it. Either the reader's re-read
   * sees the new snapshot, or the writer sees (and completes) the reader's future: no lost wake-up.
   */

  private final String name;
  private final String source;
  private final Clock clock;
  private final Consumer<? super Snapshot<T>> onPublish;
  private final AtomicReferenceArray<Snapshot<T>> ring;
  private final AtomicReferenceArray<ScalarPoint> points;
  private final ToDoubleFunction<? super T> scalar;
  private final AtomicReference<CompletableFuture<Snapshot<T>>> waiter = new AtomicReference<>();

  private volatile Snapshot<T> current;
  private volatile long epoch;
  private long nextSeq = 1; // writer only
  private boolean epochUnused; // writer only; true after markStale until the next real publish
  private long nextPoint; // writer only; count of scalar points ever written
  private volatile long pointsWritten;

  AtomicSnapshotStore(SnapshotStore.Builder<T> builder) {
    this.name = builder.name;
    this.source = builder.source;
    this.clock = builder.clock;
    this.onPublish = builder.onPublish;
    this.ring = new AtomicReferenceArray<>(builder.historySize);
    this.scalar = builder.scalar;
    this.points =
        new AtomicReferenceArray<>(builder.scalar == null ? 0 : builder.scalarHistorySize);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<Snapshot<T>> latest() {
    return Optional.ofNullable(current);
  }

  @Override
  public long seq() {
    Snapshot<T> s = current;
    return s == null ? 0 : s.seq();
  }

  @Override
  public long epoch() {
    return epoch;
  }

  @Override
  public Snapshot<T> publish(T value) {
    return publish(value, Provenance.LIVE);
  }

  @Override
  public Snapshot<T> publish(T value, Provenance provenance) {
    epochUnused = false;
    return store(value, provenance, true);
  }

  @Override
  public Snapshot<T> publishDiscontinuous(T value, Provenance provenance) {
    if (current != null && !epochUnused) {
      epoch = epoch + 1;
    }
    epochUnused = false;
    return store(value, provenance, true);
  }

  @Override
  public Optional<Snapshot<T>> markStale() {
    Snapshot<T> last = current;
    if (epochUnused) {
      return Optional.ofNullable(last); // already marked: one discontinuity, one epoch
    }
    epoch = epoch + 1;
    epochUnused = true;
    if (last == null) {
      return Optional.empty();
    }
    return Optional.of(store(last.value(), Provenance.STALE, false));
  }

  private Snapshot<T> store(T value, Provenance provenance, boolean addPoint) {
    Snapshot<T> snapshot =
        new Snapshot<>(
            value, nextSeq, epoch, clock.nanoTime(), clock.wallTime(), source, provenance);
    nextSeq++;
    int capacity = ring.length();
    if (capacity > 0) {
      ring.setRelease((int) ((snapshot.seq() - 1) % capacity), snapshot);
    }
    if (addPoint && scalar != null && provenance != Provenance.STALE) {
      double v = scalar.applyAsDouble(value);
      if (!Double.isNaN(v)) {
        points.setRelease(
            (int) (nextPoint % points.length()),
            new ScalarPoint(
                snapshot.seq(), snapshot.epoch(), snapshot.publishNanos(), snapshot.wallTime(), v));
        nextPoint++;
        pointsWritten = nextPoint;
      }
    }
    current = snapshot;
    CompletableFuture<Snapshot<T>> waiting = waiter.getAndSet(null);
    if (waiting != null) {
      waiting.complete(snapshot);
    }
    onPublish.accept(snapshot);
    return snapshot;
  }

  @Override
  public Optional<Snapshot<T>> awaitNewer(long seq, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Snapshot<T> s = current;
      if (s != null && s.seq() > seq) {
        return Optional.of(s);
      }
      CompletableFuture<Snapshot<T>> future = waiter.get();
      if (future == null) {
        CompletableFuture<Snapshot<T>> mine = new CompletableFuture<>();
        future = waiter.compareAndExchange(null, mine);
        if (future == null) {
          future = mine;
        }
      }
      s = current;
      if (s != null && s.seq() > seq) {
        return Optional.of(s);
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return Optional.empty();
      }
      try {
        future.get(remaining, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return Optional.empty();
      } catch (ExecutionException e) {
        throw new CacheException("waiting on store " + name + " failed", e.getCause());
      }
    }
  }

  @Override
  public List<Snapshot<T>> history() {
    Snapshot<T> latest = current;
    if (latest == null) {
      return List.of();
    }
    return collectDown(latest.seq(), 0);
  }

  @Override
  public Optional<List<Snapshot<T>>> historyAfter(long seq) {
    Snapshot<T> latest = current;
    if (latest == null || latest.seq() <= seq) {
      return Optional.of(List.of());
    }
    List<Snapshot<T>> found = collectDown(latest.seq(), Math.max(seq, 0));
    if (found.isEmpty() || found.get(0).seq() != Math.max(seq, 0) + 1) {
      return Optional.empty();
    }
    return Optional.of(found);
  }

  /** Walks the ring down from {@code top}, stopping above {@code floor} or at the first gap. */
  private List<Snapshot<T>> collectDown(long top, long floor) {
    int capacity = ring.length();
    if (capacity == 0) {
      Snapshot<T> s = current;
      return s != null && s.seq() == top && top > floor ? List.of(s) : List.of();
    }
    List<Snapshot<T>> out =
        new ArrayList<>(Math.min(capacity, (int) Math.min(top - floor, capacity)));
    for (long q = top; q > floor && q > top - capacity; q--) {
      Snapshot<T> s = ring.getAcquire((int) ((q - 1) % capacity));
      if (s == null || s.seq() != q) {
        break;
      }
      out.add(s);
    }
    Collections.reverse(out);
    return Collections.unmodifiableList(out);
  }

  @Override
  public List<ScalarPoint> points() {
    int capacity = points.length();
    long written = pointsWritten;
    if (capacity == 0 || written == 0) {
      return List.of();
    }
    List<ScalarPoint> out = new ArrayList<>((int) Math.min(written, capacity));
    long previousSeq = Long.MAX_VALUE;
    for (long i = written - 1; i >= 0 && i > written - 1 - capacity; i--) {
      ScalarPoint p = points.getAcquire((int) (i % capacity));
      if (p == null || p.seq() >= previousSeq) {
        break; // overwritten by a newer point while we read: what is below is gone too
      }
      previousSeq = p.seq();
      out.add(p);
    }
    Collections.reverse(out);
    return Collections.unmodifiableList(out);
  }

  /** True while a reader is parked in {@link #awaitNewer}; for tests. */
  boolean hasWaiter() {
    return waiter.get() != null;
  }

  @Override
  public String toString() {
    Snapshot<T> s = current;
    return "SnapshotStore["
        + name
        + ", seq="
        + (s == null ? 0 : s.seq())
        + ", epoch="
        + epoch
        + "]";
  }
}
