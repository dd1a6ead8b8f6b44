package io.marketgate.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.sim.kalshi.LevelOrder;
import io.marketgate.sim.kalshi.PayloadGeneration;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KalshiRestIT {

  static final LocalDate DATE = LocalDate.of(2026, 1, 9);
  static VenueSimulator sim;
  static String base;

  @BeforeAll
  static void start() {
    sim =
        VenueSimulator.start(
            c -> c.seed(7).slateDate(DATE).gameCount(8).kalshiTokensPerSecond(1e6));
    base = sim.kalshiBaseUri().toString();
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void events_seriesFilter_returnsDocumentedEventShape() {
    Http.Response r = Http.get(base + "/events?series_ticker=KXNBAGAME&status=open");
    assertThat(r.status()).isEqualTo(200);
    JsonNode events = r.json().get("events");
    assertThat(events).hasSize(8);
    JsonNode e = events.get(0);
    assertThat(e.get("event_ticker").asText()).matches("KXNBAGAME-26JAN09[A-Z]{3}[A-Z]{3}");
    assertThat(e.get("series_ticker").asText()).isEqualTo("KXNBAGAME");
    assertThat(e.get("title").asText()).matches("[A-Za-z. ]+ at [A-Za-z. ]+");
    assertThat(e.get("sub_title").isTextual()).isTrue();
    assertThat(e.get("mutually_exclusive").asBoolean()).isTrue();
    assertThat(e.get("strike_date").asText()).endsWith("Z");
    assertThat(e.has("collateral_return_type")).isTrue();
    assertThat(e.has("available_on_brokers")).isTrue();
    assertThat(e.get("product_metadata").isObject()).isTrue();
    assertThat(e.has("markets")).isFalse();
    assertThat(r.json().get("cursor").asText()).isEmpty();
  }

  @Test
  void events_withNestedMarkets_fillsEventMarkets() {
    JsonNode events =
        Http.get(base + "/events?series_ticker=KXNBATOTAL&with_nested_markets=true")
            .json()
            .get("events");
    assertThat(events).hasSize(8);
    JsonNode markets = events.get(0).get("markets");
    assertThat(markets).hasSize(11);
    JsonNode m = markets.get(0);
    String suffix =
        m.get("ticker").asText().substring(m.get("ticker").asText().lastIndexOf('-') + 1);
    int k = Integer.parseInt(suffix);
    assertThat(m.get("strike_type").asText()).isEqualTo("greater");
    assertThat(m.get("floor_strike").asDouble()).isEqualTo(k - 0.5);
    assertThat(m.get("yes_sub_title").asText()).isEqualTo("Over " + (k - 1) + ".5 points scored");
    assertThat(m.get("title").asText()).endsWith(": Total Points");
  }

  @Test
  void events_smallLimit_pagesToTheEnd() {
    List<String> seen = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      JsonNode page = Http.get(base + "/events?limit=5&cursor=" + cursor).json();
      page.get("events").forEach(e -> seen.add(e.get("event_ticker").asText()));
      cursor = page.get("cursor").asText();
      pages++;
    } while (!cursor.isEmpty());
    assertThat(pages).isEqualTo(5);
    assertThat(seen).hasSize(24).doesNotHaveDuplicates().containsAll(sim.kalshiEventTickers());
  }

  @Test
  void events_limitAbove200_is400WithJsonError() {
    Http.Response r = Http.get(base + "/events?limit=201");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("error").get("code").asText()).isEqualTo("invalid_parameters");
    assertThat(r.json().get("error").get("message").asText()).contains("limit");
  }

  @Test
  void event_byTicker_hasEventAndDeprecatedTopLevelMarkets() {
    String ticker = sim.kalshiEventTickers().get(0);
    JsonNode body = Http.get(base + "/events/" + ticker + "?with_nested_markets=true").json();
    assertThat(body.get("event").get("event_ticker").asText()).isEqualTo(ticker);
    assertThat(body.get("event").get("markets")).hasSize(2);
    assertThat(body.get("markets")).hasSize(2);
    assertThat(Http.get(base + "/events/KXNBAGAME-NOPE").status()).isEqualTo(404);
  }

  @Test
  void markets_defaultLimit_is100AndPagesToEmptyCursor() {
    List<String> seen = new ArrayList<>();
    JsonNode first = Http.get(base + "/markets").json();
    assertThat(first.get("markets")).hasSize(100);
    String cursor = first.get("cursor").asText();
    first.get("markets").forEach(m -> seen.add(m.get("ticker").asText()));
    while (!cursor.isEmpty()) {
      JsonNode page = Http.get(base + "/markets?cursor=" + cursor).json();
      page.get("markets").forEach(m -> seen.add(m.get("ticker").asText()));
      cursor = page.get("cursor").asText();
    }
    assertThat(seen).hasSize(8 * 23).doesNotHaveDuplicates();
    assertThat(seen).containsExactlyElementsOf(sim.kalshiMarketTickers());
  }

  @Test
  void markets_filters_selectByEventSeriesTickersAndStatus() {
    String e1 = sim.kalshiEventTickers().get(0);
    String e2 = sim.kalshiEventTickers().get(8);
    assertThat(Http.get(base + "/markets?event_ticker=" + e1 + "," + e2).json().get("markets"))
        .hasSize(2 + 10);
    assertThat(
            Http.get(base + "/markets?series_ticker=KXNBASPREAD&limit=1000").json().get("markets"))
        .hasSize(80);
    String t1 = sim.kalshiMarketTickers().get(3);
    String t2 = sim.kalshiMarketTickers().get(40);
    assertThat(Http.get(base + "/markets?tickers=" + t1 + "," + t2).json().get("markets"))
        .extracting(m -> m.get("ticker").asText())
        .containsExactlyInAnyOrder(t1, t2);
    assertThat(Http.get(base + "/markets?status=settled").json().get("markets")).isEmpty();
    assertThat(Http.get(base + "/markets?status=active").status()).isEqualTo(400);
    assertThat(Http.get(base + "/markets?limit=1001").status()).isEqualTo(400);
    assertThat(Http.get(base + "/markets?cursor=bogus").status()).isEqualTo(400);
  }

  @Test
  void market_current_hasOnlyFixedPointFieldsConsistentWithBook() {
    String ticker = sim.kalshiMarketTickers().get(0);
    JsonNode m = Http.get(base + "/markets/" + ticker).json().get("market");
    BinaryBook book = sim.kalshiBook(ticker).orElseThrow();
    assertThat(m.get("ticker").asText()).isEqualTo(ticker);
    assertThat(m.get("event_ticker").asText())
        .isEqualTo(ticker.substring(0, ticker.lastIndexOf('-')));
    assertThat(m.get("market_type").asText()).isEqualTo("binary");
    assertThat(m.get("status").asText()).isEqualTo("active");
    for (String f :
        List.of(
            "yes_bid_dollars",
            "yes_ask_dollars",
            "no_bid_dollars",
            "no_ask_dollars",
            "last_price_dollars",
            "liquidity_dollars",
            "notional_value_dollars")) {
      assertThat(m.get(f).asText()).as(f).matches("\\d+\\.\\d{4}");
    }
    for (String f :
        List.of("yes_bid_size_fp", "yes_ask_size_fp", "volume_fp", "open_interest_fp")) {
      assertThat(m.get(f).asText()).as(f).matches("\\d+\\.\\d{2}");
    }
    assertThat(new BigDecimal(m.get("yes_bid_dollars").asText()))
        .isEqualByComparingTo(book.bestYesBid().orElseThrow().price());
    assertThat(new BigDecimal(m.get("yes_ask_dollars").asText()))
        .isEqualByComparingTo(book.yesAsk().orElseThrow().price());
    assertThat(m.get("yes_sub_title").asText()).isNotBlank();
    assertThat(m.get("close_time").asText()).endsWith("Z");
    assertThat(m.get("price_level_structure").asText()).isEqualTo("linear_cent");
    for (String legacy :
        List.of("yes_bid", "yes_ask", "no_bid", "last_price", "volume", "liquidity")) {
      assertThat(m.has(legacy)).as(legacy).isFalse();
    }
    assertThat(m.has("strike_type")).isFalse();
    assertThat(Http.get(base + "/markets/NOPE").status()).isEqualTo(404);
  }

  @Test
  void market_spread_tickerSuffixMatchesFloorStrike() {
    String ticker =
        sim.kalshiMarketTickers().stream()
            .filter(t -> t.startsWith("KXNBASPREAD"))
            .findFirst()
            .orElseThrow();
    JsonNode m = Http.get(base + "/markets/" + ticker).json().get("market");
    String suffix = ticker.substring(ticker.lastIndexOf('-') + 1);
    int k = Integer.parseInt(suffix.substring(3));
    assertThat(m.get("floor_strike").asDouble()).isEqualTo(k - 0.5);
    assertThat(m.get("strike_type").asText()).isEqualTo("greater");
    assertThat(m.get("yes_sub_title").asText()).contains("wins by over " + (k - 1) + ".5");
  }

  @Test
  void orderbook_currentAscending_isOrderbookFpWithBestBidLast() {
    String ticker = sim.kalshiMarketTickers().get(1);
    JsonNode ob = Http.get(base + "/markets/" + ticker + "/orderbook").json();
    assertThat(ob.has("orderbook")).isFalse();
    JsonNode fp = ob.get("orderbook_fp");
    JsonNode yes = fp.get("yes_dollars");
    assertThat(yes.get(0).get(0).isTextual()).isTrue();
    assertThat(yes.get(0).get(1).asText()).matches("\\d+\\.\\d{2}");
    assertThat(prices(yes)).isSorted();
    assertThat(parse(fp)).isEqualTo(sim.kalshiBook(ticker).orElseThrow());
  }

  @Test
  void orderbook_depth_cutsEachSideToBestLevels() {
    String ticker = sim.kalshiMarketTickers().get(1);
    JsonNode fp =
        Http.get(base + "/markets/" + ticker + "/orderbook?depth=2").json().get("orderbook_fp");
    assertThat(fp.get("yes_dollars")).hasSize(2);
    assertThat(fp.get("no_dollars")).hasSize(2);
    assertThat(parse(fp)).isEqualTo(sim.kalshiBook(ticker).orElseThrow().depth(2));
    assertThat(Http.get(base + "/markets/" + ticker + "/orderbook?depth=101").status())
        .isEqualTo(400);
    assertThat(Http.get(base + "/markets/NOPE/orderbook").status()).isEqualTo(404);
  }

  @Test
  void orderbooks_batch_answersEveryTickerNotInRequestOrder() {
    List<String> tickers = sim.kalshiMarketTickers().subList(0, 6);
    StringBuilder q = new StringBuilder(base + "/markets/orderbooks?");
    tickers.forEach(t -> q.append("tickers=").append(t).append('&'));
    JsonNode books = Http.get(q.toString()).json().get("orderbooks");
    List<String> answered = new ArrayList<>();
    for (JsonNode b : books) {
      answered.add(b.get("ticker").asText());
      assertThat(parse(b.get("orderbook_fp")))
          .isEqualTo(sim.kalshiBook(b.get("ticker").asText()).orElseThrow());
    }
    assertThat(answered).containsExactlyInAnyOrderElementsOf(tickers).isNotEqualTo(tickers);
    assertThat(Http.get(base + "/markets/orderbooks").status()).isEqualTo(400);
    StringBuilder tooMany = new StringBuilder(base + "/markets/orderbooks?");
    sim.kalshiMarketTickers()
        .subList(0, 101)
        .forEach(t -> tooMany.append("tickers=").append(t).append('&'));
    assertThat(Http.get(tooMany.toString()).status()).isEqualTo(400);
  }

  @Test
  void series_andExchangeStatus_haveDocumentedFields() {
    JsonNode s = Http.get(base + "/series/KXNBAGAME").json().get("series");
    assertThat(s.get("ticker").asText()).isEqualTo("KXNBAGAME");
    for (String f :
        List.of(
            "frequency",
            "title",
            "category",
            "tags",
            "settlement_sources",
            "contract_url",
            "fee_type",
            "fee_multiplier")) {
      assertThat(s.has(f)).as(f).isTrue();
    }
    assertThat(Http.get(base + "/series/NOPE").status()).isEqualTo(404);
    JsonNode st = Http.get(base + "/exchange/status").json();
    assertThat(st.get("exchange_active").asBoolean()).isTrue();
    assertThat(st.get("trading_active").asBoolean()).isTrue();
  }

  @Test
  void legacyDescending_orderbookHasCentsAndDollarsBestFirst() {
    try (VenueSimulator legacy =
        VenueSimulator.start(
            c ->
                c.seed(7)
                    .slateDate(DATE)
                    .gameCount(2)
                    .kalshiPayloads(PayloadGeneration.LEGACY)
                    .kalshiLevelOrder(LevelOrder.DESCENDING))) {
      String ticker = legacy.kalshiMarketTickers().get(0);
      String b = legacy.kalshiBaseUri().toString();
      JsonNode ob = Http.get(b + "/markets/" + ticker + "/orderbook").json().get("orderbook");
      JsonNode yes = ob.get("yes");
      assertThat(yes.get(0).get(0).isInt()).isTrue();
      assertThat(yes.get(0).get(1).isIntegralNumber()).isTrue();
      List<BigDecimal> cents = new ArrayList<>();
      yes.forEach(l -> cents.add(l.get(0).decimalValue()));
      assertThat(cents).isSortedAccordingTo((x, y) -> y.compareTo(x));
      assertThat(ob.get("yes_dollars").get(0).get(0).asText()).matches("0\\.\\d{4}");
      assertThat(ob.get("yes_dollars").get(0).get(1).isIntegralNumber()).isTrue();
      BinaryBook truth = legacy.kalshiBook(ticker).orElseThrow();
      assertThat(yes.get(0).get(0).asInt())
          .isEqualTo(truth.bestYesBid().orElseThrow().price().movePointRight(2).intValueExact());
      JsonNode m = Http.get(b + "/markets/" + ticker).json().get("market");
      assertThat(m.get("yes_bid").asInt()).isEqualTo(yes.get(0).get(0).asInt());
      assertThat(m.get("yes_ask").isInt()).isTrue();
      assertThat(m.get("volume").isIntegralNumber()).isTrue();
      assertThat(m.get("yes_bid_dollars").asText()).matches("0\\.\\d{4}");
    }
  }

  @Test
  void rateLimit_bucketEmpty_is429WithDocumentedBodyAndNoRetryAfter() {
    try (VenueSimulator limited =
        VenueSimulator.start(
            c ->
                c.seed(7)
                    .slateDate(DATE)
                    .gameCount(1)
                    .kalshiTokensPerSecond(1)
                    .kalshiBurstTokens(30))) {
      String uri = limited.kalshiBaseUri() + "/exchange/status";
      assertThat(List.of(Http.get(uri), Http.get(uri), Http.get(uri)))
          .extracting(Http.Response::status)
          .containsOnly(200);
      Http.Response r = Http.get(uri);
      assertThat(r.status()).isEqualTo(429);
      assertThat(r.json().get("error").asText()).isEqualTo("too many requests");
      assertThat(r.json().size()).isEqualTo(1);
      assertThat(r.headers().firstValue("Retry-After")).isEmpty();
      assertThat(r.headers().map().keySet())
          .noneMatch(h -> h.toLowerCase().startsWith("x-ratelimit"));
      assertThat(limited.calls().calls("kalshi.exchange_status", 429)).isEqualTo(1);
    }
  }

  @Test
  void signature_publicKeyConfigured_verifiesRsaPss() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    KeyPair keys = gen.generateKeyPair();
    try (VenueSimulator signed =
        VenueSimulator.start(
            c -> c.seed(7).slateDate(DATE).gameCount(1).kalshiPublicKey(keys.getPublic()))) {
      String uri = signed.kalshiBaseUri() + "/exchange/status?x=1";
      assertThat(Http.get(uri).status()).isEqualTo(401);
      String ts = "1703123456789";
      Signature s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
      s.initSign(keys.getPrivate());
      s.update((ts + "GET/trade-api/v2/exchange/status").getBytes(StandardCharsets.UTF_8));
      Map<String, String> headers =
          Map.of(
              "KALSHI-ACCESS-KEY",
              "a952bcbe-ec3b-4b5b-b8f9-11dae589608c",
              "KALSHI-ACCESS-TIMESTAMP",
              ts,
              "KALSHI-ACCESS-SIGNATURE",
              Base64.getEncoder().encodeToString(s.sign()));
      assertThat(Http.get(uri, headers).status()).isEqualTo(200);
    }
  }

  static List<BigDecimal> prices(JsonNode levels) {
    List<BigDecimal> out = new ArrayList<>();
    levels.forEach(l -> out.add(new BigDecimal(l.get(0).asText())));
    return out;
  }

  /** Parses a current-shape orderbook_fp into a model book. */
  static BinaryBook parse(JsonNode fp) {
    return BinaryBook.of(levels(fp.get("yes_dollars")), levels(fp.get("no_dollars")));
  }

  static List<PriceLevel> levels(JsonNode side) {
    List<PriceLevel> out = new ArrayList<>();
    Set<String> prices = new HashSet<>();
    side.forEach(
        l -> {
          assertThat(prices.add(l.get(0).asText())).isTrue();
          out.add(PriceLevel.of(l.get(0).asText(), l.get(1).asText()));
        });
    return out;
  }
}
