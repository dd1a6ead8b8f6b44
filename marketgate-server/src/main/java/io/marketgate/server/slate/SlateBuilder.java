package io.marketgate.server.slate;

import io.marketgate.model.BetSide;
import io.marketgate.model.GameKey;
import io.marketgate.model.KalshiFees;
import io.marketgate.model.MarketType;
import io.marketgate.model.ModelException;
import io.marketgate.model.Odds;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.PriceLevel;
import io.marketgate.server.slate.SlateFrame.BookRead;
import io.marketgate.server.slate.SlateManifest.KalshiGame;
import io.marketgate.server.slate.SlateManifest.ManifestMarket;
import io.marketgate.upstream.kalshi.NbaTicker;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * The slate's builders: the join of odds-feed games with Kalshi events, and the moneyline, spread
 * and total tables. Pure functions of a {@link SlateFrame}; they never fetch. Stateless.
 */
final class SlateBuilder {

  /*
   * Join. Odds events of the league and US/Eastern date are grouped by matchup AWAY@HOME in Kalshi
   * codes (NbaTeams), so one game priced by two feeds is one game; the games list adds games the
   * feeds no longer price. A group joins the manifest game with the same matchup. Either side left
   * over is listed as unmatched with the reason; a reversed home/away is named as such.
   *
   * Fair lines. Per game and market type the first of settings.fairSources that prices a two-way
   * line is de-vigged; when none does, the consensus is the median line (points) over every
   * bookmaker and the mean de-vigged probability of the bookmakers at that line.
   *
   * Fair at a strike. Margin (home − away) ~ N(mu, marginSigma), total ~ N(mu, totalSigma), with mu
   * chosen so that at the consensus line the model gives exactly the de-vigged probability:
   * spread with home handicap h and P(home covers) = p gives mu = −h + sigma·invPhi(p); total L with
   * P(over) = p gives mu = L + sigma·invPhi(p). Then P(home wins by more than s) = 1 − Phi((s −
   * mu)/sigma), P(away wins by more than s) = Phi((−s − mu)/sigma), P(total > s) = 1 − Phi((s −
   * mu)/sigma).
   */

  private SlateBuilder() {}

  /** Builds the slate of {@code frame}. */
  static Slate build(SlateFrame frame, SlateSettings settings) {
    Plan plan = plan(frame.date(), frame.odds(), frame.games(), frame.manifest(), settings);
    List<Slate.Row> moneylines = new ArrayList<>();
    List<Slate.Row> spreads = new ArrayList<>();
    List<Slate.Row> totals = new ArrayList<>();
    long maxAge = 0;
    int missing = 0;
    int stale = 0;
    for (Candidate c : plan.candidates) {
      BookRead read =
          frame
              .books()
              .getOrDefault(
                  c.market.ticker(),
                  new BookRead.Missing("book not in this run's plan (manifest changed during it)"));
      Slate.Row row = row(c, read, settings);
      switch (row.book().state()) {
        case "missing" -> missing++;
        case "stale" -> stale++;
        default -> {}
      }
      if (row.book().ageMs().isPresent()) {
        maxAge = Math.max(maxAge, row.book().ageMs().getAsLong());
      }
      switch (c.market.kind()) {
        case MONEYLINE -> moneylines.add(row);
        case SPREAD -> spreads.add(row);
        case TOTAL -> totals.add(row);
      }
    }
    long total = frame.calls().values().stream().mapToLong(Long::longValue).sum();
    return new Slate(
        frame.league(),
        frame.date(),
        frame.now(),
        frame.version(),
        new Slate.Freshness(
            frame.oddsFreshness(),
            frame.manifestFreshness(),
            new Slate.BooksFreshness(maxAge, missing, stale)),
        new Slate.Calls(total, frame.calls()),
        plan.games,
        moneylines,
        spreads,
        totals,
        plan.unmatched);
  }

  /** The market tickers whose books a build of these inputs reads. */
  static Set<String> neededTickers(
      LocalDate date,
      List<OddsEvent> odds,
      Optional<GameList> games,
      SlateFrame.Input<SlateManifest> manifest,
      SlateSettings settings) {
    Set<String> out = new LinkedHashSet<>();
    for (Candidate c : plan(date, odds, games, manifest, settings).candidates) {
      out.add(c.market.ticker());
    }
    return out;
  }

  // ------------------------------------------------------------------ join

  /** One odds-side game: a matchup of the date with the feeds' events for it. */
  private record OddsGame(String away, String home, Instant start, List<OddsEvent> events) {
    String matchup() {
      return away + "@" + home;
    }
  }

  /** A joined game. */
  private record Joined(Slate.Game game, OddsGame odds, KalshiGame kalshi) {}

