package io.marketgate.upstream.kalshi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Kalshi NBA ticker: an event ticker {@code {SERIES}-{YY}{MON}{DD}{AWAY}{HOME}} such as
 * {@code KXNBAGAME-26JAN09TORBOS}, or a market ticker with a suffix: moneyline {@code
 * KXNBAGAME-26JAN08MIACHI-MIA} (YES = MIA wins), spread {@code KXNBASPREAD-26MAY18SASOKC-OKC6} (YES
 * = OKC wins by more than 5.5) or total {@code KXNBATOTAL-26MAY18SASOKC-220} (YES = over 219.5
 * points). Immutable.
 *
 * @param ticker the ticker as given
 * @param kind which NBA series the ticker belongs to
 * @param gameDate the game's US/Eastern local date
 * @param awayTeam the away team code, for example {@code TOR}
 * @param homeTeam the home team code, for example {@code BOS}
 * @param team the team a moneyline or spread market is about (YES = that team wins / covers)
 * @param line the half-point line of a spread or total market: {@code k − 0.5} for suffix {@code k}
 */
public record NbaTicker(
    String ticker,
    Kind kind,
    LocalDate gameDate,
    String awayTeam,
    String homeTeam,
    Optional<String> team,
    Optional<BigDecimal> line) {

  /*
   * Team codes. Kalshi's NBA codes are three letters, but the grammar has no separator between the
   * two codes, so the split is chosen by this rule: candidate splits give each code 2 to 4 letters;
   * a market suffix that names a team keeps only the splits where that team is the away or the
   * home code; then a 6-letter run splits 3+3 whenever that split is still a candidate, and any
   * other run is accepted only when exactly one candidate is left. So "TORBOS" is TOR/BOS, "GSLAL"
   * alone is ambiguous and rejected, but "GSLAL" with suffix "-GS" is GS/LAL.
   *
   * Strikes. The "line = k − 0.5" rule is observed in public code, not documented. crossCheck
   * compares it with floor_strike/strike_type and the phrases of yes_sub_title, treating the game
   * outcome as an integer: "x > f" is "x > floor(f) + 0.5" and "x >= f" is "x > ceil(f) − 0.5".
   *
   * The single third-party form KXNBASPREAD-26MAR15LALDEN-LAL-5 is rejected: its meaning is unknown.
   */
  private static final ZoneId EASTERN = ZoneId.of("America/New_York");
  private static final BigDecimal HALF = new BigDecimal("0.5");
  private static final Pattern EVENT = Pattern.compile("(\\d{2})([A-Z]{3})(\\d{2})([A-Z]{4,8})");
  private static final Pattern TEAM = Pattern.compile("[A-Z]{2,4}");
  private static final Pattern SPREAD = Pattern.compile("([A-Z]{2,4})(\\d{1,2})");
  private static final Pattern TOTAL = Pattern.compile("\\d{2,3}");
  private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
  private static final Pattern OVER =
      Pattern.compile("\\b(?:over|above|more than|greater than)\\s+" + NUMBER);
  private static final Pattern AT_LEAST =
      Pattern.compile("(?:\\bat least\\s+" + NUMBER + ")|(?:" + NUMBER + "\\s*(?:\\+|or more\\b))");
  private static final Pattern UNDER =
      Pattern.compile("\\b(?:under|below|fewer than|less than)\\s+\\d");

  /** The NBA series this grammar knows. */
  public enum Kind {
    /** {@code KXNBAGAME}: winner markets, one per team. */
    MONEYLINE("KXNBAGAME"),
    /** {@code KXNBASPREAD}: "team wins by more than k − 0.5" markets. */
    SPREAD("KXNBASPREAD"),
    /** {@code KXNBATOTAL}: "total points over k − 0.5" markets. */
    TOTAL("KXNBATOTAL");

    private final String series;

    Kind(String series) {
      this.series = series;
    }

    /** The series ticker, for example {@code KXNBAGAME}. */
    public String series() {
      return series;
    }

    static Optional<Kind> ofSeries(String series) {
      for (Kind k : values()) {
        if (k.series.equals(series)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  /** How a ticker's strike compares with the market's structured fields. */
  public enum Verdict {
    /** Every available field agrees with the ticker. */
    AGREES,
    /** At least one field contradicts the ticker. */
    DISAGREES,
    /** No field could be compared. */
    UNVERIFIABLE
  }

  /**
   * The result of {@link #crossCheck}: a verdict and a one-line explanation.
   *
   * @param verdict the verdict
   * @param detail what was compared and how it came out
   */
  public record StrikeCheck(Verdict verdict, String detail) {

    /** Validates the parts. */
    public StrikeCheck {
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Validates the parts. */
  public NbaTicker {
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(gameDate, "gameDate");
    Objects.requireNonNull(awayTeam, "awayTeam");
    Objects.requireNonNull(homeTeam, "homeTeam");
    Objects.requireNonNull(team, "team");
    Objects.requireNonNull(line, "line");
  }

  /**
   * Parses an NBA event or market ticker.
   *
   * @throws IllegalArgumentException naming the ticker and what did not fit the grammar
   */
  public static NbaTicker parse(String ticker) {
    if (ticker == null || ticker.isBlank()) {
      throw new IllegalArgumentException("NBA ticker is missing or blank");
    }
    String[] parts = ticker.strip().toUpperCase(Locale.ROOT).split("-", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw bad(ticker, "expected SERIES-YYMONDDAWAYHOME with an optional -SUFFIX");
    }
    Kind kind =
        Kind.ofSeries(parts[0])
            .orElseThrow(
                () ->
                    bad(
                        ticker,
                        "series " + parts[0] + " is not KXNBAGAME, KXNBASPREAD or KXNBATOTAL"));
    Matcher e = EVENT.matcher(parts[1]);
    if (!e.matches()) {
      throw bad(ticker, "event part " + parts[1] + " is not YYMONDD followed by two team codes");
    }
    LocalDate date = date(ticker, e.group(1), e.group(2), e.group(3));
    String teams = e.group(4);

    Optional<String> team = Optional.empty();
    Optional<BigDecimal> line = Optional.empty();
    if (parts.length == 3) {
      String suffix = parts[2];
      switch (kind) {
        case MONEYLINE -> {
          if (!TEAM.matcher(suffix).matches()) {
            throw bad(ticker, "moneyline suffix " + suffix + " is not a 2-4 letter team code");
          }
          team = Optional.of(suffix);
        }
        case SPREAD -> {
          Matcher s = SPREAD.matcher(suffix);
          if (!s.matches()) {
            throw bad(ticker, "spread suffix " + suffix + " is not TEAM followed by points");
          }
          team = Optional.of(s.group(1));
          line = Optional.of(halfPointLine(ticker, s.group(2)));
        }
        case TOTAL -> {
          if (!TOTAL.matcher(suffix).matches()) {
            throw bad(ticker, "total suffix " + suffix + " is not a 2-3 digit point total");
          }
          line = Optional.of(halfPointLine(ticker, suffix));
        }
      }
    }
    String[] split = split(ticker, teams, team);
    return new NbaTicker(ticker, kind, date, split[0], split[1], team, line);
  }

  /** Parses {@code ticker}, or empty when it is not an NBA ticker of this grammar. */
  public static Optional<NbaTicker> tryParse(String ticker) {
    try {
      return Optional.of(parse(ticker));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The US/Eastern local date of a game starting at {@code start}: the date in its tickers. */
  public static LocalDate easternDate(Instant start) {
    return start.atZone(EASTERN).toLocalDate();
  }

  /**
   * The event ticker of a game of {@code kind} starting at {@code start} (UTC), for example {@code
   * KXNBAGAME-26JAN09TORBOS} for a 00:30Z tip-off on January 10.
   */
  public static String eventTicker(Kind kind, Instant start, String awayTeam, String homeTeam) {
    LocalDate d = easternDate(start);
    return kind.series()
        + "-"
        + String.format(Locale.ROOT, "%02d", d.getYear() % 100)
        + d.getMonth().name().substring(0, 3)
        + String.format(Locale.ROOT, "%02d", d.getDayOfMonth())
        + requireTeam(awayTeam)
        + requireTeam(homeTeam);
  }

  /** Whether this is a market ticker (with a suffix) rather than an event ticker. */
  public boolean isMarket() {
    return team.isPresent() || line.isPresent();
  }

  /** The event ticker of this ticker, for example {@code KXNBAGAME-26JAN09TORBOS}. */
  public String eventTicker() {
    return kind.series()
        + "-"
        + String.format(Locale.ROOT, "%02d", gameDate.getYear() % 100)
        + gameDate.getMonth().name().substring(0, 3)
        + String.format(Locale.ROOT, "%02d", gameDate.getDayOfMonth())
        + awayTeam
        + homeTeam;
  }

  /**
   * The suffix shared by the three series' events of this game, for example {@code 26JAN09TORBOS}.
   */
  public String gameSuffix() {
    return eventTicker().substring(kind.series().length() + 1);
  }

  /** {@link #crossCheck(Optional, Optional, Optional)} with the fields of {@code market}. */
  public StrikeCheck crossCheck(KalshiMarket market) {
    return crossCheck(market.strikeType(), market.floorStrike(), market.yesSubTitle());
  }

  /**
   * Compares this ticker's line with a market's {@code strike_type}/{@code floor_strike} and the
   * over/under phrase of its {@code yes_sub_title}; never throws.
   */
  public StrikeCheck crossCheck(
      Optional<String> strikeType, Optional<BigDecimal> floorStrike, Optional<String> yesSubTitle) {
    if (line.isEmpty()) {
      return new StrikeCheck(Verdict.UNVERIFIABLE, ticker + " has no strike to compare");
    }
    BigDecimal expected = line.get();
    List<String> agree = new ArrayList<>();
    List<String> disagree = new ArrayList<>();
    if (floorStrike.isPresent()) {
      String type = strikeType.orElse("greater").toLowerCase(Locale.ROOT);
      BigDecimal f = floorStrike.get();
      Optional<BigDecimal> implied =
          switch (type) {
            case "greater" -> Optional.of(strictlyAbove(f));
            case "greater_or_equal" -> Optional.of(atLeast(f));
            default -> Optional.empty();
          };
      String what = "floor_strike " + f.toPlainString() + " (" + type + ")";
      if (implied.isEmpty()) {
        disagree.add(what + " is not an over/wins-by strike");
      } else if (implied.get().compareTo(expected) == 0) {
        agree.add(what);
      } else {
        disagree.add(what + " implies line " + implied.get().toPlainString());
      }
    }
    if (yesSubTitle.isPresent()) {
      String text = yesSubTitle.get().toLowerCase(Locale.ROOT);
      Matcher over = OVER.matcher(text);
      Matcher atLeast = AT_LEAST.matcher(text);
      Optional<BigDecimal> implied = Optional.empty();
      if (UNDER.matcher(text).find()) {
        disagree.add("yes_sub_title \"" + yesSubTitle.get() + "\" describes an under");
      } else if (over.find()) {
        implied = Optional.of(strictlyAbove(new BigDecimal(over.group(1))));
      } else if (atLeast.find()) {
        String n = atLeast.group(1) != null ? atLeast.group(1) : atLeast.group(2);
        implied = Optional.of(atLeast(new BigDecimal(n)));
      }
      if (implied.isPresent()) {
        String what = "yes_sub_title \"" + yesSubTitle.get() + "\"";
        if (implied.get().compareTo(expected) == 0) {
          agree.add(what);
        } else {
          disagree.add(what + " implies line " + implied.get().toPlainString());
        }
      }
    }
    String head = ticker + " line " + expected.toPlainString() + ": ";
    if (!disagree.isEmpty()) {
      return new StrikeCheck(Verdict.DISAGREES, head + String.join("; ", disagree));
    }
    if (!agree.isEmpty()) {
      return new StrikeCheck(Verdict.AGREES, head + "agrees with " + String.join(" and ", agree));
    }
    return new StrikeCheck(
        Verdict.UNVERIFIABLE, head + "no floor_strike or over phrase to compare");
  }

  /** For integer outcomes, {@code x > f} is {@code x > floor(f) + 0.5}. */
  private static BigDecimal strictlyAbove(BigDecimal f) {
    return f.setScale(0, RoundingMode.FLOOR).add(HALF);
  }

  /** For integer outcomes, {@code x >= f} is {@code x > ceil(f) − 0.5}. */
  private static BigDecimal atLeast(BigDecimal f) {
    return f.setScale(0, RoundingMode.CEILING).subtract(HALF);
  }

  private static BigDecimal halfPointLine(String ticker, String digits) {
    int k = Integer.parseInt(digits);
    if (k < 1) {
      throw bad(ticker, "strike " + digits + " must be at least 1");
    }
    return BigDecimal.valueOf(k).subtract(HALF);
  }

  private static LocalDate date(String ticker, String yy, String mon, String dd) {
    Month month = null;
    for (Month m : Month.values()) {
      if (m.name().startsWith(mon)) {
        month = m;
      }
    }
    if (month == null) {
      throw bad(ticker, "month " + mon + " is not JAN..DEC");
    }
    try {
      return LocalDate.of(2000 + Integer.parseInt(yy), month, Integer.parseInt(dd));
    } catch (DateTimeException e) {
      throw bad(ticker, "date " + yy + mon + dd + " does not exist");
    }
  }

  private static String[] split(String ticker, String teams, Optional<String> team) {
    List<String[]> candidates = new ArrayList<>();
    for (int a = 2; a <= 4; a++) {
      int h = teams.length() - a;
      if (h < 2 || h > 4) {
        continue;
      }
      String[] c = {teams.substring(0, a), teams.substring(a)};
      if (team.isEmpty() || team.get().equals(c[0]) || team.get().equals(c[1])) {
        candidates.add(c);
      }
    }
    if (candidates.isEmpty()) {
      throw bad(
          ticker,
          team.isPresent()
              ? "team " + team.get() + " is neither the away nor the home team of " + teams
              : "teams " + teams + " cannot be split into two 2-4 letter codes");
    }
    if (teams.length() == 6) {
      for (String[] c : candidates) {
        if (c[0].length() == 3) {
          return c;
        }
      }
    }
    if (candidates.size() > 1) {
      throw bad(ticker, "teams " + teams + " can be split more than one way");
    }
    return candidates.get(0);
  }

  private static String requireTeam(String team) {
    if (team == null || !TEAM.matcher(team).matches()) {
      throw new IllegalArgumentException(
          "NBA team code must be 2-4 upper-case letters, was " + (team == null ? "missing" : team));
    }
    return team;
  }

  private static IllegalArgumentException bad(String ticker, String why) {
    return new IllegalArgumentException(
        "not an NBA ticker: " + KalshiJson.quote(ticker) + ": " + why);
  }
}
