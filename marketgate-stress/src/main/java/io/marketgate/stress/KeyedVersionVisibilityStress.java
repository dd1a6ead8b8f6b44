package io.marketgate.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.marketgate.cache.KeyedSnapshotStore;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

/**
 * A reader that sees the global version advanced by a publish also sees that publish: views that
 * key their ETag on the version never serve an older value under a newer tag. The reader reports
 * (version, 1 if the published value is visible).
 */
@JCStressTest
@Outcome(
    id = {"0, 0", "0, 1", "1, 0", "1, 1", "2, 1"},
    expect = ACCEPTABLE,
    desc = "consistent")
@Outcome(id = "2, 0", expect = FORBIDDEN, desc = "version of the publish seen without the value")
@Outcome(expect = FORBIDDEN, desc = "impossible version")
@State
public class KeyedVersionVisibilityStress {

  private final KeyedSnapshotStore<String, String> books =
      KeyedSnapshotStore.<String, String>builder("books").build();

  /** Publishes one key: the key's creation is version 1, its publish version 2. */
  @Actor
  public void writer() {
    books.publish("kalshi:X", "book");
  }

  /** Reads the version, then the key. */
  @Actor
  public void reader(JJ_Result r) {
    r.r1 = books.version();
    r.r2 = books.latest("kalshi:X").isPresent() ? 1 : 0;
  }
}