  /** A market to show, priced, before its book is read. */
  private record Candidate(
      Joined joined,
      ManifestMarket market,
      String label,
      Optional<String> team,
      String side,
      OptionalDouble strike,
      OptionalDouble consensusLine,
      double fair,
      String fairSource,
      double position) {}

  private record Plan(
      List<Slate.Game> games, List<Candidate> candidates, List<Slate.Unmatched> unmatched) {}

  private static Plan plan(
      LocalDate date,
      List<OddsEvent> odds,
      Optional<GameList> gameList,
      SlateFrame.Input<SlateManifest> manifest,
      SlateSettings settings) {
    List<Slate.Unmatched> unmatched = new ArrayList<>();
    Map<String, OddsGame> oddsGames = oddsGames(date, odds, gameList, unmatched);
    Map<String, KalshiGame> kalshi = new LinkedHashMap<>();
    if (manifest instanceof SlateFrame.Input.Found<SlateManifest> found) {
      for (KalshiGame g : found.value().games()) {
        kalshi.put(g.away() + "@" + g.home(), g);
      }
      for (SlateManifest.Skipped s : found.value().skipped()) {
        unmatched.add(new Slate.Unmatched("kalshi", s.ticker(), s.ticker(), s.reason()));
      }
    }
    List<Joined> joined = new ArrayList<>();
    Set<String> used = new LinkedHashSet<>();
    for (OddsGame g : oddsGames.values()) {
      KalshiGame k = kalshi.get(g.matchup());
      if (k == null) {
        String reason;
        if (manifest instanceof SlateFrame.Input.Missing<SlateManifest> m) {
          reason = "the Kalshi manifest is unavailable: " + m.reason();
        } else if (kalshi.containsKey(g.home() + "@" + g.away())) {
          reason =
              "Kalshi lists this game with home and away reversed ("
                  + g.home()
                  + "@"
                  + g.away()
                  + ")";
        } else {
          reason = "no Kalshi NBA event for " + g.matchup() + " on " + date;
        }
        unmatched.add(
            new Slate.Unmatched("odds", oddsId(g), g.matchup() + " " + g.start(), reason));
        continue;
      }
      used.add(g.matchup());
      String eventTicker = k.eventTicker(NbaTicker.Kind.MONEYLINE);
      joined.add(
          new Joined(
              new Slate.Game(
                  new GameKey(eventTicker, g.start()),
                  eventTicker,
                  g.start(),
                  g.away(),
                  g.home(),
                  name(g.away()),
                  name(g.home())),
              g,
              k));
    }
    for (Map.Entry<String, KalshiGame> e : kalshi.entrySet()) {
      if (!used.contains(e.getKey())) {
        KalshiGame k = e.getValue();
        unmatched.add(
            new Slate.Unmatched(
                "kalshi",
                k.eventTicker(NbaTicker.Kind.MONEYLINE),
                e.getKey() + " " + date,
                "no odds-feed game for " + e.getKey() + " on " + date));
      }
    }
    joined.sort(Comparator.comparing((Joined j) -> j.game().key()));
    List<Candidate> candidates = new ArrayList<>();
    for (Joined j : joined) {
      moneylines(j, settings, candidates);
      spreads(j, settings, candidates);
      totals(j, settings, candidates);
    }
    return new Plan(joined.stream().map(Joined::game).toList(), candidates, unmatched);
  }

  private static Map<String, OddsGame> oddsGames(
      LocalDate date,
      List<OddsEvent> odds,
      Optional<GameList> gameList,
      List<Slate.Unmatched> unmatched) {
    Map<String, List<OddsEvent>> byMatchup = new TreeMap<>();
    Map<String, Instant> starts = new LinkedHashMap<>();
    List<OddsEvent> sorted = new ArrayList<>(odds);
    sorted.sort(Comparator.comparing((OddsEvent e) -> e.key().toString()));
    for (OddsEvent e : sorted) {
      if (!e.league().equals("nba") || !NbaTicker.easternDate(e.start()).equals(date)) {
        continue;
      }
      Optional<String> away = GameList.code(e.away());
      Optional<String> home = GameList.code(e.home());
      if (away.isEmpty() || home.isEmpty()) {
        unmatched.add(
            new Slate.Unmatched(
                "odds",
                e.key().toString(),
                e.away().label() + " at " + e.home().label() + " " + e.start(),
                "unknown NBA team name " + (away.isEmpty() ? e.away().label() : e.home().label())));
        continue;
      }
      String matchup = away.get() + "@" + home.get();
      byMatchup.computeIfAbsent(matchup, m -> new ArrayList<>()).add(e);
      starts.merge(matchup, e.start(), (a, b) -> a.isAfter(b) ? b : a);
    }
    Map<String, OddsGame> out = new TreeMap<>();
    byMatchup.forEach(
        (m, events) -> {
          String[] t = m.split("@");
          out.put(m, new OddsGame(t[0], t[1], starts.get(m), events));
        });
    gameList.ifPresent(
        l -> {
          if (l.date().equals(date)) {
            for (GameList.ScheduledGame g : l.games()) {
              out.putIfAbsent(g.matchup(), new OddsGame(g.away(), g.home(), g.start(), List.of()));
            }
          }
        });
    return out;
  }

