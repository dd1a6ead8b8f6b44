package io.marketgate.bench;

import io.marketgate.model.MutableOrderBook;
import io.marketgate.model.Side;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Applying Binance-style absolute depth updates ({@code price -> size}, size 0 removes) to a book
 * of 1,000 levels per side, one update per operation, on one thread.
 *
 * <p>{@code mutable} is Marketgate's {@link MutableOrderBook} (what the Binance depth synchronizer
 * keeps); {@code treemap} is the usual first implementation, a {@code TreeMap<BigDecimal,
 * BigDecimal>} per side, measured in the same run. Both get the same pre-parsed updates: prices on
 * a 0.01 grid, mostly near the top of the book, 10 % removals, so the book stays near 1,000 levels
 * a side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class BookUpdateBenchmark {

  /** The book under test. */
  @Param({"mutable", "treemap"})
  public String impl;

  private static final int LEVELS = 1_000;
  private static final int UPDATES = 1 << 16;
  private static final BigDecimal TICK = new BigDecimal("0.01");
  private static final BigDecimal MID = new BigDecimal("50000.00");

  private Book book;
  private final Side[] sides = new Side[UPDATES];
  private final BigDecimal[] prices = new BigDecimal[UPDATES];
  private final BigDecimal[] sizes = new BigDecimal[UPDATES];
  private int next;

  /** Fills the book with 1,000 levels a side and generates the update stream. */
  @Setup
  public void setUp() {
    book =
        switch (impl) {
          case "mutable" -> new Mutable();
          case "treemap" -> new Tree();
          default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 1; i <= LEVELS; i++) {
      book.set(Side.BID, MID.subtract(TICK.multiply(BigDecimal.valueOf(i))), size(random));
      book.set(Side.ASK, MID.add(TICK.multiply(BigDecimal.valueOf(i))), size(random));
    }
    for (int u = 0; u < UPDATES; u++) {
      Side side = random.nextBoolean() ? Side.BID : Side.ASK;
      // Geometric-ish distance from the touch: most updates hit the best few dozen levels.
      int distance = 1 + (int) Math.min(LEVELS - 1, -Math.log(1 - random.nextDouble()) * 40);
      BigDecimal offset = TICK.multiply(BigDecimal.valueOf(distance));
      sides[u] = side;
      prices[u] = side == Side.BID ? MID.subtract(offset) : MID.add(offset);
      sizes[u] = random.nextInt(10) == 0 ? BigDecimal.ZERO : size(random);
    }
  }

  private static BigDecimal size(SplittableRandom random) {
    return BigDecimal.valueOf(1 + random.nextInt(100_000), 5);
  }

  /** One absolute update: set the size at a price, or remove the level. */
  @Benchmark
  public int apply() {
    int u = next;
    next = (u + 1) & (UPDATES - 1);
    return book.set(sides[u], prices[u], sizes[u]);
  }

  /** The operations both books support. */
  private interface Book {
    int set(Side side, BigDecimal price, BigDecimal size);
  }

  private static final class Mutable implements Book {
    private final MutableOrderBook book = new MutableOrderBook();

    @Override
    public int set(Side side, BigDecimal price, BigDecimal size) {
      book.set(side, price, size);
      return book.levelCount(side);
    }
  }

  private static final class Tree implements Book {
    private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();

    @Override
    public int set(Side side, BigDecimal price, BigDecimal size) {
      TreeMap<BigDecimal, BigDecimal> levels = side == Side.BID ? bids : asks;
      if (size.signum() == 0) {
        levels.remove(price);
      } else {
        levels.put(price, size);
      }
      return levels.size();
    }
  }
}
