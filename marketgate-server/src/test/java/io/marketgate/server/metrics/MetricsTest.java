package io.marketgate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.marketgate.cache.CachedResource;
import io.marketgate.cache.KeyedSnapshotStore;
import io.marketgate.cache.ManualClock;
import io.marketgate.cache.ResourcePolicy;
import io.marketgate.server.ingest.Source;
import io.marketgate.server.ingest.SourceStatus;
import io.marketgate.upstream.Budget;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.BudgetStatus;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.Transport;
import io.marketgate.upstream.UpstreamRequest;
import io.marketgate.upstream.UpstreamResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Prometheus text after feeding fake budgets, sources and real cache objects. */
class MetricsTest {

  private final Metrics metrics = Metrics.create();

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void scrape_fresh_hasJvmSeries() {
    assertThat(metrics.scrape())
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_threads_live_threads")
        .contains("jvm_gc_");
  }

  @Test
  void scrape_budget_reportsCallsByEndpointAndOutcome() {
    FakeBudget kalshi = new FakeBudget("kalshi");
    kalshi.status = budget("kalshi", BudgetStatus.CircuitState.OPEN, 3, Map.of(Outcome.OK, 7L));
    metrics.bindBudgets(() -> List.of(kalshi));

    String text = metrics.scrape();

    assertThat(text)
        .contains(
            "marketgate_upstream_calls_total{endpoint=\"kalshi.markets\",outcome=\"ok\","
                + "upstream=\"kalshi\"} 7.0")
        .contains(
            "marketgate_upstream_calls_total{endpoint=\"kalshi.markets\",outcome=\"rate_limited\","
                + "upstream=\"kalshi\"} 0.0")
        .contains(
            "marketgate_upstream_requests_total{endpoint=\"kalshi.markets\",upstream=\"kalshi\"}"
                + " 9.0")
        .contains(
            "marketgate_upstream_retries_total{endpoint=\"kalshi.markets\",upstream=\"kalshi\"}"
                + " 2.0")
        .contains("marketgate_upstream_available_tokens{upstream=\"kalshi\"} 3.0")
        .contains("marketgate_upstream_circuit_state{upstream=\"kalshi\"} 2.0")
        .doesNotContain("marketgate_upstream_remaining_credits");
  }

  @Test
  void scrape_budgetChanges_readsLiveStatusAndNewEndpoints() {
    FakeBudget odds = new FakeBudget("the-odds-api");
    metrics.bindBudgets(() -> List.of(odds));
    assertThat(metrics.scrape()).doesNotContain("marketgate_upstream_calls_total");

    odds.status =
        new BudgetStatus(
            "the-odds-api",
            BudgetStatus.CircuitState.CLOSED,
            OptionalLong.empty(),
            OptionalLong.of(480),
            Optional.empty(),
            Map.of("odds_api.odds", endpoint(4, Map.of(Outcome.OK, 3L, Outcome.SERVER_ERROR, 1L))));
    String text = metrics.scrape();

    assertThat(text)
        .contains(
            "marketgate_upstream_calls_total{endpoint=\"odds_api.odds\",outcome=\"server_error\","
                + "upstream=\"the-odds-api\"} 1.0")
        .contains("marketgate_upstream_remaining_credits{upstream=\"the-odds-api\"} 480.0")
        .contains("marketgate_upstream_circuit_state{upstream=\"the-odds-api\"} 0.0");
  }

  @Test
  void scrape_tokenBucketBudget_reportsCapacity() {
    TokenBucketBudget b =
        TokenBucketBudget.create(BudgetConfig.kalshi(BudgetConfig.KalshiTier.BASIC));
    metrics.bindBudgets(() -> List.of(b));

    assertThat(metrics.scrape())
        .contains("marketgate_upstream_capacity_tokens{upstream=\"kalshi\"} 100.0")
        .contains("marketgate_upstream_available_tokens{upstream=\"kalshi\"} 100.0");
  }

  @Test
  void scrape_source_reportsStateAgeEpochsAndCounters() {
    FakeSource books = new FakeSource("kalshi.books");
    books.status =
        source(
            "kalshi.books",
            SourceStatus.State.DEGRADED,
            Optional.of(Duration.ofMillis(2500)),
            5,
            Map.of("gaps", 2L, "messages", 1200L));
    metrics.bindSources(() -> List.of(books));

    String text = metrics.scrape();

    assertThat(text)
        .contains("marketgate_source_state{source=\"kalshi.books\"} 2.0")
        .contains("marketgate_source_age_seconds{source=\"kalshi.books\"} 2.5")
        .contains("marketgate_source_silent_after_seconds{source=\"kalshi.books\"} 10.0")
        .contains("marketgate_source_last_data_timestamp_seconds{source=\"kalshi.books\"} 1.7E9")
        .contains("marketgate_source_keys{source=\"kalshi.books\"} 40.0")
        .contains("marketgate_source_epoch_bumps_total{source=\"kalshi.books\"} 5.0")
        .contains("marketgate_source_events_total{event=\"gaps\",source=\"kalshi.books\"} 2.0")
        .contains(
            "marketgate_source_events_total{event=\"messages\",source=\"kalshi.books\"} 1200.0");
  }

  @Test
  void scrape_sourceWithoutData_hasNoAgeSeries() {
    FakeSource s = new FakeSource("unabated");
    s.status = source("unabated", SourceStatus.State.STARTING, Optional.empty(), 0, Map.of());
    metrics.bindSources(() -> List.of(s));

    assertThat(metrics.scrape())
        .contains("marketgate_source_state{source=\"unabated\"} 1.0")
        .doesNotContain("marketgate_source_age_seconds");
  }

