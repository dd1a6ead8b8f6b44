package io.marketgate.it.examples;

import io.marketgate.cache.Clock;
import io.marketgate.cache.Snapshot;
import io.marketgate.cache.SnapshotStore;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.OrderBook;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An example strategy input, not part of the gateway: at a fixed rate it reads a crypto book
 * (Binance) and a prediction-market book (Kalshi) from the last-value cache and computes a fair YES
 * probability for "the coin ends above {@code strike}" from the crypto mid, next to the market's
 * own YES mid; it refuses to act whenever either input is missing, stale-marked or older than its
 * threshold (by default 1 s for Binance books).
 *
 * <p>Reads never block (two volatile reads per tick). {@link #tick()} is thread-safe; {@link
 * #runAt} schedules it on the caller's executor, which the caller owns.
 */
public final class FairValueConsumer {

  /** What one tick decided. */
  public sealed interface Decision {}

  /**
   * Both inputs fresh: the fair value and the market's mid, with the snapshots' versions.
   *
   * @param fairYes the model's YES probability from the crypto mid
   * @param marketYesMid the prediction market's YES mid
   * @param cryptoSeq seq of the crypto book used
   * @param marketSeq seq of the market book used
   */
  public record Act(double fairYes, double marketYesMid, long cryptoSeq, long marketSeq)
      implements Decision {}

  /**
   * An input cannot be trusted now; nothing is computed.
   *
   * @param reason which input and why
   */
  public record Refuse(String reason) implements Decision {}

  private final SnapshotStore<OrderBook> crypto;
  private final SnapshotStore<BinaryBook> market;
  private final Clock clock;
  private final Duration cryptoMaxAge;
  private final Duration marketMaxAge;
  private final double strike;
  private final double scale;

  /**
   * A consumer of {@code crypto} (trusted for {@code cryptoMaxAge}) and {@code market} (trusted for
   * {@code marketMaxAge}); the fair value is a logistic curve around {@code strike} with width
   * {@code scale} (price units).
   */
  public FairValueConsumer(
      SnapshotStore<OrderBook> crypto,
      SnapshotStore<BinaryBook> market,
      Clock clock,
      Duration cryptoMaxAge,
      Duration marketMaxAge,
      double strike,
      double scale) {
    this.crypto = Objects.requireNonNull(crypto, "crypto");
    this.market = Objects.requireNonNull(market, "market");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cryptoMaxAge = Objects.requireNonNull(cryptoMaxAge, "cryptoMaxAge");
    this.marketMaxAge = Objects.requireNonNull(marketMaxAge, "marketMaxAge");
    if (!(scale > 0)) {
      throw new IllegalArgumentException("scale must be positive, was " + scale);
    }
    this.strike = strike;
    this.scale = scale;
  }

  /** Reads both caches once and decides. */
  public Decision tick() {
    long now = clock.nanoTime();
    Optional<Snapshot<OrderBook>> c = crypto.latest();
    Optional<Snapshot<BinaryBook>> m = market.latest();
    Optional<String> bad =
        check(crypto.name(), c, now, cryptoMaxAge)
            .or(() -> check(market.name(), m, now, marketMaxAge));
    if (bad.isPresent()) {
      return new Refuse(bad.get());
    }
    Optional<BigDecimal> spot = c.get().value().mid();
    Optional<BigDecimal> yes = m.get().value().yesMid();
    if (spot.isEmpty() || yes.isEmpty()) {
      return new Refuse("a book has an empty side: no mid");
    }
    double fair = 1 / (1 + Math.exp(-(spot.get().doubleValue() - strike) / scale));
    return new Act(fair, yes.get().doubleValue(), c.get().seq(), m.get().seq());
  }

  /** Runs {@link #tick()} every {@code period} (50 ms is 20 Hz) on {@code executor}. */
  public ScheduledFuture<?> runAt(
      ScheduledExecutorService executor, Duration period, Consumer<? super Decision> sink) {
    return executor.scheduleAtFixedRate(
        () -> sink.accept(tick()), 0, period.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static Optional<String> check(
      String name, Optional<? extends Snapshot<?>> s, long now, Duration maxAge) {
    if (s.isEmpty()) {
      return Optional.of(name + ": nothing published yet");
    }
    if (s.get().isStale(now, maxAge)) {
      return Optional.of(
          name
              + ": "
              + s.get().provenance().label()
              + ", "
              + s.get().age(now).toMillis()
              + " ms old (limit "
              + maxAge.toMillis()
              + " ms)");
    }
    return Optional.empty();
  }
}
