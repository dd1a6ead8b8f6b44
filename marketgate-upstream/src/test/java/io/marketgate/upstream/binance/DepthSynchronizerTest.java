package io.marketgate.upstream.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.cache.ManualClock;
import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DepthSynchronizerTest {

  private final ManualClock clock = new ManualClock();
  private final DepthSynchronizer sync =
      new DepthSynchronizer("BTCUSDT", clock, 100, Duration.ofSeconds(5));

  private static DepthDiff diff(long first, long last, List<PriceLevel> bids) {
    return new DepthDiff("BTCUSDT", 0, first, last, bids, List.of());
  }

  private static DepthSnapshot snapshot(long id, PriceLevel... bids) {
    return new DepthSnapshot(
        "BTCUSDT", id, OrderBook.of(List.of(bids), List.of(PriceLevel.of("200", "1"))));
  }

  @Test
  void onDiff_beforeSnapshot_buffersAndAsksForASnapshot() {
    assertThat(sync.snapshotDue()).isFalse();

    assertThat(sync.onDiff(diff(10, 12, List.of()))).isEqualTo(DepthSynchronizer.Step.BUFFERED);

    assertThat(sync.snapshotDue()).isTrue();
    assertThat(sync.book()).isEmpty();
    assertThat(sync.buffered()).isEqualTo(1);
  }

  @Test
  void streamOpened_makesASnapshotDueBeforeAnyDiff() {
    sync.streamOpened();

    assertThat(sync.snapshotDue()).isTrue();
    sync.snapshotRequested();
    assertThat(sync.onSnapshot(snapshot(50, PriceLevel.of("100", "5"))))
        .isEqualTo(DepthSynchronizer.Step.SYNCED);
    assertThat(sync.book().orElseThrow().bids()).containsExactly(PriceLevel.of("100", "5"));

    sync.reset();
    assertThat(sync.snapshotDue()).isFalse();
  }

  @Test
  void onSnapshot_dropsOldDiffsAndReplaysTheStraddlingOne() {
    sync.onDiff(diff(10, 12, List.of(PriceLevel.of("99", "7"))));
    sync.onDiff(diff(13, 15, List.of(PriceLevel.of("100", "0"))));
    sync.onDiff(diff(16, 16, List.of(PriceLevel.of("98", "2"))));

    DepthSynchronizer.Step step = sync.onSnapshot(snapshot(13, PriceLevel.of("100", "5")));

    // 10-12 is older than the snapshot; 13-15 straddles 14 and is applied; 16 follows.
    assertThat(step).isEqualTo(DepthSynchronizer.Step.SYNCED);
    assertThat(sync.lastUpdateId()).isEqualTo(16);
    assertThat(sync.book().orElseThrow().bids()).containsExactly(PriceLevel.of("98", "2"));
  }

  @Test
  void onSnapshot_olderThanTheFirstBufferedDiff_asksForAnotherSnapshot() {
    sync.onDiff(diff(20, 22, List.of()));
    sync.snapshotRequested();

    assertThat(sync.onSnapshot(snapshot(18))).isEqualTo(DepthSynchronizer.Step.SNAPSHOT_TOO_OLD);

    assertThat(sync.isSynced()).isFalse();
    assertThat(sync.snapshotDue()).isTrue();
    assertThat(sync.buffered()).isEqualTo(1);
  }

  @Test
  void onSnapshot_newerThanEveryBufferedDiff_isSyncedAndTheNextDiffMustStraddle() {
    sync.onDiff(diff(5, 6, List.of()));

    assertThat(sync.onSnapshot(snapshot(9, PriceLevel.of("100", "5"))))
        .isEqualTo(DepthSynchronizer.Step.SYNCED);
    assertThat(sync.onDiff(diff(8, 11, List.of(PriceLevel.of("100", "6")))))
        .isEqualTo(DepthSynchronizer.Step.APPLIED);

    assertThat(sync.book().orElseThrow().bids()).containsExactly(PriceLevel.of("100", "6"));
  }

  @Test
  void onDiff_firstAfterSnapshotNotReachingIt_isAGap() {
    sync.onDiff(diff(5, 6, List.of()));
    sync.onSnapshot(snapshot(9));

    assertThat(sync.onDiff(diff(11, 12, List.of()))).isEqualTo(DepthSynchronizer.Step.GAP);
  }

  @Test
  void onDiff_nextNotStartingAtPreviousPlusOne_dropsTheBookAndAsksForASnapshot() {
    sync.onDiff(diff(10, 10, List.of()));
    sync.onSnapshot(snapshot(9, PriceLevel.of("100", "5")));
    assertThat(sync.onDiff(diff(11, 12, List.of()))).isEqualTo(DepthSynchronizer.Step.APPLIED);

    assertThat(sync.onDiff(diff(14, 15, List.of()))).isEqualTo(DepthSynchronizer.Step.GAP);

    assertThat(sync.book()).isEmpty();
    assertThat(sync.lastUpdateId()).isEqualTo(-1);
    assertThat(sync.gaps()).isEqualTo(1);
    assertThat(sync.snapshotDue()).isTrue();
    assertThat(sync.buffered()).isEqualTo(1);
  }

  @Test
  void onDiff_alreadyApplied_isIgnored() {
    sync.onDiff(diff(10, 12, List.of()));
    sync.onSnapshot(snapshot(11));

    assertThat(sync.onDiff(diff(10, 12, List.of()))).isEqualTo(DepthSynchronizer.Step.IGNORED);
    assertThat(sync.isSynced()).isTrue();
  }

  @Test
  void onDiff_zeroQuantity_removesTheLevelAndRemovingAnAbsentLevelIsNormal() {
    sync.onDiff(diff(10, 10, List.of()));
    sync.onSnapshot(snapshot(9, PriceLevel.of("100", "5"), PriceLevel.of("99", "1")));

    sync.onDiff(diff(11, 11, List.of(PriceLevel.of("100", "0"), PriceLevel.of("50", "0"))));

    assertThat(sync.book().orElseThrow().bids()).containsExactly(PriceLevel.of("99", "1"));
  }

  @Test
  void snapshotDue_unansweredRequest_isRepeatedAfterTheRetryInterval() {
    sync.onDiff(diff(10, 10, List.of()));
    sync.snapshotRequested();
    assertThat(sync.snapshotDue()).isFalse();

    clock.advance(Duration.ofSeconds(5));

    assertThat(sync.snapshotDue()).isTrue();
  }

  @Test
  void snapshotFailed_waitsTheRetryIntervalFromTheFailure() {
    sync.onDiff(diff(10, 10, List.of()));
    sync.snapshotRequested();
    clock.advance(Duration.ofSeconds(4));
    sync.snapshotFailed();
    clock.advance(Duration.ofSeconds(4));
    assertThat(sync.snapshotDue()).isFalse();

    clock.advance(Duration.ofSeconds(1));

    assertThat(sync.snapshotDue()).isTrue();
  }

  @Test
  void onSnapshot_whileSynced_isIgnored() {
    sync.onDiff(diff(10, 10, List.of()));
    sync.onSnapshot(snapshot(9));

    assertThat(sync.onSnapshot(snapshot(100))).isEqualTo(DepthSynchronizer.Step.IGNORED);
    assertThat(sync.lastUpdateId()).isEqualTo(10);
  }

  @Test
  void onDiff_bufferFull_dropsTheOldest() {
    DepthSynchronizer small = new DepthSynchronizer("BTCUSDT", clock, 2, Duration.ofSeconds(1));
    small.onDiff(diff(1, 1, List.of()));
    small.onDiff(diff(2, 2, List.of()));
    small.onDiff(diff(3, 3, List.of()));

    assertThat(small.buffered()).isEqualTo(2);
    assertThat(small.droppedFromBuffer()).isEqualTo(1);
    assertThat(small.onSnapshot(snapshot(0))).isEqualTo(DepthSynchronizer.Step.SNAPSHOT_TOO_OLD);
  }

  @Test
  void reset_dropsBookAndBuffer() {
    sync.onDiff(diff(10, 10, List.of()));
    sync.onSnapshot(snapshot(9));

    sync.reset();

    assertThat(sync.isSynced()).isFalse();
    assertThat(sync.buffered()).isZero();
    assertThat(sync.snapshotDue()).isFalse();
  }
}
