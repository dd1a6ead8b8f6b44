package io.marketgate.sim.kalshi;

import io.marketgate.sim.slate.Game;
import io.marketgate.sim.slate.Slate;
import io.marketgate.sim.slate.Team;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The immutable Kalshi NBA catalog of a slate: three series, one event per series and game, and
 * their markets, following the ticker grammar of the reference (§1.8).
 */
final class KalshiCatalog {

  static final String GAME = "KXNBAGAME";
  static final String SPREAD = "KXNBASPREAD";
  static final String TOTAL = "KXNBATOTAL";

  private static final DateTimeFormatter TICKER_DATE =
      DateTimeFormatter.ofPattern("yyMMMdd", Locale.US);
  private static final DateTimeFormatter TITLE_DATE =
      DateTimeFormatter.ofPattern("MMM d", Locale.US);
  private static final DateTimeFormatter RULE_DATE =
      DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);

  enum Kind {
    WINNER,
    SPREAD,
    TOTAL
  }

  record Series(String ticker, String title) {}

  record Market(
      String ticker,
      String eventTicker,
      String seriesTicker,
      Kind kind,
      Game game,
      Optional<Team> team,
      int strike,
      double trueProbability,
      String title,
      String yesSubTitle,
      String noSubTitle,
      String rulesPrimary) {

    /** The half-point line of a spread or total market: {@code strike − 0.5}. */
    double floorStrike() {
      return strike - 0.5;
    }
  }

  record Event(
      String ticker,
      String seriesTicker,
      String title,
      String subTitle,
      boolean mutuallyExclusive,
      Game game,
      Instant strikeDate,
      List<Market> markets) {}

  private final List<Series> series;
  private final List<Event> events;
  private final Map<String, Event> eventsByTicker = new LinkedHashMap<>();
  private final Map<String, Market> marketsByTicker = new LinkedHashMap<>();

  KalshiCatalog(Slate slate) {
    series =
        List.of(
            new Series(GAME, "Professional Basketball Game"),
            new Series(SPREAD, "Professional Basketball Spread"),
            new Series(TOTAL, "Professional Basketball Total Points"));
    List<Event> all = new ArrayList<>();
    for (String s : List.of(GAME, SPREAD, TOTAL)) {
      for (Game game : slate.games()) {
        all.add(event(s, game, slate.date()));
      }
    }
    events = Collections.unmodifiableList(all);
    for (Event e : events) {
      eventsByTicker.put(e.ticker(), e);
      for (Market m : e.markets()) {
        marketsByTicker.put(m.ticker(), m);
      }
    }
  }

  List<Series> series() {
    return series;
  }

  List<Event> events() {
    return events;
  }

  List<Market> markets() {
    return List.copyOf(marketsByTicker.values());
  }

  Optional<Series> series(String ticker) {
    return series.stream().filter(s -> s.ticker().equals(ticker)).findFirst();
  }

  Optional<Event> event(String ticker) {
    return Optional.ofNullable(eventsByTicker.get(ticker));
  }

  Optional<Market> market(String ticker) {
    return Optional.ofNullable(marketsByTicker.get(ticker));
  }

  /** The event ticker of {@code game} in {@code series}: {@code SERIES-YYMONDDAWAYHOME}. */
  static String eventTicker(String series, Game game, LocalDate date) {
    return series
        + "-"
        + TICKER_DATE.format(date).toUpperCase(Locale.ROOT)
        + game.away().code()
        + game.home().code();
  }

  private static Event event(String seriesTicker, Game game, LocalDate date) {
    String ticker = eventTicker(seriesTicker, game, date);
    String matchup = game.away().city() + " at " + game.home().city();
    String sub =
        game.away().code() + " at " + game.home().code() + " (" + TITLE_DATE.format(date) + ")";
    String ruleDate = RULE_DATE.format(date);
    List<Market> markets = new ArrayList<>();
    String title;
    boolean exclusive;
    switch (seriesTicker) {
      case GAME -> {
        title = matchup;
        exclusive = true;
        for (Team team : List.of(game.away(), game.home())) {
          markets.add(
              new Market(
                  ticker + "-" + team.code(),
                  ticker,
                  seriesTicker,
                  Kind.WINNER,
                  game,
                  Optional.of(team),
                  0,
                  game.winsByMoreThan(team, 0),
                  matchup + " Winner?",
                  team.city(),
                  team.city(),
                  "If "
                      + team.city()
                      + " wins the "
                      + matchup
                      + " professional basketball game originally scheduled for "
                      + ruleDate
                      + ", then the market resolves to Yes."));
        }
      }
      case SPREAD -> {
        title = matchup + ": Spreads";
        exclusive = false;
        for (int k = 3; k <= 24; k += 3) {
          markets.add(spread(ticker, game, game.favorite(), k, ruleDate, matchup));
        }
        for (int k = 3; k <= 6; k += 3) {
          markets.add(spread(ticker, game, game.underdog(), k, ruleDate, matchup));
        }
      }
      default -> {
        title = matchup + ": Total Points";
        exclusive = false;
        int center = 3 * (int) Math.round(game.expectedTotal() / 3);
        for (int k = center - 15; k <= center + 15; k += 3) {
          String line = (k - 1) + ".5";
          markets.add(
              new Market(
                  ticker + "-" + k,
                  ticker,
                  seriesTicker,
                  Kind.TOTAL,
                  game,
                  Optional.empty(),
                  k,
                  game.overProbability(k - 0.5),
                  title,
                  "Over " + line + " points scored",
                  "Over " + line + " points scored",
                  "If "
                      + game.away().city()
                      + " and "
                      + game.home().city()
                      + " combine to score over "
                      + line
                      + " points in the game originally scheduled for "
                      + ruleDate
                      + ", then the market resolves to Yes."));
        }
      }
    }
    return new Event(
        ticker,
        seriesTicker,
        title,
        sub,
        exclusive,
        game,
        game.start().plusSeconds(3 * 3600),
        List.copyOf(markets));
  }

  private static Market spread(
      String eventTicker, Game game, Team team, int k, String ruleDate, String matchup) {
    String line = (k - 1) + ".5";
    String text = team.city() + " wins by over " + line + " Points";
    return new Market(
        eventTicker + "-" + team.code() + k,
        eventTicker,
        SPREAD,
        Kind.SPREAD,
        game,
        Optional.of(team),
        k,
        game.winsByMoreThan(team, k - 0.5),
        text + "?",
        text,
        text,
        "If "
            + team.city()
            + " wins the "
            + matchup
            + " professional basketball game originally scheduled for "
            + ruleDate
            + " by over "
            + line
            + " points, then the market resolves to Yes.");
  }
}
