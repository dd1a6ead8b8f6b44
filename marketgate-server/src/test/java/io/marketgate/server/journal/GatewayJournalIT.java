package io.marketgate.server.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketgate.cache.ManualClock;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import io.marketgate.model.BetSide;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.Bookmaker;
import io.marketgate.model.EventKey;
import io.marketgate.model.MarketKey;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.OddsPrice;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Team;
import io.marketgate.model.Venue;
import io.marketgate.server.Gateway;
import io.marketgate.server.config.GatewayConfig;
import io.marketgate.server.config.StorageConfig;
import io.marketgate.server.ingest.MarketData;
import io.marketgate.store.JournalSettings;
import io.marketgate.store.SqlJournal;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's journal over a real SQLite file: warm-up, journaling, fallback, health. */
class GatewayJournalIT {

  private static final Instant NOW = Instant.parse("2026-01-08T20:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void start_journalWithUpcomingAndFinishedEvents_warmsUpcomingOnlyLabelledWarm() {
    ManualClock clock = new ManualClock(NOW);
    StorageConfig config = StorageConfig.defaults(dir);
    MarketData data = MarketData.create(clock);
    try (GatewayJournal journal = GatewayJournal.start(config, data, clock)) {
      data.oddsEvents().publish(key("soon"), event("soon", NOW.plusSeconds(3600), 1));
      data.oddsEvents().publish(key("old"), event("old", NOW.minus(Duration.ofHours(3)), 1));
      await().atMost(Duration.ofSeconds(20)).until(() -> journal.status().rowsWritten() >= 14);
    }

    MarketData restarted = MarketData.create(clock);
    try (GatewayJournal journal = GatewayJournal.start(config, restarted, clock)) {
      assertThat(journal.warmed()).isEqualTo(1);
      Snapshot<OddsEvent> warm = restarted.oddsEvents().latest(key("soon")).orElseThrow();
      assertThat(warm.provenance()).isEqualTo(Provenance.WARM);
      assertThat(warm.value()).isEqualTo(event("soon", NOW.plusSeconds(3600), 1));
      assertThat(restarted.oddsEvents().latest(key("old"))).isEmpty();

      // Live data that equals the warm data replaces it in memory but writes nothing new.
      restarted.oddsEvents().publish(key("soon"), event("soon", NOW.plusSeconds(3600), 1));
      restarted.oddsEvents().publish(key("soon"), event("soon", NOW.plusSeconds(3600), 2));
      assertThat(restarted.oddsEvents().latest(key("soon")).orElseThrow().provenance())
          .isEqualTo(Provenance.LIVE);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> {
                assertThat(journal.status().unchanged()).isEqualTo(6 + 3);
                assertThat(journal.status().rowsWritten()).isEqualTo(3);
              });
    }
  }

  @Test
  void fallback_eventNotInMemory_loadsLatestLinesFromJournal() {
    ManualClock clock = new ManualClock(NOW);
    MarketData data = MarketData.create(clock);
    try (GatewayJournal journal = GatewayJournal.start(StorageConfig.defaults(dir), data, clock)) {
      data.oddsEvents().publish(key("g"), event("g", NOW.minus(Duration.ofDays(3)), 1));
      data.oddsEvents().publish(key("g"), event("g", NOW.minus(Duration.ofDays(3)), 4));
      data.oddsEvents().remove(key("g"));

      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(journal.fallback().load(key("g")))
                      .contains(event("g", NOW.minus(Duration.ofDays(3)), 4)));
      assertThat(journal.fallback().load(key("missing"))).isEmpty();
    }
  }

  @Test
  void bookTops_manyBookUpdates_journaledAtMostOncePerInterval() throws Exception {
    ManualClock clock = new ManualClock(NOW);
    MarketData data = MarketData.create(clock);
    MarketKey m = new MarketKey(Venue.KALSHI, "KXNBAGAME-26JAN08MIACHI-MIA");
    StorageConfig config = StorageConfig.defaults(dir);
    try (GatewayJournal journal = GatewayJournal.start(config, data, clock)) {
      for (int i = 0; i < 5; i++) {
        data.books().publish(m, book("0.4" + i));
      }
      clock.advance(Duration.ofSeconds(1));
      data.books().publish(m, book("0.48"));
      assertThat(journal.status().accepted()).isEqualTo(2);
    }
    try (SqlJournal sql = SqlJournal.open(JournalSettings.of(config.url()))) {
      assertThat(sql.stats().bookTops()).isEqualTo(2);
      assertThat(sql.markets().latestTop(m).orElseThrow().yesBid().orElseThrow().price())
          .isEqualByComparingTo("0.48");
    }
  }

  @Test
  void gateway_restart_warmsUpBeforeStartReturnsAndHealthListsJournal() throws Exception {
    Path config = config();
    try (Gateway gateway = Gateway.start(GatewayConfig.load(config, Map.of()))) {
      gateway
          .data()
          .oddsEvents()
          .publish(key("tonight"), event("tonight", Instant.now().plusSeconds(7200), 3));
    }

    try (Gateway gateway = Gateway.start(GatewayConfig.load(config, Map.of()))) {
      Snapshot<OddsEvent> warm = gateway.data().oddsEvents().latest(key("tonight")).orElseThrow();
      assertThat(warm.provenance()).isEqualTo(Provenance.WARM);
      assertThat(gateway.eventFallback().load(key("tonight"))).contains(warm.value());

      JsonNode health = health(gateway);
      assertThat(health.at("/status").asText()).isEqualTo("ok");
      assertThat(health.at("/sources/journal/state").asText()).isEqualTo("live");
    }
  }

  @Test
  void health_journalWritesFail_reportsDegradedThenRecovers() throws Exception {
    Path config = config();
    try (Gateway gateway = Gateway.start(GatewayConfig.load(config, Map.of()))) {
      String url = gateway.config().storage().url();
      String ddl;
      try (InputStream in = SqlJournal.class.getResourceAsStream("/db/journal/V1__journal.sql")) {
        String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int start = all.indexOf("CREATE TABLE odds_lines");
        ddl = all.substring(start, all.indexOf(';', start));
      }
      execute(url, "DROP TABLE odds_lines");
      gateway.data().oddsEvents().publish(key("x"), event("x", Instant.now(), 1));

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                JsonNode h = health(gateway);
                assertThat(h.at("/status").asText()).isEqualTo("degraded");
                assertThat(h.at("/sources/journal/state").asText()).isEqualTo("down");
              });
      assertThat(health(gateway).at("/ready").asBoolean()).isTrue();

      execute(url, ddl);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(health(gateway).at("/status").asText()).isEqualTo("ok"));
      assertThat(gateway.journal().orElseThrow().status().rowsWritten()).isPositive();
    }
  }

  private Path config() throws Exception {
    Path file = dir.resolve("marketgate.yaml");
    Files.writeString(
        file,
        "auth:\n  mode: open\nserver:\n  port: 0\ndataDir: data\nupstreams:\n"
            + "  kalshi:\n    enabled: false\n",
        StandardCharsets.UTF_8);
    return file;
  }

  private static JsonNode health(Gateway gateway) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(gateway.baseUri() + "/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body());
    }
  }

  private static void execute(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static EventKey key(String id) {
    return new EventKey(Venue.ODDS_API, id);
  }

  private static OddsEvent event(String id, Instant start, int tick) {
    List<OddsLine> lines =
        List.of(
            line("draftkings", tick),
            line("fanduel", tick),
            new OddsLine(
                new Bookmaker("pinnacle", "Pinnacle"),
                MarketType.TOTAL,
                List.of(
                    OddsOutcome.of(BetSide.OVER, 221.5, OddsPrice.ofAmerican(-110)),
                    OddsOutcome.of(BetSide.UNDER, 221.5, OddsPrice.ofAmerican(-110 - tick))),
                NOW),
            new OddsLine(
                new Bookmaker("pinnacle", "Pinnacle"),
                MarketType.MONEYLINE,
                List.of(OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(150))),
                NOW),
            new OddsLine(
                new Bookmaker("betmgm", "BetMGM"),
                MarketType.MONEYLINE,
                List.of(
                    OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(140)),
                    OddsOutcome.of(BetSide.AWAY, OddsPrice.ofAmerican(-160))),
                NOW),
            new OddsLine(
                new Bookmaker("betmgm", "BetMGM"),
                MarketType.SPREAD,
                List.of(
                    OddsOutcome.of(BetSide.HOME, 3.5, OddsPrice.ofAmerican(-105)),
                    OddsOutcome.of(BetSide.AWAY, -3.5, OddsPrice.ofAmerican(-115))),
                NOW));
    return new OddsEvent(
        key(id), "nba", Team.named("Boston Celtics"), Team.named("Miami Heat"), start, lines);
  }

  private static OddsLine line(String bookmaker, int tick) {
    return new OddsLine(
        new Bookmaker(bookmaker, bookmaker),
        MarketType.MONEYLINE,
        List.of(
            OddsOutcome.of(BetSide.HOME, OddsPrice.ofAmerican(120 + tick)),
            OddsOutcome.of(BetSide.AWAY, OddsPrice.ofAmerican(-140 - tick))),
        NOW);
  }

  private static BinaryBook book(String yesBid) {
    return BinaryBook.of(
        List.of(new PriceLevel(new BigDecimal(yesBid), BigDecimal.TEN)),
        List.of(new PriceLevel(new BigDecimal("0.50"), BigDecimal.ONE)));
  }
}
