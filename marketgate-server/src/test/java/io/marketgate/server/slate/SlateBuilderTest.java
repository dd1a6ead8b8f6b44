package io.marketgate.server.slate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketgate.model.BetSide;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.Bookmaker;
import io.marketgate.model.EventKey;
import io.marketgate.model.MarketType;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.OddsPrice;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Team;
import io.marketgate.model.Venue;
import io.marketgate.server.slate.SlateFrame.BookRead;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The builders on a fixed frame. Expected numbers were computed by hand (Python's statistics
 * NormalDist for the normal cdf): see each test.
 */
class SlateBuilderTest {

  static final LocalDate DATE = LocalDate.of(2026, 11, 21);
  static final Instant START = Instant.parse("2026-11-22T00:30:00Z");
  static final String ML = "KXNBAGAME-26NOV21LALBOS";
  static final String SP = "KXNBASPREAD-26NOV21LALBOS";
  static final String TO = "KXNBATOTAL-26NOV21LALBOS";
  static final Instant NOW = Instant.parse("2026-11-21T20:00:00Z");

  static OddsLine line(
      String bookmaker, MarketType type, double p0, double a0, double p1, double a1) {
    BetSide s0 = type.sides().get(0);
    BetSide s1 = type.sides().get(1);
    List<OddsOutcome> outcomes =
        type.hasPoints()
            ? List.of(
                OddsOutcome.of(s0, p0, OddsPrice.ofAmerican(a0)),
                OddsOutcome.of(s1, p1, OddsPrice.ofAmerican(a1)))
            : List.of(
                OddsOutcome.of(s0, OddsPrice.ofAmerican(a0)),
                OddsOutcome.of(s1, OddsPrice.ofAmerican(a1)));
    return new OddsLine(new Bookmaker(bookmaker, bookmaker), type, outcomes, NOW);
  }

  /** LAL at BOS on both feeds: Pinnacle moneyline on The Odds API, spread and total on Unabated. */
  static List<OddsEvent> odds() {
    OddsEvent oddsApi =
        new OddsEvent(
            new EventKey(Venue.ODDS_API, "e1"),
            "nba",
            Team.named("Boston Celtics"),
            Team.named("Los Angeles Lakers"),
            START,
            List.of(
                // HOME −120 (0.545454), AWAY +100 (0.5): fair HOME = 0.545454/1.045454 = 12/23.
                line("pinnacle", MarketType.MONEYLINE, 0, -120, 0, 100),
                // A soft book the fair source list ignores.
                line("draftkings", MarketType.MONEYLINE, 0, -200, 0, 170)));
    OddsEvent unabated =
        new OddsEvent(
            new EventKey(Venue.UNABATED, "77"),
            "nba",
            Team.withId("2", Optional.of("Boston Celtics"), Optional.empty()),
            Team.withId("14", Optional.of("Los Angeles Lakers"), Optional.empty()),
            START,
            List.of(
                // BOS −4.5 / LAL +4.5 at −110 both: P(BOS covers) = 0.5.
                line("49", MarketType.SPREAD, -4.5, -110, 4.5, -110),
                // Over/under 221.5 at −120/+100: P(over) = 12/23.
                line("49", MarketType.TOTAL, 221.5, -120, 221.5, 100)));
    // A game Kalshi does not list, and a team name nobody knows.
    OddsEvent lonely =
        new OddsEvent(
            new EventKey(Venue.ODDS_API, "e2"),
            "nba",
            Team.named("Miami Heat"),
            Team.named("Chicago Bulls"),
            START,
            List.of(line("pinnacle", MarketType.MONEYLINE, 0, -120, 0, 100)));
    OddsEvent unknown =
        new OddsEvent(
            new EventKey(Venue.ODDS_API, "e3"),
            "nba",
            Team.named("Seattle SuperSonics"),
            Team.named("Denver Nuggets"),
            START,
            List.of());
    return List.of(oddsApi, unabated, lonely, unknown);
  }

  static SlateManifest manifest() {
    return SlateManifest.of(
        DATE,
        List.of(
            ML + "-LAL",
            ML + "-BOS",
            SP + "-BOS3",
            SP + "-BOS6",
            SP + "-BOS9",
            SP + "-BOS12",
            SP + "-LAL3",
            SP + "-LAL6",
            TO + "-217",
            TO + "-220",
            TO + "-222",
            TO + "-223",
            TO + "-226",
            TO + "-229",
            "KXNBAGAME-26NOV21PHXDEN-PHX",
            "KXNBAGAME-26NOV22PHXDEN-PHX"));
  }

  static BinaryBook book(String yesBid, String noBid) {
    return BinaryBook.of(
        List.of(new PriceLevel(new BigDecimal(yesBid), BigDecimal.TEN)),
        List.of(new PriceLevel(new BigDecimal(noBid), BigDecimal.TEN)));
  }

  static SlateFrame frame(Map<String, BookRead> books) {
    return new SlateFrame(
        "nba",
        DATE,
        NOW,
        42L,
        odds(),
        new Slate.InputFreshness(1200, "live"),
        Optional.empty(),
        new SlateFrame.Input.Found<>(manifest()),
        new Slate.InputFreshness(3000, "live"),
        books,
        Map.of("odds", 0L, "manifest", 0L, "books", 0L, "games", 0L));
  }

