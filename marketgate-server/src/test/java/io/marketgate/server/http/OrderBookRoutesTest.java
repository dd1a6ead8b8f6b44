package io.marketgate.server.http;

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

/** Two-sided books of {@code MarketData.orderBooks()} over {@code /v1/books/{venue}/{ticker}}. */
class OrderBookRoutesTest {

  private static final MarketKey TOKEN = new MarketKey(Venue.POLYMARKET, "6581861965756881347");

  private final HttpFixture f = new HttpFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private static OrderBook book(String bestBid) {
    return OrderBook.of(
        List.of(PriceLevel.of("0.48", "30"), PriceLevel.of(bestBid, "15")),
        List.of(PriceLevel.of("0.54", "10"), PriceLevel.of("0.52", "25")));
  }

  @Test
  void book_polymarketOrderBook_bestLevelsMidAndVersion() {
    f.data.orderBooks().publish(TOKEN, book("0.50"));

    HttpResponse<byte[]> r = f.get("/v1/books/polymarket/" + TOKEN.ticker());
    JsonNode doc = json(r);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(doc.get("venue").asText()).isEqualTo("polymarket");
    assertThat(doc.get("ticker").asText()).isEqualTo(TOKEN.ticker());
    assertThat(doc.get("bid").get("price").asText()).isEqualTo("0.5");
    assertThat(doc.get("ask").get("price").asText()).isEqualTo("0.52");
    assertThat(doc.get("mid").asText()).isEqualTo("0.51");
    assertThat(doc.get("spread").asText()).isEqualTo("0.02");
    assertThat(doc.get("levels").get("bids").get(0).get(0).asText()).isEqualTo("0.5");
    assertThat(doc.get("levels").get("asks")).hasSize(2);
    assertThat(doc.get("seq").asLong()).isEqualTo(1);
    assertThat(doc.get("source").asText()).isEqualTo("live");
  }

  @Test
  void book_depthAndStaleMark_cutAndLabelled() {
    f.data.orderBooks().publish(TOKEN, book("0.50"));
    f.data.orderBooks().store(TOKEN).markStale();

    HttpResponse<byte[]> r = f.get("/v1/books/polymarket/" + TOKEN.ticker() + "?depth=1");
    JsonNode doc = json(r);

    assertThat(doc.get("levels").get("bids")).hasSize(1);
    assertThat(doc.get("epoch").asLong()).isEqualTo(1);
    assertThat(r.headers().firstValue("X-Source")).contains("stale");
    assertThat(r.headers().firstValue("X-Epoch")).contains("1");
  }

  @Test
  void bookHistory_orderBook_listsTopsAndMids() {
    for (String bid : List.of("0.49", "0.50", "0.51")) {
      f.data.orderBooks().publish(TOKEN, book(bid));
      f.clock.advance(Duration.ofMillis(100));
    }

    JsonNode doc = json(f.get("/v1/books/polymarket/" + TOKEN.ticker() + "/history"));

    assertThat(doc.get("snapshots")).hasSize(3);
    assertThat(doc.get("snapshots").get(2).get("bid").asText()).isEqualTo("0.51");
    assertThat(doc.get("mids")).hasSize(3);
    assertThat(doc.get("mids").get(0).get("mid").asText()).isEqualTo("0.505");
  }

  @Test
  void book_unknownPolymarketToken_is404Json() {
    HttpResponse<byte[]> r = f.get("/v1/books/polymarket/999");

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).get("error").asText()).isEqualTo("not_found");
  }
}
