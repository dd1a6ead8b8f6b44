package io.marketgate.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.ManualClock;
import io.marketgate.cache.Provenance;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link KeyedPublisher}: change detection, stale marking and removal after the grace period. */
class KeyedPublisherTest {

  private final ManualClock clock = new ManualClock();
  private final KeyedSnapshotStore<String, String> store =
      KeyedSnapshotStore.<String, String>builder("test").clock(clock).build();
  private final KeyedPublisher<String, String> publisher =
      new KeyedPublisher<>(store, clock, Duration.ofMinutes(10));

  @Test
  void sync_sameValuesTwice_secondPublishesNothing() {
    publisher.sync(Map.of("a", "1", "b", "2"), k -> true, v -> false);
    long version = store.version();

    KeyedPublisher.Synced synced =
        publisher.sync(Map.of("a", "1", "b", "2"), k -> true, v -> false);

    assertThat(synced).isEqualTo(new KeyedPublisher.Synced(0, 2, 0, 0));
    assertThat(store.version()).isEqualTo(version);
  }

  @Test
  void sync_keyMissing_markedStaleThenRemovedAfterGrace() {
    publisher.sync(Map.of("a", "1", "b", "2"), k -> true, v -> false);

    KeyedPublisher.Synced first = publisher.sync(Map.of("a", "1"), k -> true, v -> false);
    clock.advance(Duration.ofMinutes(10));
    KeyedPublisher.Synced later = publisher.sync(Map.of("a", "1"), k -> true, v -> false);

    assertThat(first.markedStale()).isEqualTo(1);
    assertThat(later.removed()).isEqualTo(1);
    assertThat(store.keys()).containsExactly("a");
  }

  @Test
  void sync_keyMissingButNotCovered_isLeftAlone() {
    publisher.sync(Map.of("a", "1", "b", "2"), k -> true, v -> false);

    publisher.sync(Map.of("a", "1"), k -> !k.equals("b"), v -> false);

    assertThat(store.latest("b").orElseThrow().provenance()).isEqualTo(Provenance.LIVE);
  }

  @Test
  void sync_staleKeyComesBack_isRepublishedLive() {
    publisher.sync(Map.of("a", "1", "b", "2"), k -> true, v -> false);
    publisher.sync(Map.of("a", "1"), k -> true, v -> false);

    KeyedPublisher.Synced back = publisher.sync(Map.of("a", "1", "b", "2"), k -> true, v -> false);

    assertThat(back.published()).isEqualTo(1);
    assertThat(store.latest("b").orElseThrow().provenance()).isEqualTo(Provenance.LIVE);
  }

  @Test
  void sync_endingValue_removedAfterGrace() {
    publisher.sync(Map.of("a", "closed"), k -> true, "closed"::equals);
    clock.advance(Duration.ofMinutes(11));

    KeyedPublisher.Synced synced =
        publisher.sync(Map.of("a", "closed"), k -> true, "closed"::equals);

    assertThat(synced.removed()).isEqualTo(1);
    assertThat(publisher.size()).isZero();
  }
}
