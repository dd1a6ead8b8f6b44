package io.marketgate.server.config;

import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.odds.UnabatedSideConvention;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The Unabated game-odds upstream ({@code upstreams.unabated.*}): a snapshot, then the changes feed
 * polled every interval.
 *
 * @param baseUrl the API host, for example {@code https://partner-api.unabated.com}
 * @param apiKey the API key
 * @param interval how often the changes feed is polled (Unabated asks for at most one call a
 *     second)
 * @param sideConvention which team side index 0 stands for
 */
public record UnabatedConfig(
    URI baseUrl, Secret apiKey, Duration interval, UnabatedSideConvention sideConvention) {

  /** Validates the parts. */
  public UnabatedConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(sideConvention, "sideConvention");
  }

  /** The budget of this key: one call per second, as Unabated asks. */
  public BudgetConfig budget() {
    return BudgetConfig.of("unabated", BudgetConfig.Limit.perSecond(1, 1));
  }
}
