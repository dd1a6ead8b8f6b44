package io.marketgate.server.slate;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The 30 NBA teams with the three-letter codes Kalshi's NBA tickers use ({@code
 * KXNBAGAME-26NOV21LALBOS}) and the full names the odds feeds use ({@code Los Angeles Lakers}),
 * with the other spellings seen in feeds and tickers as aliases. Immutable; thread-safe.
 */
public final class NbaTeams {

  /**
   * One team.
   *
   * @param code the code in Kalshi tickers, for example {@code LAL}
   * @param name the full name the odds feeds use, for example {@code Los Angeles Lakers}
   */
  public record NbaTeam(String code, String name) {}

  private static final List<NbaTeam> TEAMS =
      List.of(
          new NbaTeam("ATL", "Atlanta Hawks"),
          new NbaTeam("BKN", "Brooklyn Nets"),
          new NbaTeam("BOS", "Boston Celtics"),
          new NbaTeam("CHA", "Charlotte Hornets"),
          new NbaTeam("CHI", "Chicago Bulls"),
          new NbaTeam("CLE", "Cleveland Cavaliers"),
          new NbaTeam("DAL", "Dallas Mavericks"),
          new NbaTeam("DEN", "Denver Nuggets"),
          new NbaTeam("DET", "Detroit Pistons"),
          new NbaTeam("GSW", "Golden State Warriors"),
          new NbaTeam("HOU", "Houston Rockets"),
          new NbaTeam("IND", "Indiana Pacers"),
          new NbaTeam("LAC", "Los Angeles Clippers"),
          new NbaTeam("LAL", "Los Angeles Lakers"),
          new NbaTeam("MEM", "Memphis Grizzlies"),
          new NbaTeam("MIA", "Miami Heat"),
          new NbaTeam("MIL", "Milwaukee Bucks"),
          new NbaTeam("MIN", "Minnesota Timberwolves"),
          new NbaTeam("NOP", "New Orleans Pelicans"),
          new NbaTeam("NYK", "New York Knicks"),
          new NbaTeam("OKC", "Oklahoma City Thunder"),
          new NbaTeam("ORL", "Orlando Magic"),
          new NbaTeam("PHI", "Philadelphia 76ers"),
          new NbaTeam("PHX", "Phoenix Suns"),
          new NbaTeam("POR", "Portland Trail Blazers"),
          new NbaTeam("SAC", "Sacramento Kings"),
          new NbaTeam("SAS", "San Antonio Spurs"),
          new NbaTeam("TOR", "Toronto Raptors"),
          new NbaTeam("UTA", "Utah Jazz"),
          new NbaTeam("WAS", "Washington Wizards"));

  /** Other codes seen for the same teams (ESPN, older feeds), mapped to Kalshi's. */
  private static final Map<String, String> CODE_ALIASES =
      Map.ofEntries(
          Map.entry("BRK", "BKN"),
          Map.entry("BK", "BKN"),
          Map.entry("CHO", "CHA"),
          Map.entry("GS", "GSW"),
          Map.entry("NO", "NOP"),
          Map.entry("NOR", "NOP"),
          Map.entry("NY", "NYK"),
          Map.entry("PHO", "PHX"),
          Map.entry("SA", "SAS"),
          Map.entry("UTAH", "UTA"),
          Map.entry("UTH", "UTA"),
          Map.entry("WSH", "WAS"));

  /** Other names seen in feeds, mapped to Kalshi's codes. */
  private static final Map<String, String> NAME_ALIASES =
      Map.ofEntries(
          Map.entry("la clippers", "LAC"),
          Map.entry("la lakers", "LAL"),
          Map.entry("los angeles c", "LAC"),
          Map.entry("los angeles l", "LAL"),
          Map.entry("philadelphia sixers", "PHI"),
          Map.entry("portland trailblazers", "POR"),
          Map.entry("new orleans", "NOP"),
          Map.entry("golden state", "GSW"),
          Map.entry("oklahoma city", "OKC"),
          Map.entry("san antonio", "SAS"),
          Map.entry("new york", "NYK"));

  private static final Map<String, NbaTeam> BY_CODE = new HashMap<>();
  private static final Map<String, NbaTeam> BY_NAME = new HashMap<>();

  static {
    for (NbaTeam t : TEAMS) {
      BY_CODE.put(t.code(), t);
      BY_NAME.put(normalize(t.name()), t);
      // The nickname alone ("Lakers", "76ers") is unique in the NBA.
      BY_NAME.put(normalize(t.name().substring(t.name().lastIndexOf(' ') + 1)), t);
    }
    BY_NAME.put(normalize("Trail Blazers"), BY_CODE.get("POR"));
    CODE_ALIASES.forEach((alias, code) -> BY_CODE.put(alias, BY_CODE.get(code)));
    NAME_ALIASES.forEach((alias, code) -> BY_NAME.put(normalize(alias), BY_CODE.get(code)));
  }

  private NbaTeams() {}

  /** Every team, ordered by code. */
  public static List<NbaTeam> all() {
    return TEAMS;
  }

  /** The team with Kalshi code (or alias code) {@code code}, case-insensitive. */
  public static Optional<NbaTeam> byCode(String code) {
    return code == null
        ? Optional.empty()
        : Optional.ofNullable(BY_CODE.get(code.strip().toUpperCase(Locale.ROOT)));
  }

  /**
   * The team called {@code name} in an odds feed: the full name, the nickname or a known alias;
   * case, accents, dots and extra spaces do not matter.
   */
  public static Optional<NbaTeam> byName(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(normalize(name)));
  }

  private static String normalize(String text) {
    String plain =
        Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace('.', ' ');
    return plain.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }
}
