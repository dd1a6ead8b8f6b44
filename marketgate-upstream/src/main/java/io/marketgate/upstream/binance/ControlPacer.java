package io.marketgate.upstream.binance;

import io.marketgate.cache.Clock;
import java.util.Objects;

/**
 * Paces the control messages (SUBSCRIBE, UNSUBSCRIBE) sent on one Binance connection so that at
 * most {@code perSecond} go out in any one-second window. Not thread-safe: the stream's event loop
 * owns it.
 */
final class ControlPacer {

  /*
   * A ring of the send times of the last perSecond messages: the next one may go when the oldest
   * of them is a full second old. Binance allows 5 incoming messages a second per connection and
   * counts pings, pongs and control messages alike; the JDK client answers pings by itself, so the
   * default budget of 4 leaves room for a pong in the same second.
   */
  private static final long WINDOW_NANOS = 1_000_000_000L;

  private final Clock clock;
  private final long[] sentAt;
  private int next;
  private int count;

  ControlPacer(Clock clock, int perSecond) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (perSecond < 1 || perSecond > 5) {
      throw new IllegalArgumentException(
          "control messages per second must be 1 to 5, was " + perSecond);
    }
    this.sentAt = new long[perSecond];
  }

  /** Nanoseconds to wait before the next message may be sent; 0 when it may go now. */
  long delayNanos() {
    if (count < sentAt.length) {
      return 0;
    }
    long oldest = sentAt[next];
    long wait = oldest + WINDOW_NANOS - clock.nanoTime();
    return Math.max(0, wait);
  }

  /** Records a message sent now. */
  void sent() {
    sentAt[next] = clock.nanoTime();
    next = (next + 1) % sentAt.length;
    count = Math.min(count + 1, sentAt.length);
  }

  /** Forgets every send (a new connection has its own window). */
  void reset() {
    next = 0;
    count = 0;
  }
}