  private static String oddsId(OddsGame g) {
    return g.events().isEmpty()
        ? "games:" + g.matchup()
        : String.join(",", g.events().stream().map(e -> e.key().toString()).toList());
  }

  private static String name(String code) {
    return NbaTeams.byCode(code).map(NbaTeams.NbaTeam::name).orElse(code);
  }

  // ------------------------------------------------------------------ fair lines

  /**
   * A vig-free line: {@code points} is the home handicap (spread) or the total (total), NaN for a
   * moneyline; {@code p} is P(home wins), P(home covers) or P(over).
   */
  private record Fair(String source, double points, double p) {}

  private static Optional<Fair> fair(OddsGame g, MarketType type, SlateSettings s) {
    BetSide first = type == MarketType.TOTAL ? BetSide.OVER : BetSide.HOME;
    for (String id : s.fairSources()) {
      int colon = id.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String venue = id.substring(0, colon);
      String bookmaker = id.substring(colon + 1);
      for (OddsEvent e : g.events()) {
        if (!e.key().venue().id().equals(venue)) {
          continue;
        }
        Optional<Fair> f =
            e.line(bookmaker, type).filter(OddsLine::isTwoWay).flatMap(l -> of(id, l, first, s));
        if (f.isPresent()) {
          return f;
        }
      }
    }
    List<Fair> all = new ArrayList<>();
    for (OddsEvent e : g.events()) {
      for (OddsLine l : e.lines(type)) {
        if (l.isTwoWay()) {
          of("consensus", l, first, s).ifPresent(all::add);
        }
      }
    }
    if (all.isEmpty()) {
      return Optional.empty();
    }
    double median = 0;
    if (type.hasPoints()) {
      List<Double> points = all.stream().map(Fair::points).sorted().toList();
      median = points.get((points.size() - 1) / 2);
    }
    double m = median;
    List<Fair> at = all.stream().filter(f -> !type.hasPoints() || f.points() == m).toList();
    double p = at.stream().mapToDouble(Fair::p).average().orElseThrow();
    return Optional.of(
        new Fair("consensus:" + at.size(), type.hasPoints() ? median : Double.NaN, p));
  }

  private static Optional<Fair> of(String source, OddsLine line, BetSide first, SlateSettings s) {
    try {
      double p = line.fairProbability(first, s.deVig());
      double points =
          line.market().hasPoints()
              ? line.outcome(first).orElseThrow().points().orElseThrow()
              : Double.NaN;
      return p > 0 && p < 1 ? Optional.of(new Fair(source, points, p)) : Optional.empty();
    } catch (ModelException e) {
      return Optional.empty();
    }
  }

  // ------------------------------------------------------------------ tables

  private static void moneylines(Joined j, SlateSettings s, List<Candidate> out) {
    Optional<Fair> fair = fair(j.odds(), MarketType.MONEYLINE, s);
    if (fair.isEmpty()) {
      return;
    }
    String away = j.game().away();
    String home = j.game().home();
    List<ManifestMarket> markets = new ArrayList<>(j.kalshi().markets(NbaTicker.Kind.MONEYLINE));
    markets.sort(Comparator.comparing((ManifestMarket m) -> m.team().orElse("").equals(home)));
    for (ManifestMarket m : markets) {
      String team = m.team().orElse("");
      if (!team.equals(home) && !team.equals(away)) {
        continue;
      }
      double p = team.equals(home) ? fair.get().p() : 1 - fair.get().p();
      out.add(
          new Candidate(
              j,
              m,
              team,
              Optional.of(team),
              "win",
              OptionalDouble.empty(),
              OptionalDouble.empty(),
              p,
              fair.get().source(),
              0));
    }
  }

