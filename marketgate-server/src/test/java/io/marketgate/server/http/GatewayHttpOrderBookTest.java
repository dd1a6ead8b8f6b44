package io.marketgate.server.http;

import static io.marketgate.server.http.HttpFixture.header;
import static io.marketgate.server.http.HttpFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.model.MarketKey;
import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Venue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /v1/books/{venue}/{ticker}} for two-sided books kept in {@code orderBooks()}. */
class GatewayHttpOrderBookTest {

  private static final MarketKey BTC = new MarketKey(Venue.BINANCE, "BTCUSDT");

  private final HttpFixture.FakeSource binance =
      new HttpFixture.FakeSource("binance.books", "binance", Duration.ofSeconds(1))
          .live(Duration.ZERO);
  private final HttpFixture f =
      new HttpFixture(
          io.marketgate.server.http.ApiKeys.of(
              java.util.Map.of(HttpFixture.READ_KEY, ApiKeys.Scope.READ)),
          b -> b.sources(List.of(binance)));

  @AfterEach
  void close() {
    f.close();
  }

  private static OrderBook book() {
    return OrderBook.of(
        List.of(
            PriceLevel.of("65000.10", "0.5"),
            PriceLevel.of("65000.00", "1.25"),
            PriceLevel.of("64999.90", "2")),
        List.of(PriceLevel.of("65000.20", "0.75"), PriceLevel.of("65000.30", "3")));
  }

  @Test
  void book_binance_isServedAsATwoSidedBookWithVersion() {
    f.data.orderBooks().publish(BTC, book());

    HttpResponse<byte[]> r = f.get("/v1/books/binance/BTCUSDT?depth=2");

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = json(r);
    assertThat(doc.get("venue").asText()).isEqualTo("binance");
    assertThat(doc.get("ticker").asText()).isEqualTo("BTCUSDT");
    assertThat(doc.at("/bid/price").asText()).isEqualTo("65000.1");
    assertThat(doc.at("/ask/price").asText()).isEqualTo("65000.2");
    assertThat(doc.get("mid").asText()).isEqualTo("65000.15");
    assertThat(doc.get("spread").asText()).isEqualTo("0.1");
    assertThat(doc.at("/levels/bids")).hasSize(2);
    assertThat(doc.at("/levels/asks")).hasSize(2);
    assertThat(doc.get("seq").asLong()).isEqualTo(1);
    assertThat(header(r, "X-Source")).isEqualTo("live");
  }

  @Test
  void book_binanceOlderThanItsOneSecondWindow_isLabelledStale() {
    f.data.orderBooks().publish(BTC, book());

    f.clock.advance(Duration.ofMillis(1_500));
    HttpResponse<byte[]> r = f.get("/v1/books/binance/BTCUSDT");

    assertThat(header(r, "X-Source")).isEqualTo("stale");
  }

  @Test
  void book_binanceMarkedStale_keepsTheLastBookUnderANewEpoch() {
    f.data.orderBooks().publish(BTC, book());
    f.data.orderBooks().store(BTC).markStale();

    HttpResponse<byte[]> r = f.get("/v1/books/binance/BTCUSDT");

    assertThat(header(r, "X-Source")).isEqualTo("stale");
    assertThat(header(r, "X-Epoch")).isEqualTo("1");
    assertThat(json(r).at("/bid/price").asText()).isEqualTo("65000.1");
  }

  @Test
  void book_binanceUnknown_is404() {
    assertThat(f.get("/v1/books/binance/NOPEUSDT").statusCode()).isEqualTo(404);
  }
}
