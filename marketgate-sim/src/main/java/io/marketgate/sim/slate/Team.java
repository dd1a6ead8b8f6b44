package io.marketgate.sim.slate;

import java.util.List;

/**
 * An NBA team as the venues name it.
 *
 * @param code the three-letter code used in Kalshi tickers, for example {@code BOS}
 * @param city the place name used in Kalshi titles, for example {@code Boston} or {@code Los
 *     Angeles L}
 * @param name the full name used by sportsbooks, for example {@code Boston Celtics}
 */
public record Team(String code, String city, String name) {

  /** Validates the parts. */
  public Team {
    if (code.length() != 3 || city.isBlank() || name.isBlank()) {
      throw new IllegalArgumentException("Team: bad team " + code + "/" + city + "/" + name);
    }
  }

  /** The 30 NBA teams, ordered by code. */
  public static List<Team> nba() {
    return NBA;
  }

  private static final List<Team> NBA =
      List.of(
          new Team("ATL", "Atlanta", "Atlanta Hawks"),
          new Team("BKN", "Brooklyn", "Brooklyn Nets"),
          new Team("BOS", "Boston", "Boston Celtics"),
          new Team("CHA", "Charlotte", "Charlotte Hornets"),
          new Team("CHI", "Chicago", "Chicago Bulls"),
          new Team("CLE", "Cleveland", "Cleveland Cavaliers"),
          new Team("DAL", "Dallas", "Dallas Mavericks"),
          new Team("DEN", "Denver", "Denver Nuggets"),
          new Team("DET", "Detroit", "Detroit Pistons"),
          new Team("GSW", "Golden State", "Golden State Warriors"),
          new Team("HOU", "Houston", "Houston Rockets"),
          new Team("IND", "Indiana", "Indiana Pacers"),
          new Team("LAC", "Los Angeles C", "Los Angeles Clippers"),
          new Team("LAL", "Los Angeles L", "Los Angeles Lakers"),
          new Team("MEM", "Memphis", "Memphis Grizzlies"),
          new Team("MIA", "Miami", "Miami Heat"),
          new Team("MIL", "Milwaukee", "Milwaukee Bucks"),
          new Team("MIN", "Minnesota", "Minnesota Timberwolves"),
          new Team("NOP", "New Orleans", "New Orleans Pelicans"),
          new Team("NYK", "New York", "New York Knicks"),
          new Team("OKC", "Oklahoma City", "Oklahoma City Thunder"),
          new Team("ORL", "Orlando", "Orlando Magic"),
          new Team("PHI", "Philadelphia", "Philadelphia 76ers"),
          new Team("PHX", "Phoenix", "Phoenix Suns"),
          new Team("POR", "Portland", "Portland Trail Blazers"),
          new Team("SAC", "Sacramento", "Sacramento Kings"),
          new Team("SAS", "San Antonio", "San Antonio Spurs"),
          new Team("TOR", "Toronto", "Toronto Raptors"),
          new Team("UTA", "Utah", "Utah Jazz"),
          new Team("WAS", "Washington", "Washington Wizards"));
}
