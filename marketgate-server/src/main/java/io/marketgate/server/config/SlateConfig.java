package io.marketgate.server.config;

import io.marketgate.model.DeVigMethod;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The NBA slate board ({@code views.slate.*}): whether it runs, how it prices and how long its own
 * inputs live.
 *
 * @param enabled whether the slate is served; it also needs Kalshi and an odds source configured
 * @param fairSources {@code venue:bookmaker} fair sources in order of preference
 * @param deVig how a bookmaker's prices are made vig-free
 * @param marginSigma standard deviation of the final home margin, points
 * @param totalSigma standard deviation of the final total, points
 * @param strikesEachSide spread and total strikes shown each side of the consensus line
 * @param manifestTtl how long the Kalshi manifest of a date is fresh
 * @param gamesTtl how long the games list of a date is fresh
 * @param maxConcurrency most inputs a build fetches at once
 * @param debounce how long input changes are gathered before a rebuild
 */
public record SlateConfig(
    boolean enabled,
    List<String> fairSources,
    DeVigMethod deVig,
    double marginSigma,
    double totalSigma,
    int strikesEachSide,
    Duration manifestTtl,
    Duration gamesTtl,
    int maxConcurrency,
    Duration debounce) {

  /** Validates the parts and copies the list. */
  public SlateConfig {
    fairSources = List.copyOf(fairSources);
    Objects.requireNonNull(deVig, "deVig");
    Objects.requireNonNull(manifestTtl, "manifestTtl");
    Objects.requireNonNull(gamesTtl, "gamesTtl");
    Objects.requireNonNull(debounce, "debounce");
  }

  /**
   * Enabled; fair from the Unabated line, then Pinnacle; multiplicative de-vig; sigma 13 and 18;
   * two strikes each side; manifest 60 s, games 10 min; 8 concurrent fetches; 250 ms debounce.
   */
  public static SlateConfig defaults() {
    return new SlateConfig(
        true,
        List.of("unabated:49", "unabated:70", "odds_api:pinnacle"),
        DeVigMethod.MULTIPLICATIVE,
        13.0,
        18.0,
        2,
        Duration.ofSeconds(60),
        Duration.ofMinutes(10),
        8,
        Duration.ofMillis(250));
  }
}
