package io.marketgate.bench;

import io.marketgate.cache.Snapshot;
import io.marketgate.cache.SnapshotStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Read throughput of a snapshot store while a writer publishes continuously: two reader threads,
 * one writer thread, in one JMH group.
 *
 * <p>{@code atomic} is Marketgate's {@link SnapshotStore}; {@code locked} is the lock-based store
 * of the design it replaces (a lock around publish and around read, as Python's {@code
 * threading.Lock} was used), measured in the same run. Compare the {@code read} rows.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class SnapshotStoreBenchmark {

  /** The store under test. */
  @Param({"atomic", "locked"})
  public String impl;

  private StoreUnderTest store;
  private long counter;

  /** Creates the store and publishes a first value so reads always find one. */
  @Setup
  public void setUp() {
    store =
        switch (impl) {
          case "atomic" -> new Atomic();
          case "locked" -> new LockedSnapshotStore();
          default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
    store.publish(new Quote(0.47, 0.48));
  }

  /** A reader: takes the latest snapshot and reads from it. */
  @Benchmark
  @Group("readWhilePublishing")
  @GroupThreads(2)
  public double read() {
    Snapshot<Quote> s = store.latest();
    return s.value().bid() + s.seq();
  }

  /** The writer: publishes a new immutable value each call. */
  @Benchmark
  @Group("readWhilePublishing")
  @GroupThreads(1)
  public long publish() {
    long n = ++counter;
    store.publish(new Quote(0.47 + (n & 7) * 0.001, 0.48));
    return n;
  }

  /** An immutable top of book. */
  record Quote(double bid, double ask) {}

  /** The two operations the benchmark needs from a store. */
  interface StoreUnderTest {
    void publish(Quote value);

    Snapshot<Quote> latest();
  }

  /** Marketgate's store. */
  static final class Atomic implements StoreUnderTest {
    private final SnapshotStore<Quote> store =
        SnapshotStore.<Quote>builder("bench").source("bench").build();

    @Override
    public void publish(Quote value) {
      store.publish(value);
    }

    @Override
    public Snapshot<Quote> latest() {
      return store.latest().orElseThrow();
    }
  }
}
