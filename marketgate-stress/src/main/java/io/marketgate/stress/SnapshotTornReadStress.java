package io.marketgate.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import io.marketgate.cache.SnapshotStore;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;

/**
 * A reader never sees value, seq and epoch from two different publishes. The writer publishes a
 * value tagged 1 in epoch 0, then a value tagged 2 that starts epoch 1; the reader reports (seq,
 * value tag, epoch) of what it saw.
 */
@JCStressTest
@Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "nothing published yet")
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "first publish, whole")
@Outcome(id = "2, 2, 1", expect = ACCEPTABLE, desc = "second publish, whole")
@Outcome(expect = FORBIDDEN, desc = "torn: parts of two publishes")
@State
public class SnapshotTornReadStress {

  /** A value whose identity is its tag. */
  record Tagged(long tag) {}

  private final SnapshotStore<Tagged> store =
      SnapshotStore.<Tagged>builder("torn").historySize(0).build();

  /** Publishes twice, the second time across a discontinuity. */
  @Actor
  public void writer() {
    store.publish(new Tagged(1));
    store.publishDiscontinuous(new Tagged(2), Provenance.LIVE);
  }

  /** Reads the latest snapshot once. */
  @Actor
  public void reader(JJJ_Result r) {
    Snapshot<Tagged> s = store.latest().orElse(null);
    if (s != null) {
      r.r1 = s.seq();
      r.r2 = s.value().tag();
      r.r3 = s.epoch();
    }
  }
}