  @Test
  void scrape_sourceRemoved_dropsItsSeries() {
    List<Source> sources = new ArrayList<>();
    FakeSource s = new FakeSource("odds_api");
    s.status = source("odds_api", SourceStatus.State.LIVE, Optional.of(Duration.ZERO), 0, Map.of());
    sources.add(s);
    metrics.bindSources(() -> List.copyOf(sources));
    assertThat(metrics.scrape()).contains("marketgate_source_state{source=\"odds_api\"} 0.0");

    sources.clear();

    assertThat(metrics.scrape()).doesNotContain("source=\"odds_api\"");
  }

  @Test
  void scrape_cachedResource_reportsHitsMissesLoadsAndFailures() {
    CachedResource<String, String> markets =
        CachedResource.<String, String>builder(
                "kalshi.markets",
                key -> {
                  if (key.equals("bad")) {
                    throw new IllegalStateException("upstream down");
                  }
                  return "v-" + key;
                })
            .policy(ResourcePolicy.of(Duration.ofMinutes(1)))
            .clock(new ManualClock())
            .executor(Runnable::run)
            .build();
    markets.get("a");
    markets.get("a");
    assertThat(catchThrowable(() -> markets.get("bad"))).isNotNull();
    metrics.bindResources(() -> List.of(markets));

    assertThat(metrics.scrape())
        .contains("marketgate_cache_gets_total{resource=\"kalshi.markets\",result=\"hit\"} 1.0")
        .contains("marketgate_cache_gets_total{resource=\"kalshi.markets\",result=\"miss\"} 2.0")
        .contains("marketgate_cache_loads_total{resource=\"kalshi.markets\"} 2.0")
        .contains("marketgate_cache_load_failures_total{resource=\"kalshi.markets\"} 1.0")
        .contains("marketgate_cache_stale_serves_total{resource=\"kalshi.markets\"} 0.0")
        .contains("marketgate_cache_refreshes_total{resource=\"kalshi.markets\"} 0.0");
  }

  @Test
  void scrape_store_reportsKeysAndChanges() {
    KeyedSnapshotStore<String, String> books =
        KeyedSnapshotStore.<String, String>builder("books").clock(new ManualClock()).build();
    books.publish("A", "1");
    books.publish("A", "2");
    books.publish("B", "1");
    metrics.bindStores(() -> List.of(books));

    String text = metrics.scrape();

    assertThat(text).contains("marketgate_store_keys{store=\"books\"} 2.0");
    assertThat(text).containsPattern("marketgate_store_changes_total\\{store=\"books\"} [1-9]");
  }

  @Test
  void scrape_streamClients_readsTheHttpLayersCount() {
    AtomicInteger clients = new AtomicInteger(3);
    metrics.bindStreamClients(clients::get);
    assertThat(metrics.scrape()).contains("marketgate_stream_clients 3.0");

    clients.set(1);

    assertThat(metrics.scrape()).contains("marketgate_stream_clients 1.0");
  }

  @Test
  void scrape_everyMarketgateSeries_hasHelpText() {
    FakeBudget b = new FakeBudget("kalshi");
    b.status = budget("kalshi", BudgetStatus.CircuitState.CLOSED, 1, Map.of());
    metrics.bindBudgets(() -> List.of(b));

    assertThat(metrics.scrape())
        .contains("# HELP marketgate_upstream_calls_total Attempts by outcome")
        .contains("# TYPE marketgate_upstream_calls_total counter")
        .contains("# TYPE marketgate_upstream_circuit_state gauge");
  }

  private static BudgetStatus budget(
      String name, BudgetStatus.CircuitState circuit, long tokens, Map<Outcome, Long> outcomes) {
    return new BudgetStatus(
        name,
        circuit,
        OptionalLong.of(tokens),
        OptionalLong.empty(),
        Optional.empty(),
        Map.of("kalshi.markets", endpoint(9, outcomes)));
  }

  private static BudgetStatus.EndpointStatus endpoint(long calls, Map<Outcome, Long> outcomes) {
    return new BudgetStatus.EndpointStatus(calls, calls + 2, 2, outcomes);
  }

  private static SourceStatus source(
      String name,
      SourceStatus.State state,
      Optional<Duration> age,
      long epochBumps,
      Map<String, Long> counters) {
    return new SourceStatus(
        name,
        "kalshi",
        SourceStatus.Kind.STREAM,
        state,
        age.map(a -> Instant.ofEpochSecond(1_700_000_000L)),
        age,
        Duration.ofSeconds(10),
        Optional.empty(),
        age.isPresent() ? 40 : 0,
        epochBumps,
        BudgetStatus.empty("kalshi"),
        counters);
  }

  /** A budget whose status the test sets. */
  private static final class FakeBudget implements Budget {
    private final String name;
    volatile BudgetStatus status;

    FakeBudget(String name) {
      this.name = name;
      this.status = BudgetStatus.empty(name);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public UpstreamResponse execute(UpstreamRequest request, Transport transport) {
      throw new UnsupportedOperationException();
    }

    @Override
    public BudgetStatus status() {
      return status;
    }
  }

  /** A source whose status the test sets. */
  private static final class FakeSource implements Source {
    private final String name;
    volatile SourceStatus status;

    FakeSource(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void start() {}

    @Override
    public SourceStatus status() {
      return status;
    }

    @Override
    public void refreshNow() {}

    @Override
    public void close() {}
  }
}
