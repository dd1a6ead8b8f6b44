package io.marketgate.server.events;

import io.marketgate.model.DeVig;
import io.marketgate.model.DeVigMethod;
import io.marketgate.model.MarketType;
import io.marketgate.model.ModelException;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsPrice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The consensus of several bookmakers' two-way lines on one market of one event: the median line.
 * Moneyline: the median decimal price of each side. Spread and total: the median points (the lower
 * median, so always a number some bookmaker quotes; the home side's points for a spread) and, per
 * side, the median decimal price of the bookmakers quoting exactly those points.
 *
 * @param market the market type
 * @param points the consensus points (home side for a spread, the total for a total); empty for a
 *     moneyline
 * @param first the price of the market's first side ({@link MarketType#sides()}: home or over)
 * @param second the price of the market's second side (away or under)
 * @param bookmakers how many bookmakers' prices the consensus price is the median of
 * @param lines how many two-way lines the points are the median of
 */
public record ConsensusLine(
    MarketType market,
    OptionalDouble points,
    OddsPrice first,
    OddsPrice second,
    int bookmakers,
    int lines) {

  private static final double POINTS_TOLERANCE = 1e-9;

  /** Validates the parts. */
  public ConsensusLine {
    Objects.requireNonNull(market, "market");
    Objects.requireNonNull(points, "points");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    if (points.isPresent() != market.hasPoints()) {
      throw new IllegalArgumentException(market + ": points present must match the market");
    }
    if (bookmakers < 1 || lines < bookmakers) {
      throw new IllegalArgumentException(
          "needs 1 <= bookmakers <= lines, were " + bookmakers + " and " + lines);
    }
  }

  /**
   * The consensus of the two-way lines among {@code lines} (all of market {@code market}); empty
   * when none is two-way.
   */
  public static Optional<ConsensusLine> of(MarketType market, List<OddsLine> lines) {
    List<OddsLine> twoWay = new ArrayList<>();
    for (OddsLine l : lines) {
      if (l.market() != market) {
        throw new IllegalArgumentException("a " + l.market() + " line among " + market + " lines");
      }
      if (l.isTwoWay()) {
        twoWay.add(l);
      }
    }
    if (twoWay.isEmpty()) {
      return Optional.empty();
    }
    OptionalDouble points = OptionalDouble.empty();
    List<OddsLine> priced = twoWay;
    if (market.hasPoints()) {
      double[] all = twoWay.stream().mapToDouble(ConsensusLine::firstPoints).sorted().toArray();
      double median = all[(all.length - 1) / 2];
      points = OptionalDouble.of(median);
      priced =
          twoWay.stream()
              .filter(l -> Math.abs(firstPoints(l) - median) <= POINTS_TOLERANCE)
              .toList();
    }
    double[] first = new double[priced.size()];
    double[] second = new double[priced.size()];
    for (int i = 0; i < priced.size(); i++) {
      double[] odds = priced.get(i).decimalOdds();
      first[i] = odds[0];
      second[i] = odds[1];
    }
    return Optional.of(
        new ConsensusLine(
            market,
            points,
            OddsPrice.ofDecimal(median(first)),
            OddsPrice.ofDecimal(median(second)),
            priced.size(),
            twoWay.size()));
  }

  /**
   * The vig-free probabilities of the two sides by {@code method}, in side order; empty when the
   * method rejects these prices (ADDITIVE with a long shot, SHIN with a negative margin).
   */
  public Optional<double[]> fair(DeVigMethod method) {
    try {
      return Optional.of(DeVig.fairProbabilities(method, first.decimal(), second.decimal()));
    } catch (ModelException e) {
      return Optional.empty();
    }
  }

  /** The median of {@code values}: the middle one, or the mean of the two middle ones. */
  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private static double firstPoints(OddsLine l) {
    return l.outcomes().get(0).points().orElseThrow();
  }
}
