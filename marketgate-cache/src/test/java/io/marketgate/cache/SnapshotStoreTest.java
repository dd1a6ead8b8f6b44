package io.marketgate.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SnapshotStoreTest {

  private final ManualClock clock = new ManualClock();

  private SnapshotStore<String> store(int history) {
    return SnapshotStore.<String>builder("test")
        .source("unit")
        .clock(clock)
        .historySize(history)
        .build();
  }

  @Test
  void latest_beforeAnyPublish_isEmptyWithSeqZero() {
    SnapshotStore<String> s = store(4);
    assertThat(s.latest()).isEmpty();
    assertThat(s.seq()).isZero();
    assertThat(s.epoch()).isZero();
    assertThat(s.history()).isEmpty();
  }

  @Test
  void publish_stampsSeqTimesSourceAndProvenance() {
    SnapshotStore<String> s = store(4);
    clock.advance(Duration.ofSeconds(3));
    Snapshot<String> first = s.publish("a");
    Snapshot<String> second = s.publish("b", Provenance.WARM);

    assertThat(first.seq()).isEqualTo(1);
    assertThat(second.seq()).isEqualTo(2);
    assertThat(first.publishNanos()).isEqualTo(Duration.ofSeconds(3).toNanos());
    assertThat(first.wallTime()).isEqualTo(clock.wallTime());
    assertThat(first.source()).isEqualTo("unit");
    assertThat(second.provenance()).isEqualTo(Provenance.WARM);
    assertThat(s.latest()).contains(second);
  }

  @Test
  void age_followsInjectedClock_andIsStaleAfterThreshold() {
    SnapshotStore<String> s = store(4);
    Snapshot<String> snap = s.publish("a");
    clock.advance(Duration.ofMillis(499));
    assertThat(snap.age(clock)).isEqualTo(Duration.ofMillis(499));
    assertThat(snap.isStale(clock.nanoTime(), Duration.ofMillis(500))).isFalse();
    clock.advance(Duration.ofMillis(2));
    assertThat(snap.isStale(clock.nanoTime(), Duration.ofMillis(500))).isTrue();
    assertThat(snap.freshness(clock.nanoTime()).ageMillis()).isEqualTo(501);
  }

  @Test
  void markStale_bumpsEpochAndRepublishesLastValueAsStale() {
    SnapshotStore<String> s = store(4);
    s.publish("book-v1");
    Optional<Snapshot<String>> stale = s.markStale();

    assertThat(stale)
        .hasValueSatisfying(
            snap -> {
              assertThat(snap.value()).isEqualTo("book-v1");
              assertThat(snap.provenance()).isEqualTo(Provenance.STALE);
              assertThat(snap.epoch()).isEqualTo(1);
              assertThat(snap.seq()).isEqualTo(2);
              assertThat(snap.isStale(clock.nanoTime(), Duration.ofDays(1))).isTrue();
            });
    assertThat(s.epoch()).isEqualTo(1);
  }

  @Test
  void markStaleThenResync_bumpsEpochOnceForOneDiscontinuity() {
    SnapshotStore<String> s = store(4);
    s.publish("v1");
    s.markStale();
    s.markStale();
    Snapshot<String> resynced = s.publishDiscontinuous("v2", Provenance.LIVE);

    assertThat(resynced.epoch()).isEqualTo(1);
    assertThat(resynced.provenance()).isEqualTo(Provenance.LIVE);
    assertThat(s.seq()).isEqualTo(3);
  }

  @Test
  void publishDiscontinuous_withoutMarkStale_startsNewEpoch() {
    SnapshotStore<String> s = store(4);
    Snapshot<String> first = s.publishDiscontinuous("warm", Provenance.WARM);
    Snapshot<String> live = s.publishDiscontinuous("live", Provenance.LIVE);
    Snapshot<String> next = s.publish("live2");

    assertThat(first.epoch()).isZero();
    assertThat(live.epoch()).isEqualTo(1);
    assertThat(next.epoch()).isEqualTo(1);
  }

  @Test
  void markStale_onEmptyStore_advancesEpochOnly() {
    SnapshotStore<String> s = store(4);
    assertThat(s.markStale()).isEmpty();
    assertThat(s.epoch()).isEqualTo(1);
    assertThat(s.publish("x").epoch()).isEqualTo(1);
  }

  @Test
  void history_keepsLastNOldestFirst() {
    SnapshotStore<String> s = store(3);
    for (int i = 1; i <= 5; i++) {
      s.publish("v" + i);
    }
    assertThat(s.history()).extracting(Snapshot::value).containsExactly("v3", "v4", "v5");
    assertThat(s.history()).extracting(Snapshot::seq).containsExactly(3L, 4L, 5L);
  }

  @Test
  void history_withZeroSize_returnsOnlyLatest() {
    SnapshotStore<String> s = store(0);
    s.publish("a");
    s.publish("b");
    assertThat(s.history()).extracting(Snapshot::value).containsExactly("b");
  }

  @Test
  void historyAfter_inRing_returnsContiguousTail() {
    SnapshotStore<String> s = store(4);
    for (int i = 1; i <= 6; i++) {
      s.publish("v" + i);
    }
    assertThat(s.historyAfter(4))
        .hasValueSatisfying(l -> assertThat(l).extracting(Snapshot::seq).containsExactly(5L, 6L));
    assertThat(s.historyAfter(2))
        .hasValueSatisfying(
            l -> assertThat(l).extracting(Snapshot::seq).containsExactly(3L, 4L, 5L, 6L));
    assertThat(s.historyAfter(6)).contains(List.of());
  }

  @Test
  void historyAfter_overwritten_isEmptySoCallerResyncs() {
    SnapshotStore<String> s = store(4);
    for (int i = 1; i <= 6; i++) {
      s.publish("v" + i);
    }
    assertThat(s.historyAfter(1)).isEmpty();
    assertThat(s.historyAfter(0)).isEmpty();
  }

  @Test
  void points_keepScalarSeriesOfLivePublishesSkippingNaNAndStaleMarks() {
    SnapshotStore<Double> s =
        SnapshotStore.<Double>builder("mids").clock(clock).scalarHistory(3, v -> v).build();
    s.publish(0.41);
    s.publish(Double.NaN);
    s.publish(0.42);
    s.markStale();
    s.publish(0.43);
    s.publish(0.44);

    assertThat(s.points())
        .extracting(SnapshotStore.ScalarPoint::value)
        .containsExactly(0.42, 0.43, 0.44);
    assertThat(s.points()).extracting(SnapshotStore.ScalarPoint::epoch).containsExactly(0L, 1L, 1L);
    assertThat(store(2).points()).isEmpty();
  }

  @Test
  void awaitNewer_whenAlreadyNewer_returnsAtOnce() throws InterruptedException {
    SnapshotStore<String> s = store(4);
    s.publish("a");
    assertThat(s.awaitNewer(0, Duration.ZERO)).map(Snapshot::value).contains("a");
  }

  @Test
  void awaitNewer_wakesOnPublishFromAnotherThread() throws Exception {
    SnapshotStore<String> s = store(4);
    s.publish("a");
    CompletableFuture<Optional<Snapshot<String>>> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return s.awaitNewer(1, Duration.ofSeconds(30));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(10, TimeUnit.SECONDS).until(() -> hasWaiter(s));
    s.publish("b");

    assertThat(waiting.get(10, TimeUnit.SECONDS)).map(Snapshot::value).contains("b");
  }

  @Test
  void awaitNewer_timesOut_returnsEmpty() throws InterruptedException {
    SnapshotStore<String> s = store(4);
    s.publish("a");
    assertThat(s.awaitNewer(1, Duration.ofMillis(20))).isEmpty();
  }

  @Test
  void awaitNewer_forFutureSeq_keepsWaitingPastIntermediatePublishes() throws Exception {
    SnapshotStore<String> s = store(4);
    s.publish("a");
    CompletableFuture<Optional<Snapshot<String>>> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return s.awaitNewer(2, Duration.ofSeconds(30));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(10, TimeUnit.SECONDS).until(() -> hasWaiter(s));
    s.publish("b");
    await().atMost(10, TimeUnit.SECONDS).until(() -> hasWaiter(s));
    assertThat(waiting).isNotDone();
    s.publish("c");

    assertThat(waiting.get(10, TimeUnit.SECONDS)).map(Snapshot::seq).contains(3L);
  }

  @Test
  void builder_rejectsBadSettingsNamingThem() {
    assertThatThrownBy(() -> SnapshotStore.builder(" ")).hasMessageContaining("non-blank name");
    assertThatThrownBy(() -> SnapshotStore.builder("x").historySize(-1))
        .hasMessageContaining("historySize");
    assertThatThrownBy(() -> SnapshotStore.<String>builder("x").scalarHistory(0, v -> 0))
        .hasMessageContaining("scalar history size");
  }

  @Test
  void publish_null_isRejected() {
    SnapshotStore<String> s = store(2);
    assertThatThrownBy(() -> s.publish(null)).isInstanceOf(NullPointerException.class);
    assertThat(s.seq()).isZero();
  }

  private static boolean hasWaiter(SnapshotStore<?> s) {
    return ((AtomicSnapshotStore<?>) s).hasWaiter();
  }
}
