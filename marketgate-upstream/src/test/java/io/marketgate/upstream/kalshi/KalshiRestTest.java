package io.marketgate.upstream.kalshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketgate.cache.ManualClock;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.upstream.Budget;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.Transport;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.UpstreamRequest;
import io.marketgate.upstream.UpstreamResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KalshiRestTest {

  private static final Instant NOW = Instant.ofEpochMilli(1767900000000L);
  private static KeyPair pair;

  private FakeKalshiRest server;
  private final List<UpstreamRequest> sent = new CopyOnWriteArrayList<>();
  private KalshiRest rest;

  @BeforeAll
  static void generateKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    pair = g.generateKeyPair();
  }

  @BeforeEach
  void start() throws Exception {
    server = new FakeKalshiRest();
    rest = KalshiRest.create(client());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private UpstreamClient client() {
    Budget unlimited = Budget.unlimited("kalshi");
    Budget recording =
        new Budget() {
          @Override
          public String name() {
            return "kalshi";
          }

          @Override
          public UpstreamResponse execute(UpstreamRequest request, Transport transport) {
            sent.add(request);
            return unlimited.execute(request, transport);
          }
        };
    return UpstreamClient.builder("kalshi", server.base())
        .budget(recording)
        .signer(KalshiSigner.of("key-id-1234", pair.getPrivate(), new ManualClock(NOW)))
        .build();
  }

  // ------------------------------------------------------------------ single orderbook

  @Test
  void orderbook_currentFixedPointShape_normalizesBidsAndImpliedAsks() {
    server.respondWith(KalshiFixtures.ORDERBOOK_FP);

    BinaryBook book = rest.orderbook("KXNBAGAME-26JAN08MIACHI-MIA", 0);

    assertThat(book.yesBids()).containsExactly(level("0.47", "30"), level("0.45", "100"));
    assertThat(book.noBids()).containsExactly(level("0.52", "10"), level("0.50", "20"));
    assertThat(book.yesAsk()).contains(level("0.48", "10"));
    assertThat(book.noAsk()).contains(level("0.53", "30"));
  }

  @Test
  void orderbook_anyCall_isSignedOverPathWithoutQuery() throws Exception {
    server.respondWith(KalshiFixtures.ORDERBOOK_FP);

    rest.orderbook("KXNBAGAME-26JAN08MIACHI-MIA", 5);

    FakeKalshiRest.Call call = server.calls().get(0);
    assertThat(call.method()).isEqualTo("GET");
    assertThat(call.path())
        .isEqualTo("/trade-api/v2/markets/KXNBAGAME-26JAN08MIACHI-MIA/orderbook");
    assertThat(call.param("depth")).isEqualTo("5");
    assertThat(call.header("KALSHI-ACCESS-KEY")).isEqualTo("key-id-1234");
    assertThat(call.header("KALSHI-ACCESS-TIMESTAMP")).isEqualTo("1767900000000");
    Signature s = Signature.getInstance("RSASSA-PSS");
    s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    s.initVerify(pair.getPublic());
    s.update(
        ("1767900000000GET/trade-api/v2/markets/KXNBAGAME-26JAN08MIACHI-MIA/orderbook")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(s.verify(Base64.getDecoder().decode(call.header("KALSHI-ACCESS-SIGNATURE"))))
        .isTrue();
    assertThat(sent)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.endpoint()).isEqualTo("kalshi.orderbook");
              assertThat(r.cost()).isEqualTo(10);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        KalshiFixtures.ORDERBOOK_FP,
        KalshiFixtures.ORDERBOOK_FP_DESCENDING,
        KalshiFixtures.ORDERBOOK_FP_SHUFFLED,
        KalshiFixtures.ORDERBOOK_FP_NUMBERS,
        KalshiFixtures.ORDERBOOK_LEGACY,
        KalshiFixtures.ORDERBOOK_LEGACY_CENTS_ONLY,
        KalshiFixtures.ORDERBOOK_LEGACY_CENTS_AS_STRINGS,
        KalshiFixtures.ORDERBOOK_BARE,
        KalshiFixtures.ORDERBOOK_BARE_CENTS,
        KalshiFixtures.ORDERBOOK_FP_NULL_LEGACY_PRESENT
      })
  void orderbook_anyDocumentedShapeOrLevelOrder_givesSameBook(String payload) {
    server.respondWith(payload);

    BinaryBook book = rest.orderbook("T", 0);

    assertThat(book)
        .isEqualTo(
            BinaryBook.of(
                List.of(level("0.45", "100"), level("0.47", "30")),
                List.of(level("0.50", "20"), level("0.52", "10"))));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"orderbook_fp\":{\"yes_dollars\":[[\"0.4500\",\"100.00\"]]}}",
        "{\"orderbook_fp\":{\"yes_dollars\":[[\"0.4500\",\"100.00\"]],\"no_dollars\":[]}}",
        "{\"orderbook_fp\":{\"yes_dollars\":[[\"0.4500\",\"100.00\"]],\"no_dollars\":null}}",
        "{\"orderbook\":{\"yes\":[[45,100]],\"no\":null}}",
        "{\"orderbook\":{\"yes\":[[45,100]],\"no\":[]}}",
        "{\"yes\":[[45,100]]}"
      })
  void orderbook_noSideMissingEmptyOrNull_givesEmptyNoSide(String payload) {
    server.respondWith(payload);

    BinaryBook book = rest.orderbook("T", 0);

    assertThat(book.yesBids()).containsExactly(level("0.45", "100"));
    assertThat(book.noBids()).isEmpty();
    assertThat(book.yesAsk()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"orderbook_fp\":{}}",
        "{\"orderbook_fp\":null}",
        "{\"orderbook\":{\"yes\":null,\"no\":null}}",
        "{\"orderbook_fp\":{\"yes_dollars\":[],\"no_dollars\":[]}}"
      })
  void orderbook_noLevelsAtAll_givesEmptyBook(String payload) {
    server.respondWith(payload);

    assertThat(rest.orderbook("T", 0).isEmpty()).isTrue();
  }

  @Test
  void orderbook_fractionalAndZeroSizes_keepsExactSizesAndDropsZeros() {
    server.respondWith(
        "{\"orderbook_fp\":{\"yes_dollars\":[[\"0.4550\",\"12.37\"],[\"0.4400\",\"0.00\"]]}}");

    assertThat(rest.orderbook("T", 0).yesBids()).containsExactly(level("0.455", "12.37"));
  }

  @Test
  void orderbook_depthGiven_truncatesToBestLevels() {
    server.respondWith(KalshiFixtures.ORDERBOOK_FP_SHUFFLED);

    BinaryBook book = rest.orderbook("T", 1);

    assertThat(book.yesBids()).containsExactly(level("0.47", "30"));
    assertThat(book.noBids()).containsExactly(level("0.52", "10"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "not json",
        "{\"orderbook_fp\":[1,2]}",
        "{\"orderbook_fp\":{\"yes_dollars\":[\"0.45\"]}}",
        "{\"orderbook_fp\":{\"yes_dollars\":[[\"abc\",\"1\"]]}}",
        "{\"orderbook_fp\":{\"yes_dollars\":[[\"1.20\",\"1\"]]}}",
        "{\"orderbook_fp\":{\"yes_dollars\":[[\"0.45\",\"-1\"]]}}",
        "{\"orderbook_fp\":{\"yes_dollars\":[[\"0.45\",null]]}}",
        "{\"orderbook_fp\":{\"yes_dollars\":{\"0.45\":\"1\"}}}"
      })
  void orderbook_malformedPayload_throwsMalformedNamingEndpoint(String payload) {
    server.respondWith(payload);

    assertThatThrownBy(() -> rest.orderbook("T", 0))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> {
              assertThat(e.outcome()).isEqualTo(Outcome.MALFORMED);
              assertThat(e.endpoint()).isEqualTo("kalshi.orderbook");
              assertThat(e.getMessage()).startsWith("kalshi.orderbook: ");
            });
  }

  @Test
  void orderbook_serverError_throwsServerError() {
    server.respond(call -> new FakeKalshiRest.Reply(503, "{\"error\":\"down\"}"));

    assertThatThrownBy(() -> rest.orderbook("T", 0))
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.SERVER_ERROR));
  }

  @Test
  void orderbook_badDepth_rejectedBeforeAnyCall() {
    assertThatThrownBy(() -> rest.orderbook("T", 101)).isInstanceOf(IllegalArgumentException.class);
    assertThat(server.calls()).isEmpty();
  }

  // ------------------------------------------------------------------ batch orderbooks

  @Test
  void orderbooks_resultsReordered_matchedByTicker() {
    server.respondWith(KalshiFixtures.ORDERBOOKS_REORDERED);

    Map<String, BinaryBook> books = rest.orderbooks(List.of("A-1", "B-2", "C-3"));

    assertThat(books.keySet()).containsExactly("A-1", "B-2");
    assertThat(books.get("A-1").yesBids()).containsExactly(level("0.11", "1"));
    assertThat(books.get("B-2").yesBids()).containsExactly(level("0.22", "2"));
    assertThat(books.get("B-2").noBids()).containsExactly(level("0.70", "7"));
    FakeKalshiRest.Call call = server.calls().get(0);
    assertThat(call.path()).isEqualTo("/trade-api/v2/markets/orderbooks");
    assertThat(call.params("tickers")).containsExactly("A-1", "B-2", "C-3");
    assertThat(call.header("KALSHI-ACCESS-SIGNATURE")).isNotBlank();
  }

  @Test
  void orderbooks_moreThan100Tickers_chunkedInto100s() {
    List<String> tickers = IntStream.range(0, 250).mapToObj(i -> "T-" + i).toList();
    server.respond(
        call -> {
          List<String> asked = new ArrayList<>(call.params("tickers"));
          java.util.Collections.reverse(asked);
          StringBuilder b = new StringBuilder("{\"orderbooks\":[");
          for (int i = 0; i < asked.size(); i++) {
            b.append(i == 0 ? "" : ",")
                .append("{\"ticker\":\"")
                .append(asked.get(i))
                .append("\",\"orderbook_fp\":{\"yes_dollars\":[[\"0.")
                .append(String.format("%02d", 1 + Integer.parseInt(asked.get(i).substring(2)) % 98))
                .append("\",\"1.00\"]]}}");
          }
          return FakeKalshiRest.Reply.ok(b.append("]}").toString());
        });

    Map<String, BinaryBook> books = rest.orderbooks(tickers);

    assertThat(server.calls())
        .extracting(c -> c.params("tickers").size())
        .containsExactly(100, 100, 50);
    assertThat(server.calls().get(1).params("tickers").get(0)).isEqualTo("T-100");
    assertThat(books.keySet()).containsExactlyElementsOf(tickers);
    assertThat(books.get("T-137").bestYesBid())
        .contains(level("0." + String.format("%02d", 1 + 137 % 98), "1"));
    assertThat(sent).extracting(UpstreamRequest::cost).containsExactly(10, 10, 10);
    assertThat(sent).extracting(UpstreamRequest::endpoint).containsOnly("kalshi.orderbooks");
  }

  @Test
  void orderbooks_perTickerCostConfigured_chargesPerCallPlusPerTicker() {
    server.respondWith("{\"orderbooks\":[]}");
    KalshiRest priced = KalshiRest.builder(client()).batchOrderbookCost(0, 10).build();

    priced.orderbooks(List.of("A", "B", "C"));

    assertThat(sent).extracting(UpstreamRequest::cost).containsExactly(30);
  }

  @Test
  void orderbooks_entryWithoutTicker_throwsMalformed() {
    server.respondWith("{\"orderbooks\":[{\"orderbook_fp\":{}}]}");

    assertThatThrownBy(() -> rest.orderbooks(List.of("A")))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> {
              assertThat(e.outcome()).isEqualTo(Outcome.MALFORMED);
              assertThat(e.getMessage()).contains("kalshi.orderbooks").contains("ticker");
            });
  }

  @Test
  void orderbooks_noTickers_makesNoCall() {
    assertThat(rest.orderbooks(List.of())).isEmpty();
    assertThat(server.calls()).isEmpty();
  }

  // ------------------------------------------------------------------ markets

  @ParameterizedTest
  @ValueSource(strings = {"\"cursor\":\"\"", "\"cursor\":null", "\"x\":0"})
  void markets_threePages_followsCursorUntilEnd(String lastCursor) {
    server.respond(
        call -> {
          String cursor = call.param("cursor");
          if (cursor == null) {
            return FakeKalshiRest.Reply.ok(KalshiFixtures.marketsPage("m1", "\"cursor\":\"c2\""));
          }
          if (cursor.equals("c2")) {
            return FakeKalshiRest.Reply.ok(KalshiFixtures.marketsPage("m2", "\"cursor\":\"c3\""));
          }
          return FakeKalshiRest.Reply.ok(KalshiFixtures.marketsPage("m3", lastCursor));
        });

    List<KalshiMarket> markets =
        rest.markets(
            KalshiRest.MarketQuery.all()
                .seriesTicker("KXNBATOTAL")
                .status("open")
                .eventTickers(List.of("KXNBATOTAL-26JAN09TORBOS", "KXNBATOTAL-26JAN09MILLAL")));

    assertThat(markets).extracting(KalshiMarket::ticker).containsExactly("m1", "m2", "m3");
    assertThat(server.calls()).hasSize(3);
    assertThat(server.calls()).extracting(c -> c.param("cursor")).containsExactly(null, "c2", "c3");
    FakeKalshiRest.Call first = server.calls().get(0);
    assertThat(first.path()).isEqualTo("/trade-api/v2/markets");
    assertThat(first.param("series_ticker")).isEqualTo("KXNBATOTAL");
    assertThat(first.param("status")).isEqualTo("open");
    assertThat(first.param("limit")).isEqualTo("1000");
    assertThat(first.param("event_ticker"))
        .isEqualTo("KXNBATOTAL-26JAN09TORBOS,KXNBATOTAL-26JAN09MILLAL");
    assertThat(server.calls())
        .allSatisfy(c -> assertThat(c.header("KALSHI-ACCESS-KEY")).isNotNull());
    assertThat(sent).extracting(UpstreamRequest::endpoint).containsOnly("kalshi.markets");
  }

  @Test
  void markets_tickersFilter_sentCommaSeparated() {
    server.respondWith("{\"markets\":[],\"cursor\":\"\"}");

    rest.markets(KalshiRest.MarketQuery.all().tickers(List.of("A", "B")).limit(5));

    assertThat(server.calls().get(0).param("tickers")).isEqualTo("A,B");
    assertThat(server.calls().get(0).param("limit")).isEqualTo("5");
  }

  @Test
  void markets_repeatedCursor_throwsMalformedInsteadOfLooping() {
    server.respondWith(KalshiFixtures.marketsPage("m1", "\"cursor\":\"same\""));

    assertThatThrownBy(() -> rest.markets(KalshiRest.MarketQuery.all()))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> {
              assertThat(e.outcome()).isEqualTo(Outcome.MALFORMED);
              assertThat(e.getMessage()).contains("kalshi.markets").contains("cursor");
            });
    assertThat(server.calls()).hasSize(2);
  }

  @Test
  void markets_marketsFieldMissing_throwsMalformed() {
    server.respondWith("{\"cursor\":\"\"}");

    assertThatThrownBy(() -> rest.markets(KalshiRest.MarketQuery.all()))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> assertThat(e.getMessage()).contains("kalshi.markets").contains("'markets'"));
  }

  @Test
  void market_currentFields_normalizedInDollars() {
    server.respondWith(KalshiFixtures.MARKET_CURRENT);

    KalshiMarket m = rest.market("KXNBATOTAL-26JAN09TORBOS-220");

    assertThat(server.calls().get(0).path())
        .isEqualTo("/trade-api/v2/markets/KXNBATOTAL-26JAN09TORBOS-220");
    assertThat(m.ticker()).isEqualTo("KXNBATOTAL-26JAN09TORBOS-220");
    assertThat(m.eventTicker()).isEqualTo("KXNBATOTAL-26JAN09TORBOS");
    assertThat(m.status()).contains("active");
    assertThat(m.isTrading()).isTrue();
    assertThat(m.marketType()).contains("binary");
    assertThat(m.closeTime()).contains(Instant.parse("2026-01-10T03:00:00Z"));
    assertThat(m.yesBid()).contains(new BigDecimal("0.5100"));
    assertThat(m.yesAsk()).contains(new BigDecimal("0.5300"));
    assertThat(m.noBid()).contains(new BigDecimal("0.4700"));
    assertThat(m.noAsk()).contains(new BigDecimal("0.4900"));
    assertThat(m.lastPrice()).contains(new BigDecimal("0.5200"));
    assertThat(m.volume()).contains(new BigDecimal("1520.00"));
    assertThat(m.openInterest()).contains(new BigDecimal("830.00"));
    assertThat(m.strikeType()).contains("greater");
    assertThat(m.floorStrike()).contains(new BigDecimal("219.5"));
    assertThat(m.capStrike()).isEmpty();
    assertThat(m.priceLevelStructure()).contains("linear_cent");
    assertThat(m.yesSubTitle()).contains("Over 219.5 points scored");
  }

  @Test
  void market_legacyCentFields_convertedToDollars() {
    server.respondWith(KalshiFixtures.MARKET_LEGACY);

    KalshiMarket m = rest.market("KXNBAGAME-26JAN08MIACHI-MIA");

    assertThat(m.yesBid()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.45"));
    assertThat(m.yesAsk()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.47"));
    assertThat(m.noBid()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.53"));
    assertThat(m.noAsk()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.55"));
    assertThat(m.lastPrice()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("0.46"));
    assertThat(m.volume()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1520"));
    assertThat(m.liquidity())
        .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("-1707.50"));
    assertThat(m.status()).contains("active");
    assertThat(m.floorStrike()).isEmpty();
    assertThat(m.closeTime()).contains(Instant.parse("2026-01-09T03:00:00.123Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"market\":{\"event_ticker\":\"E\"}}",
        "{\"market\":{\"ticker\":\"T\"}}",
        "{\"market\":null}",
        "{\"market\":{\"ticker\":\"T\",\"event_ticker\":\"E\",\"yes_bid_dollars\":\"x\"}}",
        "{\"market\":{\"ticker\":\"T\",\"event_ticker\":\"E\",\"close_time\":\"tomorrow\"}}"
      })
  void market_malformed_throwsMalformedNamingEndpoint(String payload) {
    server.respondWith(payload);

    assertThatThrownBy(() -> rest.market("T"))
        .isInstanceOfSatisfying(
            UpstreamException.class,
            e -> {
              assertThat(e.outcome()).isEqualTo(Outcome.MALFORMED);
              assertThat(e.getMessage()).startsWith("kalshi.market: ");
            });
  }

  // ------------------------------------------------------------------ events

  @Test
  void events_nestedMarketsAcrossPages_parsedWithFilters() {
    server.respond(
        call ->
            FakeKalshiRest.Reply.ok(
                call.param("cursor") == null
                    ? KalshiFixtures.EVENTS_PAGE_1
                    : KalshiFixtures.EVENTS_PAGE_2));

    List<KalshiEvent> events =
        rest.events(KalshiRest.EventQuery.all().seriesTicker("KXNBAGAME").status("open"));

    assertThat(events)
        .extracting(KalshiEvent::eventTicker)
        .containsExactly("KXNBAGAME-26JAN09TORBOS", "KXNBAGAME-26JAN09MILLAL");
    KalshiEvent first = events.get(0);
    assertThat(first.seriesTicker()).contains("KXNBAGAME");
    assertThat(first.title()).contains("Toronto at Boston");
    assertThat(first.mutuallyExclusive()).isTrue();
    assertThat(first.markets())
        .extracting(KalshiMarket::ticker)
        .containsExactly("KXNBAGAME-26JAN09TORBOS-TOR", "KXNBAGAME-26JAN09TORBOS-BOS");
    assertThat(first.markets().get(1).eventTicker()).isEqualTo("KXNBAGAME-26JAN09TORBOS");
    assertThat(events.get(1).markets()).isEmpty();
    FakeKalshiRest.Call call = server.calls().get(0);
    assertThat(call.path()).isEqualTo("/trade-api/v2/events");
    assertThat(call.param("series_ticker")).isEqualTo("KXNBAGAME");
    assertThat(call.param("status")).isEqualTo("open");
    assertThat(call.param("with_nested_markets")).isEqualTo("true");
    assertThat(call.param("limit")).isEqualTo("200");
    assertThat(server.calls().get(1).param("cursor")).isEqualTo("page2");
    assertThat(sent).extracting(UpstreamRequest::endpoint).containsOnly("kalshi.events");
  }

  @Test
  void eventQuery_limitAbove200_rejected() {
    assertThatThrownBy(() -> KalshiRest.EventQuery.all().limit(201))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("200");
  }

  @Test
  void marketQuery_elevenEventTickers_rejected() {
    List<String> eleven = IntStream.range(0, 11).mapToObj(i -> "E" + i).toList();

    assertThatThrownBy(() -> KalshiRest.MarketQuery.all().eventTickers(eleven))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10");
  }

  private static PriceLevel level(String price, String size) {
    return PriceLevel.of(price, size);
  }
}
