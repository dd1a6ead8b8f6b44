package io.marketgate.server.slate;

import io.marketgate.cache.FileTier;
import io.marketgate.model.MarketKey;
import io.marketgate.server.config.GatewayConfig;
import io.marketgate.server.config.SlateConfig;
import io.marketgate.server.ingest.KalshiMarketsSource;
import io.marketgate.server.ingest.MarketData;
import io.marketgate.server.ingest.OddsApiSource;
import io.marketgate.server.ingest.Source;
import io.marketgate.server.ingest.SourceStatus;
import io.marketgate.server.ingest.UnabatedSource;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.kalshi.KalshiRest;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds the gateway's slate view from its configuration: odds and books from the stores the
 * sources fill, the manifest from the markets store when the markets source lists the three NBA
 * series (else from Kalshi's event lists on the sources' Kalshi client), games lists and manifests
 * persisted under {@code dataDir/slate}. Stateless.
 */
public final class SlateWiring {

  private static final System.Logger LOG = System.getLogger(SlateWiring.class.getName());
  private static final Set<String> ODDS_SOURCES = Set.of(OddsApiSource.NAME, UnabatedSource.NAME);

  private SlateWiring() {}

  /**
   * The slate view of a gateway, or empty when {@code views.slate.enabled} is false, Kalshi is not
   * configured, or no odds source is.
   *
   * @param kalshi the Kalshi client of the sources, when Kalshi is configured
   * @param demand the books source's demand
   */
  public static Optional<SlateView> of(
      GatewayConfig config,
      MarketData data,
      List<Source> sources,
      Optional<UpstreamClient> kalshi,
      Consumer<MarketKey> demand,
      MeterRegistry registry) {
    SlateConfig c = config.slate();
    boolean odds =
        config.upstreams().oddsApi().isPresent() || config.upstreams().unabated().isPresent();
    if (!c.enabled() || kalshi.isEmpty() || config.upstreams().kalshi().isEmpty() || !odds) {
      if (c.enabled()) {
        LOG.log(
            Level.INFO,
            "views.slate: not served; it needs upstreams.kalshi and an odds feed (oddsApi or"
                + " unabated)");
      }
      return Optional.empty();
    }
    SlateView.Builder b =
        SlateView.builder(data)
            .settings(
                new SlateSettings(
                    c.fairSources(),
                    c.deVig(),
                    c.marginSigma(),
                    c.totalSigma(),
                    c.strikesEachSide(),
                    io.marketgate.model.KalshiFees.DEFAULT_TAKER_RATE))
            .oddsSources(() -> oddsStatuses(sources))
            .demand(demand)
            .fileTier(FileTier.open(config.dataDir().resolve("slate")))
            .meterRegistry(registry)
            .maxConcurrency(c.maxConcurrency())
            .debounce(c.debounce())
            .manifestPolicy(
                io.marketgate.cache.ResourcePolicy.of(c.manifestTtl())
                    .withMaxStale(c.manifestTtl().multipliedBy(360).plus(Duration.ofHours(1)))
                    .withNegativeTtl(Duration.ofSeconds(5)))
            .gamesPolicy(
                io.marketgate.cache.ResourcePolicy.of(c.gamesTtl())
                    .withMaxStale(Duration.ofHours(36).plus(c.gamesTtl()))
                    .withNegativeTtl(Duration.ofSeconds(5)));
    if (!config.upstreams().kalshi().get().series().containsAll(KalshiMarketsSource.NBA_SERIES)) {
      LOG.log(
          Level.INFO,
          "views.slate: upstreams.kalshi.series does not list all of "
              + KalshiMarketsSource.NBA_SERIES
              + "; the slate lists their events itself");
      b.manifestFromKalshi(KalshiRest.create(kalshi.get()));
    }
    return Optional.of(b.build());
  }

  /** The statuses of the odds sources among {@code sources}. */
  static List<SourceStatus> oddsStatuses(List<Source> sources) {
    return sources.stream()
        .filter(s -> ODDS_SOURCES.contains(s.name()))
        .map(Source::status)
        .toList();
  }
}
