package io.marketgate.store;

import io.marketgate.model.BinaryBook;
import io.marketgate.model.MarketKey;
import io.marketgate.model.PriceLevel;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The top of one binary order book at a moment: best YES bid and best YES ask with their sizes.
 *
 * @param key venue and ticker of the book
 * @param yesBid best YES bid, if any
 * @param yesAsk best YES ask (the complement of the best NO bid), if any
 * @param capturedAt when the gateway published the book
 * @param sourceSeq the sequence number of the snapshot it came from
 */
public record BookTop(
    MarketKey key,
    Optional<PriceLevel> yesBid,
    Optional<PriceLevel> yesAsk,
    Instant capturedAt,
    long sourceSeq) {

  /** Validates that every part is present. */
  public BookTop {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(yesBid, "yesBid");
    Objects.requireNonNull(yesAsk, "yesAsk");
    Objects.requireNonNull(capturedAt, "capturedAt");
  }

  /** The top of {@code book} captured at {@code capturedAt} from snapshot {@code seq}. */
  public static BookTop of(MarketKey key, BinaryBook book, Instant capturedAt, long seq) {
    return new BookTop(key, book.bestYesBid(), book.yesAsk(), capturedAt, seq);
  }

  /** Whether {@code other} has the same prices and sizes, whenever it was captured. */
  public boolean sameTopAs(BookTop other) {
    return key.equals(other.key) && same(yesBid, other.yesBid) && same(yesAsk, other.yesAsk);
  }

  private static boolean same(Optional<PriceLevel> a, Optional<PriceLevel> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty();
    }
    return a.get().price().compareTo(b.get().price()) == 0
        && a.get().size().compareTo(b.get().size()) == 0;
  }
}
