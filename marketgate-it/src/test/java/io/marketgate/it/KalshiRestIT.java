package io.marketgate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.model.BinaryBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.sim.VenueSimulator;
import io.marketgate.sim.kalshi.KalshiTier;
import io.marketgate.sim.kalshi.LevelOrder;
import io.marketgate.sim.kalshi.PayloadGeneration;
import io.marketgate.sim.slate.Game;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.BudgetStatus;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.kalshi.KalshiEvent;
import io.marketgate.upstream.kalshi.KalshiMarket;
import io.marketgate.upstream.kalshi.KalshiRest;
import io.marketgate.upstream.kalshi.KalshiRest.EventQuery;
import io.marketgate.upstream.kalshi.KalshiRest.MarketQuery;
import io.marketgate.upstream.kalshi.NbaTicker;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KalshiRest agrees with the simulated Kalshi REST API in all four payload × level-order variants:
 * paging, nested markets, strikes, single and batch order books, and the exact number of calls.
 */
class KalshiRestIT {

  private static final int GAMES = 8;
  private static final int MARKETS_PER_GAME = 2 + 10 + 11;

  private VenueSimulator sim;
  private TokenBucketBudget budget;
  private KalshiRest rest;

  static Stream<Arguments> variants() {
    return Stream.of(PayloadGeneration.values())
        .flatMap(p -> Stream.of(LevelOrder.values()).map(o -> Arguments.of(p, o)));
  }

