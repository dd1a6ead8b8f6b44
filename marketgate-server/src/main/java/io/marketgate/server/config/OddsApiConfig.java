package io.marketgate.server.config;

import io.marketgate.model.MarketType;
import io.marketgate.upstream.BudgetConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The Odds API v4 upstream ({@code upstreams.oddsApi.*}): one odds poll per sport per interval.
 *
 * @param baseUrl the API host, for example {@code https://api.the-odds-api.com}
 * @param apiKey the API key
 * @param sports sport keys polled, for example {@code basketball_nba}
 * @param regions bookmaker regions, for example {@code us}
 * @param markets market types asked for
 * @param bookmakers bookmaker keys; when not empty they replace {@code regions} (10 count as one
 *     region of cost)
 * @param interval how often each sport is polled
 * @param monthlyCredits the plan's credits per month, if given; a schedule that would spend more is
 *     warned about at load
 */
public record OddsApiConfig(
    URI baseUrl,
    Secret apiKey,
    List<String> sports,
    List<String> regions,
    Set<MarketType> markets,
    List<String> bookmakers,
    Duration interval,
    OptionalLong monthlyCredits) {

  /** Validates the parts and copies the collections. */
  public OddsApiConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(monthlyCredits, "monthlyCredits");
    sports = List.copyOf(sports);
    regions = List.copyOf(regions);
    bookmakers = List.copyOf(bookmakers);
    if (markets.isEmpty()) {
      throw new IllegalArgumentException("markets must not be empty");
    }
    markets = Collections.unmodifiableSet(EnumSet.copyOf(markets));
  }

  /** The budget of this key: 30 calls per second and the credit quota from the headers. */
  public BudgetConfig budget() {
    return BudgetConfig.theOddsApi();
  }

  /** Credits one poll of one sport costs: markets × regions (or bookmakers / 10, rounded up). */
  public long creditsPerPoll() {
    long regionCost = bookmakers.isEmpty() ? regions.size() : (bookmakers.size() + 9) / 10;
    return markets.size() * Math.max(1, regionCost);
  }

  /** Credits this schedule spends in 30 days if every poll is charged. */
  public long creditsPer30Days() {
    long pollsPerSport = Duration.ofDays(30).toMillis() / Math.max(1, interval.toMillis());
    return pollsPerSport * sports.size() * creditsPerPoll();
  }
}
