package io.marketgate.cache;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The latest value of one thing (a market, a book, an odds line) with its version, age, continuity
 * epoch and a short history.
 *
 * <p>Threading: one writer thread calls the {@code publish…} and {@link #markStale()} methods; any
 * number of reader threads call the rest. Reads never block and never see a value, sequence and
 * epoch from two different publishes. The creator owns the store; it holds no threads or resources
 * and needs no closing.
 *
 * @param <T> the type of the published values, which must be immutable
 */
public interface SnapshotStore<T> {

  /** A builder for a store with the given name (used in messages and metrics). */
  static <T> Builder<T> builder(String name) {
    return new Builder<>(name);
  }

  /** The store's name. */
  String name();

  /** The latest snapshot, or empty when nothing was published yet. */
  Optional<Snapshot<T>> latest();

  /** Sequence number of the latest snapshot; 0 when nothing was published yet. */
  long seq();

  /**
   * The current continuity epoch: the epoch of the latest snapshot, or a newer one when the writer
   * has declared a discontinuity that no publish has followed yet.
   */
  long epoch();

  /** Publishes {@code value} as {@link Provenance#LIVE} in the current epoch (writer only). */
  Snapshot<T> publish(T value);

  /** Publishes {@code value} with the given provenance in the current epoch (writer only). */
  Snapshot<T> publish(T value, Provenance provenance);

  /**
   * Starts a new epoch and publishes {@code value} as its first snapshot (writer only): for a
   * resync after a gap, a reconnect, or a restore from disk.
   */
  Snapshot<T> publishDiscontinuous(T value, Provenance provenance);

  /**
   * Declares that the data stopped being continuous (a gap or a disconnect) before any new value is
   * known (writer only): starts a new epoch and republishes the latest value labelled {@link
   * Provenance#STALE}, so readers learn at once that they must not trust it. Returns that stale
   * snapshot, or empty when nothing was published yet (the epoch still advances).
   */
  Optional<Snapshot<T>> markStale();

  /**
   * Waits until a snapshot with a sequence number greater than {@code seq} exists, for at most
   * {@code timeout}, without spinning. Returns the latest snapshot at that moment, or empty on
   * timeout.
   *
   * @throws InterruptedException if the waiting thread is interrupted
   */
  Optional<Snapshot<T>> awaitNewer(long seq, Duration timeout) throws InterruptedException;

  /** The snapshots still in the history ring, oldest first, ending with the latest. */
  List<Snapshot<T>> history();

  /**
   * The snapshots published after {@code seq}, oldest first, when the history ring still holds all
   * of them; empty when some were already overwritten (the caller must resync from {@link
   * #latest()}). An up-to-date caller gets an empty list.
   */
  Optional<List<Snapshot<T>>> historyAfter(long seq);

  /**
   * The scalar series (for example mid prices) extracted from each live publish, oldest first;
   * empty when the store was built without one.
   */
  List<ScalarPoint> points();

  /** One point of a store's scalar series. */
  record ScalarPoint(
      long seq, long epoch, long publishNanos, java.time.Instant wallTime, double value) {

    /** Validates the parts. */
    public ScalarPoint {
      Objects.requireNonNull(wallTime, "wallTime");
    }
  }

  /** Configures and builds a {@link SnapshotStore}. Not thread-safe; use from one thread. */
  final class Builder<T> {
    final String name;
    String source = "unknown";
    Clock clock = Clock.system();
    int historySize = 16;
    int scalarHistorySize;
    ToDoubleFunction<? super T> scalar;
    java.util.function.Consumer<? super Snapshot<T>> onPublish = snapshot -> {};

    private Builder(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a snapshot store needs a non-blank name");
      }
      this.name = name;
    }

    /** Label of the producer stamped on every snapshot, for example {@code kalshi.ws}. */
    public Builder<T> source(String source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /** The clock used for publish times and ages. */
    public Builder<T> clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How many snapshots the history ring keeps (0 keeps none; default 16). */
    public Builder<T> historySize(int historySize) {
      if (historySize < 0 || historySize > 1 << 20) {
        throw new IllegalArgumentException(
            "historySize must be in [0, 1048576], was " + historySize);
      }
      this.historySize = historySize;
      return this;
    }

    /**
     * Keeps the last {@code size} values of {@code extractor} applied to every live publish (NaN
     * results are skipped), for sparklines of mid prices and the like.
     */
    public Builder<T> scalarHistory(int size, ToDoubleFunction<? super T> extractor) {
      if (size < 1 || size > 1 << 20) {
        throw new IllegalArgumentException(
            "scalar history size must be in [1, 1048576], was " + size);
      }
      this.scalarHistorySize = size;
      this.scalar = Objects.requireNonNull(extractor, "extractor");
      return this;
    }

    /** A hook run on the writer thread after every publish; must be fast and must not throw. */
    Builder<T> onPublish(java.util.function.Consumer<? super Snapshot<T>> onPublish) {
      this.onPublish = Objects.requireNonNull(onPublish, "onPublish");
      return this;
    }

    /** Builds the store. */
    public SnapshotStore<T> build() {
      return new AtomicSnapshotStore<>(this);
    }
  }
}
