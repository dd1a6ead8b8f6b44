package io.marketgate.server.slate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.cache.ValueCodec;
import io.marketgate.upstream.kalshi.NbaTicker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Kalshi side of one slate date: the trading markets of the NBA game, spread and total series
 * whose tickers carry that US/Eastern date, grouped by game, with the tickers that could not be
 * read. Keyed by event ticker (any of the three series) through {@link #byEventTicker}; the
 * builders key it by {@code GameKey} once a game is joined. Immutable.
 *
 * @param date the US/Eastern date
 * @param games the games, ordered by suffix
 * @param skipped tickers of the date left out, with the reason
 */
public record SlateManifest(LocalDate date, List<KalshiGame> games, List<Skipped> skipped) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates the parts and copies the lists. */
  public SlateManifest {
    Objects.requireNonNull(date, "date");
    games = List.copyOf(games);
    skipped = List.copyOf(skipped);
  }

  /**
   * One game's Kalshi markets, in the team codes of {@link NbaTeams}.
   *
   * @param suffix the suffix the three series' events share, for example {@code 26NOV21LALBOS}
   * @param away the away team's code
   * @param home the home team's code
   * @param markets the markets of every series of the game, ordered by ticker
   */
  public record KalshiGame(String suffix, String away, String home, List<ManifestMarket> markets) {

    /** Validates the parts and copies the markets. */
    public KalshiGame {
      Objects.requireNonNull(suffix, "suffix");
      Objects.requireNonNull(away, "away");
      Objects.requireNonNull(home, "home");
      markets = List.copyOf(markets);
    }

    /** The event ticker of this game in {@code kind}'s series. */
    public String eventTicker(NbaTicker.Kind kind) {
      return kind.series() + "-" + suffix;
    }

    /** The markets of {@code kind}'s series. */
    public List<ManifestMarket> markets(NbaTicker.Kind kind) {
      return markets.stream().filter(m -> m.kind() == kind).toList();
    }
  }

  /**
   * One market.
   *
   * @param ticker the market ticker
   * @param kind its series
   * @param team the team a moneyline or spread market is about, as a {@link NbaTeams} code
   * @param line the half-point line of a spread or total market
   */
  public record ManifestMarket(
      String ticker, NbaTicker.Kind kind, Optional<String> team, Optional<BigDecimal> line) {

    /** Validates the parts. */
    public ManifestMarket {
      Objects.requireNonNull(ticker, "ticker");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(team, "team");
      Objects.requireNonNull(line, "line");
    }
  }

  /**
   * A ticker left out of the manifest.
   *
   * @param ticker the ticker
   * @param reason why
   */
  public record Skipped(String ticker, String reason) {

    /** Validates the parts. */
    public Skipped {
      Objects.requireNonNull(ticker, "ticker");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The manifest of {@code date} from market tickers of any dates and series: tickers of other
   * dates or series are ignored, unreadable ones or unknown team codes are listed as skipped.
   */
  public static SlateManifest of(LocalDate date, Collection<String> marketTickers) {
    Map<String, List<ManifestMarket>> bySuffix = new TreeMap<>();
    Map<String, String[]> teams = new LinkedHashMap<>();
    List<Skipped> skipped = new ArrayList<>();
    for (String ticker : new java.util.TreeSet<>(marketTickers)) {
      Optional<NbaTicker> parsed = NbaTicker.tryParse(ticker);
      if (parsed.isEmpty()) {
        if (ticker.contains(date.format(TickerDates.FORMAT).toUpperCase(java.util.Locale.ROOT))) {
          skipped.add(new Skipped(ticker, "not a ticker of the NBA grammar"));
        }
        continue;
      }
      NbaTicker t = parsed.get();
      if (!t.gameDate().equals(date) || !t.isMarket()) {
        continue;
      }
      Optional<String> away = NbaTeams.byCode(t.awayTeam()).map(NbaTeams.NbaTeam::code);
      Optional<String> home = NbaTeams.byCode(t.homeTeam()).map(NbaTeams.NbaTeam::code);
      if (away.isEmpty() || home.isEmpty()) {
        skipped.add(
            new Skipped(
                ticker,
                "unknown team code "
                    + (away.isEmpty() ? t.awayTeam() : t.homeTeam())
                    + " in "
                    + t.eventTicker()));
        continue;
      }
      Optional<String> team = Optional.empty();
      if (t.team().isPresent()) {
        team = NbaTeams.byCode(t.team().get()).map(NbaTeams.NbaTeam::code);
        if (team.isEmpty()) {
          skipped.add(new Skipped(ticker, "unknown team code " + t.team().get()));
          continue;
        }
      }
      String suffix = t.gameSuffix();
      teams.putIfAbsent(suffix, new String[] {away.get(), home.get()});
      bySuffix
          .computeIfAbsent(suffix, s -> new ArrayList<>())
          .add(new ManifestMarket(ticker, t.kind(), team, t.line()));
    }
    List<KalshiGame> games = new ArrayList<>();
    bySuffix.forEach(
        (suffix, markets) -> {
          markets.sort(Comparator.comparing(ManifestMarket::ticker));
          String[] t = teams.get(suffix);
          games.add(new KalshiGame(suffix, t[0], t[1], markets));
        });
    return new SlateManifest(date, games, skipped);
  }

  /** The game whose event ticker (in any of the three series) is {@code eventTicker}. */
  public Optional<KalshiGame> byEventTicker(String eventTicker) {
    int dash = eventTicker == null ? -1 : eventTicker.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    String suffix = eventTicker.substring(dash + 1);
    return games.stream()
        .filter(
            g ->
                g.suffix().equals(suffix) && g.eventTicker(kindOf(eventTicker)).equals(eventTicker))
        .findFirst();
  }

  /** Every market ticker of the manifest. */
  public List<String> tickers() {
    return games.stream().flatMap(g -> g.markets().stream()).map(ManifestMarket::ticker).toList();
  }

  private static NbaTicker.Kind kindOf(String eventTicker) {
    for (NbaTicker.Kind k : NbaTicker.Kind.values()) {
      if (eventTicker.startsWith(k.series() + "-")) {
        return k;
      }
    }
    return NbaTicker.Kind.MONEYLINE;
  }

  /** The file-tier codec: JSON of the tickers and skips, re-read through {@link #of}. */
  static ValueCodec<SlateManifest> codec() {
    return ValueCodec.of(
        m -> {
          ObjectNode o = JSON.createObjectNode();
          o.put("format", 1);
          o.put("date", m.date().toString());
          ArrayNode tickers = o.putArray("tickers");
          m.tickers().forEach(tickers::add);
          ArrayNode skipped = o.putArray("skipped");
          for (Skipped s : m.skipped()) {
            skipped.addObject().put("ticker", s.ticker()).put("reason", s.reason());
          }
          try {
            return JSON.writeValueAsBytes(o);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        bytes -> {
          try {
            JsonNode o = JSON.readTree(bytes);
            if (o.path("format").asInt() != 1) {
              throw new IllegalArgumentException("unknown manifest format " + o.path("format"));
            }
            LocalDate date = LocalDate.parse(o.path("date").asText());
            List<String> tickers = new ArrayList<>();
            o.path("tickers").forEach(t -> tickers.add(t.asText()));
            SlateManifest m = of(date, tickers);
            List<Skipped> skipped = new ArrayList<>(m.skipped());
            o.path("skipped")
                .forEach(
                    s ->
                        skipped.add(
                            new Skipped(s.path("ticker").asText(), s.path("reason").asText())));
            return new SlateManifest(date, m.games(), skipped.stream().distinct().toList());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