  private void start(PayloadGeneration payloads, LevelOrder order) {
    sim =
        KalshiAccess.simulator(
            c ->
                c.seed(7)
                    .gameCount(GAMES)
                    .kalshiPayloads(payloads)
                    .kalshiLevelOrder(order)
                    .kalshiTier(KalshiTier.PRIME));
    // Move the books away from their seeded start so the comparison is not of initial states.
    sim.step(25);
    budget = TokenBucketBudget.create(BudgetConfig.kalshi(BudgetConfig.KalshiTier.PRIME));
    rest = KalshiRest.create(KalshiAccess.client(sim, budget));
  }

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variants")
  void events_gameSeriesInPagesOfThreeWithNestedMarkets_returnsEverySimulatedEvent(
      PayloadGeneration payloads, LevelOrder order) {
    start(payloads, order);
    List<String> expected = withPrefix(sim.kalshiEventTickers(), "KXNBAGAME-");

    List<KalshiEvent> events =
        rest.events(EventQuery.all().seriesTicker("KXNBAGAME").withNestedMarkets(true).limit(3));

    assertThat(events).extracting(KalshiEvent::eventTicker).containsExactlyElementsOf(expected);
    for (KalshiEvent e : events) {
      assertThat(e.seriesTicker()).contains("KXNBAGAME");
      assertThat(e.mutuallyExclusive()).as(e.eventTicker()).isTrue();
      assertThat(e.markets())
          .extracting(KalshiMarket::ticker)
          .containsExactlyElementsOf(withPrefix(sim.kalshiMarketTickers(), e.eventTicker() + "-"));
      e.markets().forEach(this::assertQuotesMatchSimulatorBook);
    }
    int pages = (expected.size() + 2) / 3;
    assertThat(sim.calls().calls("kalshi.events")).isEqualTo(pages);
    assertThat(sim.calls().calls("kalshi.events", 200)).isEqualTo(pages);
    assertThat(sim.calls().total()).isEqualTo(pages);
    assertEndpoint(KalshiRest.EVENTS, pages);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variants")
  void markets_spreadAndTotalSeriesInPagesOfFifty_returnEveryMarketWithAgreeingStrikes(
      PayloadGeneration payloads, LevelOrder order) {
    start(payloads, order);
    long pages = 0;
    for (String series : List.of("KXNBASPREAD", "KXNBATOTAL")) {
      List<String> expected = withPrefix(sim.kalshiMarketTickers(), series + "-");
      pages += (expected.size() + 49) / 50;

      List<KalshiMarket> markets = rest.markets(MarketQuery.all().seriesTicker(series).limit(50));

      assertThat(markets).extracting(KalshiMarket::ticker).containsExactlyElementsOf(expected);
      for (KalshiMarket m : markets) {
        NbaTicker t = NbaTicker.parse(m.ticker());
        assertThat(m.eventTicker()).isEqualTo(t.eventTicker());
        assertThat(m.strikeType()).as(m.ticker()).contains("greater");
        assertThat(m.floorStrike().orElseThrow()).isEqualByComparingTo(t.line().orElseThrow());
        NbaTicker.StrikeCheck check = t.crossCheck(m);
        assertThat(check.verdict()).as(check.detail()).isEqualTo(NbaTicker.Verdict.AGREES);
        assertQuotesMatchSimulatorBook(m);
      }
    }
    assertThat(sim.calls().calls("kalshi.markets")).isEqualTo(pages);
    assertThat(sim.calls().total()).isEqualTo(pages);
    assertEndpoint(KalshiRest.MARKETS, pages);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variants")
  void market_everySimulatedTicker_quotesMatchSimulatorBook(
      PayloadGeneration payloads, LevelOrder order) {
    start(payloads, order);
    List<String> tickers = sim.kalshiMarketTickers();
    assertThat(tickers).hasSize(GAMES * MARKETS_PER_GAME);

    for (String ticker : tickers) {
      KalshiMarket m = rest.market(ticker);
      assertThat(m.ticker()).isEqualTo(ticker);
      assertThat(m.isTrading()).isTrue();
      assertQuotesMatchSimulatorBook(m);
    }

    assertThat(sim.calls().calls("kalshi.market", 200)).isEqualTo(tickers.size());
    assertThat(sim.calls().total()).isEqualTo(tickers.size());
    assertEndpoint(KalshiRest.MARKET, tickers.size());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variants")
  void orderbook_everySimulatedTicker_equalsSimulatorBook(
      PayloadGeneration payloads, LevelOrder order) {
    start(payloads, order);
    List<String> tickers = sim.kalshiMarketTickers();

    for (String ticker : tickers) {
      assertBookEquals(ticker, rest.orderbook(ticker, 0), simBook(ticker));
    }
    List<String> shallow = tickers.subList(0, 10);
    for (String ticker : shallow) {
      assertBookEquals(ticker, rest.orderbook(ticker, 2), simBook(ticker).depth(2));
    }

    long calls = tickers.size() + shallow.size();
    assertThat(sim.calls().calls("kalshi.orderbook", 200)).isEqualTo(calls);
    assertThat(sim.calls().total()).isEqualTo(calls);
    assertEndpoint(KalshiRest.ORDERBOOK, calls);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("variants")
  void orderbooks_150Tickers_returnsEveryBookMatchedByTickerInTwoCalls(
      PayloadGeneration payloads, LevelOrder order) {
    start(payloads, order);
    // Reversed, so the request order is neither the catalog order nor the simulator's shuffle.
    List<String> tickers = sim.kalshiMarketTickers().reversed().subList(0, 150);

    Map<String, BinaryBook> books = rest.orderbooks(tickers);

    assertThat(books.keySet()).containsExactlyElementsOf(tickers);
    books.forEach((ticker, book) -> assertBookEquals(ticker, book, simBook(ticker)));
    assertThat(sim.calls().calls("kalshi.orderbooks", 200)).isEqualTo(2);
    assertThat(sim.calls().total()).isEqualTo(2);
    assertEndpoint(KalshiRest.ORDERBOOKS, 2);
  }

  @Test
  void nbaTickerParse_everySimulatedTicker_namesItsSlateGameAndEasternDate() {
    start(PayloadGeneration.CURRENT, LevelOrder.ASCENDING);
    List<Game> games = sim.slate().games();

    for (String ticker : sim.kalshiMarketTickers()) {
      NbaTicker t = NbaTicker.parse(ticker);
      assertThat(ticker).startsWith(t.kind().series() + "-");
      assertThat(t.isMarket()).isTrue();
      assertThat(t.gameDate()).isEqualTo(KalshiAccess.SLATE_DATE);
      Optional<Game> game =
          games.stream()
              .filter(
                  g -> g.away().code().equals(t.awayTeam()) && g.home().code().equals(t.homeTeam()))
              .findFirst();
      assertThat(game).as("slate game of %s", ticker).isPresent();
      assertThat(
              NbaTicker.eventTicker(
                  t.kind(), game.get().start(), game.get().away().code(), game.get().home().code()))
          .isEqualTo(t.eventTicker());
      t.team().ifPresent(team -> assertThat(team).isIn(t.awayTeam(), t.homeTeam()));
      switch (t.kind()) {
        case MONEYLINE -> assertThat(t.line()).isEmpty();
        case SPREAD, TOTAL -> assertThat(t.line()).isPresent();
      }
    }
    for (String event : sim.kalshiEventTickers()) {
      assertThat(NbaTicker.parse(event).isMarket()).as(event).isFalse();
    }
  }

  private void assertQuotesMatchSimulatorBook(KalshiMarket m) {
    BinaryBook book = simBook(m.ticker());
    assertThat(m.yesBid().orElseThrow())
        .as("%s yes bid", m.ticker())
        .isEqualByComparingTo(price(book.bestYesBid()));
    assertThat(m.noBid().orElseThrow())
        .as("%s no bid", m.ticker())
        .isEqualByComparingTo(price(book.bestNoBid()));
    assertThat(m.yesAsk().orElseThrow())
        .as("%s yes ask", m.ticker())
        .isEqualByComparingTo(price(book.yesAsk()));
    assertThat(m.noAsk().orElseThrow())
        .as("%s no ask", m.ticker())
        .isEqualByComparingTo(price(book.noAsk()));
  }

  private static BigDecimal price(Optional<PriceLevel> level) {
    return level.orElseThrow().price();
  }

  private BinaryBook simBook(String ticker) {
    return sim.kalshiBook(ticker).orElseThrow();
  }

  private static void assertBookEquals(String ticker, BinaryBook ours, BinaryBook truth) {
    assertThat(ours.bestYesBid()).as("%s best yes bid", ticker).isEqualTo(truth.bestYesBid());
    assertThat(ours.bestNoBid()).as("%s best no bid", ticker).isEqualTo(truth.bestNoBid());
    assertThat(ours.yesAsk()).as("%s yes ask", ticker).isEqualTo(truth.yesAsk());
    assertThat(ours.noAsk()).as("%s no ask", ticker).isEqualTo(truth.noAsk());
    assertThat(ours.yesBids()).as("%s yes levels", ticker).isEqualTo(truth.yesBids());
    assertThat(ours.noBids()).as("%s no levels", ticker).isEqualTo(truth.noBids());
    assertThat(ours).as(ticker).isEqualTo(truth);
  }

  private void assertEndpoint(String endpoint, long calls) {
    BudgetStatus.EndpointStatus e = budget.status().endpoints().get(endpoint);
    assertThat(e).as(endpoint).isNotNull();
    assertThat(e.calls()).isEqualTo(calls);
    assertThat(e.attempts()).isEqualTo(calls);
    assertThat(e.retries()).isZero();
    assertThat(e.count(Outcome.OK)).isEqualTo(calls);
    assertThat(budget.status().endpoints()).containsOnlyKeys(endpoint);
  }

  private static List<String> withPrefix(List<String> tickers, String prefix) {
    return tickers.stream().filter(t -> t.startsWith(prefix)).toList();
  }
}
