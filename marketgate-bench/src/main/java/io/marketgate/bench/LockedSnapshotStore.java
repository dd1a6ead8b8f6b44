package io.marketgate.bench;

import io.marketgate.bench.SnapshotStoreBenchmark.Quote;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The competitor: the store of the design Marketgate replaces, one lock around publish and one
 * around read, carrying the same snapshot metadata so only the synchronisation differs.
 */
final class LockedSnapshotStore implements SnapshotStoreBenchmark.StoreUnderTest {

  private final ReentrantLock lock = new ReentrantLock();
  private Snapshot<Quote> current;
  private long seq;

  @Override
  public void publish(Quote value) {
    lock.lock();
    try {
      seq++;
      current =
          new Snapshot<>(value, seq, 0, System.nanoTime(), Instant.now(), "bench", Provenance.LIVE);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Snapshot<Quote> latest() {
    lock.lock();
    try {
      return current;
    } finally {
      lock.unlock();
    }
  }
}
