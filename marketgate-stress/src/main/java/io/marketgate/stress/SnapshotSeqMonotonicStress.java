package io.marketgate.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.marketgate.cache.SnapshotStore;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/** For one reader, {@code seq} never goes backwards: a second read sees at least the first. */
@JCStressTest
@Outcome(
    id = {"0, 0", "0, 1", "0, 2", "0, 3", "1, 1", "1, 2", "1, 3", "2, 2", "2, 3", "3, 3"},
    expect = ACCEPTABLE,
    desc = "second read is not older than the first")
@Outcome(expect = FORBIDDEN, desc = "seq went backwards")
@State
public class SnapshotSeqMonotonicStress {

  private final SnapshotStore<String> store =
      SnapshotStore.<String>builder("seq").historySize(2).build();

  /** Publishes three times. */
  @Actor
  public void writer() {
    store.publish("a");
    store.publish("b");
    store.publish("c");
  }

  /** Reads the sequence number twice, once through each read path. */
  @Actor
  public void reader(JJ_Result r) {
    r.r1 = store.seq();
    r.r2 = store.latest().map(s -> s.seq()).orElse(0L);
  }
}