  private static void spreads(Joined j, SlateSettings s, List<Candidate> out) {
    Optional<Fair> fair = fair(j.odds(), MarketType.SPREAD, s);
    if (fair.isEmpty()) {
      return;
    }
    String home = j.game().home();
    String away = j.game().away();
    double h = fair.get().points();
    double sigma = s.marginSigma();
    double mu = -h + sigma * NormalDistribution.inverse(fair.get().p());
    List<Candidate> all = new ArrayList<>();
    for (ManifestMarket m : j.kalshi().markets(NbaTicker.Kind.SPREAD)) {
      String team = m.team().orElse("");
      if (m.line().isEmpty() || (!team.equals(home) && !team.equals(away))) {
        continue;
      }
      double line = m.line().get().doubleValue();
      boolean isHome = team.equals(home);
      double p =
          isHome
              ? 1 - NormalDistribution.cdf((line - mu) / sigma)
              : NormalDistribution.cdf((-line - mu) / sigma);
      all.add(
          new Candidate(
              j,
              m,
              team + " -" + points(line),
              Optional.of(team),
              "cover",
              OptionalDouble.of(line),
              OptionalDouble.of(isHome ? h : -h),
              p,
              fair.get().source(),
              isHome ? line : -line));
    }
    out.addAll(nearest(all, -h, s.strikesEachSide()));
  }

  private static void totals(Joined j, SlateSettings s, List<Candidate> out) {
    Optional<Fair> fair = fair(j.odds(), MarketType.TOTAL, s);
    if (fair.isEmpty()) {
      return;
    }
    double total = fair.get().points();
    double sigma = s.totalSigma();
    double mu = total + sigma * NormalDistribution.inverse(fair.get().p());
    List<Candidate> all = new ArrayList<>();
    for (ManifestMarket m : j.kalshi().markets(NbaTicker.Kind.TOTAL)) {
      if (m.line().isEmpty()) {
        continue;
      }
      double line = m.line().get().doubleValue();
      double p = 1 - NormalDistribution.cdf((line - mu) / sigma);
      all.add(
          new Candidate(
              j,
              m,
              "Over " + points(line),
              Optional.empty(),
              "over",
              OptionalDouble.of(line),
              OptionalDouble.of(total),
              p,
              fair.get().source(),
              line));
    }
    out.addAll(nearest(all, total, s.strikesEachSide()));
  }

  /** The {@code n} candidates at or below {@code center} and the {@code n} above, by position. */
  private static List<Candidate> nearest(List<Candidate> all, double center, int n) {
    List<Candidate> below =
        all.stream()
            .filter(c -> c.position() <= center)
            .sorted(Comparator.comparingDouble(Candidate::position).reversed())
            .limit(n)
            .toList();
    List<Candidate> above =
        all.stream()
            .filter(c -> c.position() > center)
            .sorted(Comparator.comparingDouble(Candidate::position))
            .limit(n)
            .toList();
    List<Candidate> out = new ArrayList<>(below);
    out.addAll(above);
    out.sort(Comparator.comparingDouble(Candidate::position));
    return out;
  }

  private static String points(double line) {
    return line == Math.rint(line) ? Long.toString((long) line) : Double.toString(line);
  }

  // ------------------------------------------------------------------ rows

  private static Slate.Row row(Candidate c, BookRead read, SlateSettings s) {
    Optional<BigDecimal> yesBid = Optional.empty();
    Optional<BigDecimal> yesAsk = Optional.empty();
    Optional<BigDecimal> noBid = Optional.empty();
    Optional<BigDecimal> noAsk = Optional.empty();
    Slate.BookState state;
    switch (read) {
      case BookRead.Found f -> {
        yesBid = f.book().bestYesBid().map(PriceLevel::price);
        yesAsk = f.book().yesAsk().map(PriceLevel::price);
        noBid = f.book().bestNoBid().map(PriceLevel::price);
        noAsk = f.book().noAsk().map(PriceLevel::price);
        state =
            new Slate.BookState(
                f.staleReason().isPresent() ? "stale" : "live",
                OptionalLong.of(f.ageMs()),
                f.staleReason());
      }
      case BookRead.Missing m ->
          state = new Slate.BookState("missing", OptionalLong.empty(), Optional.of(m.reason()));
    }
    OptionalDouble edge = OptionalDouble.empty();
    OptionalDouble ev = OptionalDouble.empty();
    if (yesAsk.isPresent()
        && yesAsk.get().signum() > 0
        && yesAsk.get().compareTo(BigDecimal.ONE) < 0) {
      BigDecimal ask = yesAsk.get();
      edge = OptionalDouble.of(c.fair() - ask.doubleValue());
      ev =
          OptionalDouble.of(
              Odds.expectedValue(
                  c.fair(), ask, KalshiFees.takerFeePerContract(ask, s.takerFeeRate())));
    }
    return new Slate.Row(
        c.joined().game().key(),
        c.market().ticker(),
        c.label(),
        c.team(),
        c.side(),
        c.strike(),
        c.consensusLine(),
        c.fair(),
        c.fairSource(),
        yesBid,
        yesAsk,
        noBid,
        noAsk,
        edge,
        ev,
        state);
  }
}
