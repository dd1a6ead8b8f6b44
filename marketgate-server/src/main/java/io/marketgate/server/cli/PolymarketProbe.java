package io.marketgate.server.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.server.api.ModelJson;
import io.marketgate.server.config.PolymarketConfig;
import io.marketgate.server.config.UpstreamsConfig;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.RequestSigner;
import io.marketgate.upstream.polymarket.PolymarketBook;
import io.marketgate.upstream.polymarket.PolymarketRest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code probe polymarket …}: the Polymarket CLOB REST market data through the real adapter. */
@Command(
    name = "polymarket",
    mixinStandardHelpOptions = true,
    description = "Polymarket CLOB market data (REST, public).")
final class PolymarketProbe {

  @Mixin ProbeCommand.Common common;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** {@code probe polymarket book TOKEN_ID}. */
  @Command(name = "book", description = "One outcome token's book, best levels first.")
  int book(@Parameters(paramLabel = "TOKEN_ID") String tokenId) {
    PolymarketBook b = rest().book(tokenId);
    return ProbeCommand.Common.print(spec, json(b));
  }

  /** {@code probe polymarket books TOKEN_ID…}. */
  @Command(name = "books", description = "Several books in batch calls (POST /books).")
  int books(@Parameters(paramLabel = "TOKEN_ID", arity = "1..*") List<String> tokenIds) {
    Map<String, PolymarketBook> books = rest().books(tokenIds);
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    books.values().forEach(b -> a.add(json(b)));
    return ProbeCommand.Common.print(spec, a);
  }

  /** {@code probe polymarket midpoint TOKEN_ID}. */
  @Command(name = "midpoint", description = "The mid price (mid_price or the older mid key).")
  int midpoint(@Parameters(paramLabel = "TOKEN_ID") String tokenId) {
    return price(tokenId, "mid", rest().midpoint(tokenId));
  }

  /** {@code probe polymarket price TOKEN_ID BUY|SELL}. */
  @Command(name = "price", description = "BUY: the best bid; SELL: the best ask.")
  int price(
      @Parameters(paramLabel = "TOKEN_ID") String tokenId,
      @Parameters(paramLabel = "SIDE", description = "BUY or SELL") PolymarketRest.PriceSide side) {
    return price(
        tokenId, side.name().toLowerCase(java.util.Locale.ROOT), rest().price(tokenId, side));
  }

  private int price(String tokenId, String name, BigDecimal value) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("venue", "polymarket");
    n.put("ticker", tokenId);
    n.put(name, value.toPlainString());
    return ProbeCommand.Common.print(spec, n);
  }

  private static ObjectNode json(PolymarketBook b) {
    ObjectNode n = ModelJson.orderBook("polymarket", b.assetId(), b.book());
    b.market().ifPresent(m -> n.put("market", m));
    b.timestamp().ifPresent(t -> n.put("timestamp", t.toString()));
    b.tickSize().ifPresent(t -> n.put("tick_size", t.toPlainString()));
    b.lastTradePrice().ifPresent(t -> n.put("last_trade_price", t.toPlainString()));
    return n;
  }

  private PolymarketRest rest() {
    var base =
        common
            .upstreams(spec)
            .flatMap(UpstreamsConfig::polymarket)
            .map(PolymarketConfig::baseUrl)
            .orElse(PolymarketConfig.PRODUCTION_REST);
    return PolymarketRest.create(
        common.client(
            "polymarket",
            base,
            BudgetConfig.polymarketClob(),
            RequestSigner.none(),
            spec.commandLine().getErr()));
  }
}
