package io.marketgate.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.marketgate.cache.Snapshot;
import io.marketgate.cache.SnapshotStore;
import java.util.List;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJJ_Result;

/**
 * History read while the writer overwrites the ring (capacity 2) is contiguous, ends at a published
 * snapshot and never holds a slot that was half-replaced. The reader reports (first seq, last seq,
 * count); a valid answer has count = last − first + 1.
 */
@JCStressTest
@Outcome(id = "0, 0, 0", expect = ACCEPTABLE, desc = "nothing yet")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "first only")
@Outcome(id = "1, 2, 2", expect = ACCEPTABLE, desc = "first two")
@Outcome(id = "2, 2, 1", expect = ACCEPTABLE, desc = "slot of 1 overwritten by 3 while reading")
@Outcome(id = "2, 3, 2", expect = ACCEPTABLE, desc = "last two")
@Outcome(id = "3, 3, 1", expect = ACCEPTABLE, desc = "latest only")
@Outcome(expect = FORBIDDEN, desc = "gap, disorder or unpublished snapshot")
@State
public class SnapshotHistoryStress {

  private final SnapshotStore<Long> store =
      SnapshotStore.<Long>builder("history").historySize(2).build();

  /** Publishes three values whose value equals their expected seq. */
  @Actor
  public void writer() {
    store.publish(1L);
    store.publish(2L);
    store.publish(3L);
  }

  /** Reads the history once and checks value/seq agreement of every element. */
  @Actor
  public void reader(JJJ_Result r) {
    List<Snapshot<Long>> h = store.history();
    if (h.isEmpty()) {
      return;
    }
    for (Snapshot<Long> s : h) {
      if (s.value() != s.seq()) {
        r.r1 = -1;
        return;
      }
    }
    r.r1 = h.get(0).seq();
    r.r2 = h.get(h.size() - 1).seq();
    r.r3 = h.size();
  }
}