  static Map<String, BookRead> allBooks() {
    Map<String, BookRead> books = new HashMap<>();
    for (String t : manifest().tickers()) {
      books.put(t, new BookRead.Found(book("0.30", "0.60"), 500, Optional.empty()));
    }
    books.put(ML + "-BOS", new BookRead.Found(book("0.48", "0.50"), 250, Optional.empty()));
    books.put(SP + "-BOS6", new BookRead.Found(book("0.44", "0.54"), 250, Optional.empty()));
    books.put(TO + "-223", new BookRead.Found(book("0.45", "0.53"), 250, Optional.empty()));
    return books;
  }

  static Slate.Row row(List<Slate.Row> rows, String ticker) {
    return rows.stream().filter(r -> r.ticker().equals(ticker)).findFirst().orElseThrow();
  }

  @Test
  void build_moneyline_fairFromPinnacleDeVigged_edgeAndEvAfterFee() {
    Slate slate = SlateBuilder.build(frame(allBooks()), SlateSettings.defaults());

    Slate.Row bos = row(slate.moneylines(), ML + "-BOS");
    // fair = 12/23; yes ask = 1 − 0.50 = 0.50; fee(0.50) = ceil(0.07·0.25·100)/100 = 0.02;
    // EV = p·(1 − 0.50 − 0.02) − (1 − p)·0.50 = 0.26/23.
    assertThat(bos.fair()).isCloseTo(12.0 / 23, within(1e-9));
    assertThat(bos.fairSource()).isEqualTo("odds_api:pinnacle");
    assertThat(bos.yesBid()).contains(new BigDecimal("0.48"));
    assertThat(bos.yesAsk().orElseThrow()).isEqualByComparingTo("0.50");
    assertThat(bos.noBid().orElseThrow()).isEqualByComparingTo("0.50");
    assertThat(bos.noAsk().orElseThrow()).isEqualByComparingTo("0.52");
    assertThat(bos.edge().getAsDouble()).isCloseTo(0.0217391, within(1e-6));
    assertThat(bos.ev().getAsDouble()).isCloseTo(0.0113043, within(1e-6));
    assertThat(bos.label()).isEqualTo("BOS");
    assertThat(bos.side()).isEqualTo("win");
    assertThat(row(slate.moneylines(), ML + "-LAL").fair()).isCloseTo(11.0 / 23, within(1e-9));
  }

  @Test
  void build_spreads_twoStrikesEachSideOfConsensus_fairFromNormalMargin() {
    Slate slate = SlateBuilder.build(frame(allBooks()), SlateSettings.defaults());

    // Consensus BOS −4.5 at 50%: mean margin 4.5, sigma 13. Positions on the home margin axis:
    // LAL3 → −2.5, BOS3 → 2.5 (at or below 4.5); BOS6 → 5.5, BOS9 → 8.5 (above).
    assertThat(slate.spreads())
        .extracting(Slate.Row::label)
        .containsExactly("LAL -2.5", "BOS -2.5", "BOS -5.5", "BOS -8.5");
    Slate.Row bos6 = row(slate.spreads(), SP + "-BOS6");
    // 1 − Phi((5.5 − 4.5)/13) = 0.4693424; ask 0.46, fee 0.02.
    assertThat(bos6.fair()).isCloseTo(0.4693424, within(1e-6));
    assertThat(bos6.edge().getAsDouble()).isCloseTo(0.0093424, within(1e-6));
    assertThat(bos6.ev().getAsDouble()).isCloseTo(-0.0000445, within(1e-6));
    assertThat(bos6.strike()).hasValue(5.5);
    assertThat(bos6.consensusLine()).hasValue(-4.5);
    assertThat(bos6.side()).isEqualTo("cover");
    // Phi((−2.5 − 4.5)/13) = 0.2951292: the away team must win by 3+.
    Slate.Row lal3 = row(slate.spreads(), SP + "-LAL3");
    assertThat(lal3.fair()).isCloseTo(0.2951292, within(1e-6));
    assertThat(lal3.consensusLine()).hasValue(4.5);
  }

  @Test
  void build_totals_anchoredAtConsensusLine_fairFromNormalTotal() {
    Slate slate = SlateBuilder.build(frame(allBooks()), SlateSettings.defaults());

    assertThat(slate.totals())
        .extracting(Slate.Row::label)
        .containsExactly("Over 219.5", "Over 221.5", "Over 222.5", "Over 225.5");
    // At the consensus line the model gives exactly the de-vigged 12/23.
    assertThat(row(slate.totals(), TO + "-222").fair()).isCloseTo(12.0 / 23, within(1e-9));
    // mu = 221.5 + 18·invPhi(12/23) = 222.4813; 1 − Phi((222.5 − mu)/18) = 0.4995864.
    Slate.Row over = row(slate.totals(), TO + "-223");
    assertThat(over.fair()).isCloseTo(0.4995864, within(1e-6));
    assertThat(over.edge().getAsDouble()).isCloseTo(0.0295864, within(1e-6));
    assertThat(over.ev().getAsDouble()).isCloseTo(0.0195947, within(1e-6));
    assertThat(over.team()).isEmpty();
    assertThat(over.consensusLine()).hasValue(221.5);
  }

