package io.marketgate.upstream.polymarket;

import static io.marketgate.upstream.polymarket.PolymarketFixtures.A;
import static io.marketgate.upstream.polymarket.PolymarketFixtures.B;
import static io.marketgate.upstream.polymarket.PolymarketFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.model.PriceLevel;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST adapter against a loopback server replaying the documented payloads. */
class PolymarketRestTest {

  private FakePolymarket server;
  private TokenBucketBudget budget;
  private PolymarketRest rest;

  @BeforeEach
  void start() {
    server = new FakePolymarket();
    budget =
        TokenBucketBudget.create(
            BudgetConfig.polymarketClob().withRetry(BudgetConfig.Retry.none()));
    rest =
        PolymarketRest.create(
            UpstreamClient.builder("polymarket", server.restUri()).budget(budget).build(), 1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void book_wireOrderBestLast_normalizedBestFirst() {
    server.restBook(A, text("rest-book.json"));

    PolymarketBook b = rest.book(A);

    assertThat(b.book().bestBid()).contains(PriceLevel.of("0.50", "15"));
    assertThat(b.book().bestAsk()).contains(PriceLevel.of("0.52", "25"));
    assertThat(server.requests()).containsExactly("GET /book?token_id=" + A);
  }

  @Test
  void books_twoTokensBatchOfOne_matchedByAssetIdInRequestOrder() throws Exception {
    JsonNode both = PolymarketJson.parse(text("rest-books.json"));
    server.restBook(A, both.get(0).toString()).restBook(B, both.get(1).toString());

    Map<String, PolymarketBook> books = rest.books(List.of(B, A, "999"));

    assertThat(books.keySet()).containsExactly(B, A);
    assertThat(books.get(B).book().bestAsk()).contains(PriceLevel.of("0.50", "15"));
    assertThat(server.posted())
        .containsExactly(
            "[{\"token_id\":\"" + B + "\"}]",
            "[{\"token_id\":\"" + A + "\"}]",
            "[{\"token_id\":\"999\"}]");
    assertThat(budget.status().endpoints().get(PolymarketRest.BOOKS).count(Outcome.OK))
        .isEqualTo(3);
  }

  @Test
  void midpoint_currentAndOlderKey_bothRead() {
    server.body("/midpoint", text("midpoint-mid-price.json"));
    assertThat(rest.midpoint(A)).isEqualByComparingTo("0.45");

    server.body("/midpoint", text("midpoint-mid.json"));
    assertThat(rest.midpoint(A)).isEqualByComparingTo("0.45");
  }

  @Test
  void price_leadingDotString_readExactlyWithSideSent() {
    server.body("/price", text("price.json"));

    BigDecimal p = rest.price(A, PolymarketRest.PriceSide.BUY);

    assertThat(p).isEqualByComparingTo("0.512");
    assertThat(server.requests()).containsExactly("GET /price?token_id=" + A + "&side=BUY");
  }

  @Test
  void midpoint_neitherKey_malformedNamingBoth() {
    server.body("/midpoint", "{\"midpoint\":\"0.4\"}");

    assertThatThrownBy(() -> rest.midpoint(A))
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.MALFORMED))
        .hasMessageContaining("neither 'mid_price' nor 'mid'");
  }

  @Test
  void book_htmlBody_malformedNotACrash() {
    server.restBook(A, "<html>slow down</html>");

    assertThatThrownBy(() -> rest.book(A))
        .isInstanceOfSatisfying(
            UpstreamException.class, e -> assertThat(e.outcome()).isEqualTo(Outcome.MALFORMED))
        .hasMessageContaining("polymarket.book");
  }

  @Test
  void book_blankToken_rejectedBeforeAnyCall() {
    assertThatThrownBy(() -> rest.book(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThat(server.requests()).isEmpty();
  }
}
