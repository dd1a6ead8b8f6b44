package io.marketgate.bench;

import io.marketgate.model.BetSide;
import io.marketgate.model.Bookmaker;
import io.marketgate.model.EventKey;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.OddsPrice;
import io.marketgate.model.Team;
import io.marketgate.model.Venue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic odds events for the harnesses: every event priced by {@code books} bookmakers on {@code
 * markets} markets each, built from fresh objects as a feed parser would. The model holds one line
 * per bookmaker and market type, so markets beyond three are alternate lines: market m of bookmaker
 * b is type {@code m % 3} of bookmaker {@code b} (m &lt; 3) or {@code b-alt(m/3)}.
 */
final class SyntheticOdds {

  private static final MarketType[] TYPES = MarketType.values();

  private final int books;
  private final int markets;
  private final Instant firstStart;

  SyntheticOdds(int books, int markets, Instant firstStart) {
    this.books = books;
    this.markets = markets;
    this.firstStart = firstStart;
  }

  /** Event {@code i}, its prices drawn from {@code random}. */
  OddsEvent event(int i, SplittableRandom random) {
    List<OddsLine> lines = new ArrayList<>(books * markets);
    Instant updated = firstStart.minus(Duration.ofHours(2));
    for (int b = 0; b < books; b++) {
      for (int m = 0; m < markets; m++) {
        String id = "book" + b + (m < 3 ? "" : "-alt" + (m / 3));
        Instant at = Instant.ofEpochSecond(updated.getEpochSecond() + b, 0); // one object per line
        lines.add(line(new Bookmaker(id, "Book " + b), TYPES[m % 3], random, at));
      }
    }
    return new OddsEvent(
        new EventKey(Venue.ODDS_API, String.format("%032x", 0x5eed0000L + i)),
        "nba",
        Team.named("Home Team " + i),
        Team.named("Away Team " + i),
        firstStart.plus(Duration.ofMinutes(10L * i)),
        lines);
  }

  /**
   * {@code previous} re-parsed with about {@code changeShare} of its lines re-priced: every line a
   * fresh object, as a poll would deliver it.
   */
  OddsEvent reprice(OddsEvent previous, double changeShare, SplittableRandom random) {
    List<OddsLine> lines = new ArrayList<>(previous.lines().size());
    for (OddsLine l : previous.lines()) {
      Bookmaker book =
          new Bookmaker(new String(l.bookmaker().id()), new String(l.bookmaker().name()));
      if (random.nextDouble() < changeShare) {
        lines.add(line(book, l.market(), random, l.updatedAt().plusSeconds(60)));
      } else {
        Instant at = Instant.ofEpochSecond(l.updatedAt().getEpochSecond(), 0);
        List<OddsOutcome> outcomes = new ArrayList<>(2);
        for (OddsOutcome o : l.outcomes()) {
          OddsPrice price = OddsPrice.ofAmerican(o.price().american());
          outcomes.add(
              o.points().isPresent()
                  ? OddsOutcome.of(o.side(), o.points().getAsDouble(), price)
                  : OddsOutcome.of(o.side(), price));
        }
        lines.add(new OddsLine(book, l.market(), outcomes, at));
      }
    }
    return new OddsEvent(
        previous.key(),
        previous.league(),
        previous.home(),
        previous.away(),
        previous.start(),
        lines);
  }

  /** Whole American odds of an implied probability, as books quote them. */
  private static OddsPrice american(double implied) {
    double a = implied >= 0.5 ? -100 * implied / (1 - implied) : 100 * (1 - implied) / implied;
    return OddsPrice.ofAmerican(Math.round(a));
  }

  private static OddsLine line(
      Bookmaker book, MarketType type, SplittableRandom random, Instant updated) {
    double p = 0.35 + random.nextDouble() * 0.3;
    double vig = 1.02 + random.nextDouble() * 0.04;
    OddsPrice first = american(p * vig);
    OddsPrice second = american((1 - p) * vig);
    List<BetSide> sides = type.sides();
    List<OddsOutcome> outcomes;
    switch (type) {
      case MONEYLINE ->
          outcomes =
              List.of(OddsOutcome.of(sides.get(0), first), OddsOutcome.of(sides.get(1), second));
      case SPREAD -> {
        double points = -(1 + random.nextInt(12)) - 0.5;
        outcomes =
            List.of(
                OddsOutcome.of(sides.get(0), points, first),
                OddsOutcome.of(sides.get(1), -points, second));
      }
      default -> {
        double points = 210.5 + random.nextInt(20);
        outcomes =
            List.of(
                OddsOutcome.of(sides.get(0), points, first),
                OddsOutcome.of(sides.get(1), points, second));
      }
    }
    return new OddsLine(book, type, outcomes, updated);
  }
}