  @Test
  void build_join_gameKeyFromKalshiTickerAndOddsStart_unmatchedWithReasons() {
    Slate slate = SlateBuilder.build(frame(allBooks()), SlateSettings.defaults());

    assertThat(slate.games()).hasSize(1);
    Slate.Game g = slate.games().get(0);
    assertThat(g.key().toString()).isEqualTo(ML + "|2026-11-22T00:30:00Z");
    assertThat(g.away()).isEqualTo("LAL");
    assertThat(g.homeName()).isEqualTo("Boston Celtics");
    assertThat(slate.unmatched())
        .extracting(Slate.Unmatched::side, Slate.Unmatched::id)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("odds", "odds_api:e3"),
            org.assertj.core.groups.Tuple.tuple("odds", "odds_api:e2"),
            org.assertj.core.groups.Tuple.tuple("kalshi", "KXNBAGAME-26NOV21PHXDEN"));
    assertThat(slate.unmatched())
        .filteredOn(u -> u.id().equals("odds_api:e3"))
        .extracting(Slate.Unmatched::reason)
        .containsExactly("unknown NBA team name Seattle SuperSonics");
    assertThat(slate.unmatched())
        .filteredOn(u -> u.id().equals("odds_api:e2"))
        .extracting(Slate.Unmatched::reason)
        .containsExactly("no Kalshi NBA event for CHI@MIA on 2026-11-21");
  }

  @Test
  void build_missingAndStaleBooks_rowsKeptWithState() {
    Map<String, BookRead> books = allBooks();
    books.put(ML + "-BOS", new BookRead.Missing("fetch failed: 503"));
    books.put(ML + "-LAL", new BookRead.Found(book("0.40", "0.55"), 9000, Optional.of("gap")));

    Slate slate = SlateBuilder.build(frame(books), SlateSettings.defaults());

    Slate.Row bos = row(slate.moneylines(), ML + "-BOS");
    assertThat(bos.book().state()).isEqualTo("missing");
    assertThat(bos.book().reason()).contains("fetch failed: 503");
    assertThat(bos.yesAsk()).isEmpty();
    assertThat(bos.edge()).isEmpty();
    assertThat(bos.fair()).isCloseTo(12.0 / 23, within(1e-9));
    Slate.Row lal = row(slate.moneylines(), ML + "-LAL");
    assertThat(lal.book().state()).isEqualTo("stale");
    assertThat(lal.yesAsk().orElseThrow()).isEqualByComparingTo("0.45");
    assertThat(slate.freshness().books().missing()).isEqualTo(1);
    assertThat(slate.freshness().books().stale()).isEqualTo(1);
    assertThat(slate.freshness().books().maxAgeMs()).isEqualTo(9000);
  }

  @Test
  void neededTickers_sameAsRowTickers() {
    var needed =
        SlateBuilder.neededTickers(
            DATE,
            odds(),
            Optional.empty(),
            new SlateFrame.Input.Found<>(manifest()),
            SlateSettings.defaults());

    Slate slate = SlateBuilder.build(frame(allBooks()), SlateSettings.defaults());
    List<String> rows =
        java.util.stream.Stream.of(slate.moneylines(), slate.spreads(), slate.totals())
            .flatMap(List::stream)
            .map(Slate.Row::ticker)
            .toList();
    assertThat(needed).containsExactlyInAnyOrderElementsOf(rows).hasSize(10);
  }

  @Test
  void encode_contractFieldNames() {
    Slate slate = SlateBuilder.build(frame(allBooks()), SlateSettings.defaults());

    var json = SlateJson.encode(slate);

    assertThat(json.fieldNames())
        .toIterable()
        .contains(
            "league",
            "date",
            "generated_at",
            "version",
            "freshness",
            "calls",
            "games",
            "moneylines",
            "spreads",
            "totals",
            "unmatched");
    assertThat(json.path("freshness").path("odds").path("source").asText()).isEqualTo("live");
    assertThat(json.path("calls").path("by_resource").path("odds").asLong()).isZero();
    var row = json.path("moneylines").get(1);
    assertThat(row.fieldNames())
        .toIterable()
        .contains(
            "game_key",
            "ticker",
            "label",
            "team",
            "side",
            "strike",
            "consensus_line",
            "fair",
            "yes_bid",
            "yes_ask",
            "no_bid",
            "no_ask",
            "edge",
            "ev",
            "book");
    assertThat(row.path("strike").isNull()).isTrue();
    assertThat(row.path("yes_ask").decimalValue()).isEqualByComparingTo("0.5");
    assertThat(row.path("book").path("state").asText()).isEqualTo("live");
    assertThat(json.path("games").get(0).path("game_key").asText())
        .isEqualTo(ML + "|2026-11-22T00:30:00Z");
  }
}
