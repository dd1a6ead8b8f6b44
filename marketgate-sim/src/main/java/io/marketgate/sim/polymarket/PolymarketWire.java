package io.marketgate.sim.polymarket;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.model.Side;
import io.marketgate.sim.http.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Writes the simulated Polymarket's payloads in the documented shapes; stateless. */
final class PolymarketWire {

  /*
   * Every number is a decimal string, as the venue sends them ("0.48", "219.21"), and timestamps
   * are epoch milliseconds as strings. The level order follows the settings: WIRE lists bids
   * ascending and asks descending (best last), DOCUMENTED best first, SHUFFLED at random. Hashes
   * are opaque hex strings derived from the content.
   */
  private final PolymarketSettings settings;

  PolymarketWire(PolymarketSettings settings) {
    this.settings = settings;
  }

  static String price(int cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }

  /** A book summary; with {@code event} it is a market-channel {@code book} event. */
  ObjectNode book(PolymarketExchange exchange, String assetId, long millis, boolean event) {
    ObjectNode o = Json.object();
    if (event) {
      o.put("event_type", "book");
    }
    o.put("market", exchange.market(assetId).orElse(""));
    o.put("asset_id", assetId);
    o.put("timestamp", Long.toString(millis));
    List<Map.Entry<Integer, BigDecimal>> bids = order(exchange.levels(assetId, Side.BID));
    List<Map.Entry<Integer, BigDecimal>> asks = order(exchange.levels(assetId, Side.ASK));
    o.put("hash", "0x" + Integer.toHexString((bids.toString() + asks).hashCode()));
    boolean buysSells = event && settings.buysSells();
    levels(o.putArray(buysSells ? "buys" : "bids"), bids);
    levels(o.putArray(buysSells ? "sells" : "asks"), asks);
    o.put("min_order_size", "5");
    o.put("tick_size", "0.01");
    if (!event) {
      o.put("neg_risk", false);
    }
    List<Map.Entry<Integer, BigDecimal>> best = exchange.levels(assetId, Side.BID);
    o.put("last_trade_price", best.isEmpty() ? "0.5" : price(best.get(0).getKey()));
    return o;
  }

  private List<Map.Entry<Integer, BigDecimal>> order(List<Map.Entry<Integer, BigDecimal>> best) {
    List<Map.Entry<Integer, BigDecimal>> out = new ArrayList<>(best);
    switch (settings.levelOrder()) {
      case WIRE -> Collections.reverse(out);
      case DOCUMENTED -> {}
      case SHUFFLED -> Collections.shuffle(out, ThreadLocalRandom.current());
    }
    return out;
  }

  private static void levels(ArrayNode a, List<Map.Entry<Integer, BigDecimal>> levels) {
    for (Map.Entry<Integer, BigDecimal> l : levels) {
      ObjectNode n = a.addObject();
      n.put("price", price(l.getKey()));
      n.put("size", l.getValue().toPlainString());
    }
  }

  /** The {@code price_change} of {@code u} in the configured schema generation. */
  ObjectNode priceChange(PolymarketExchange.Update u, long millis) {
    ObjectNode o = Json.object();
    o.put("event_type", "price_change");
    if (settings.priceChangeSchema() == PriceChangeSchema.LEGACY) {
      o.put("asset_id", u.assetId());
      o.put("market", u.market());
      o.put("timestamp", Long.toString(millis));
      o.put("hash", "0x" + Integer.toHexString(u.changes().hashCode()));
      ArrayNode changes = o.putArray("changes");
      for (PolymarketExchange.Change c : u.changes()) {
        ObjectNode n = changes.addObject();
        n.put("price", price(c.cents()));
        n.put("side", c.side() == Side.BID ? "BUY" : "SELL");
        n.put("size", c.size().toPlainString());
      }
      return o;
    }
    o.put("market", u.market());
    o.put("timestamp", Long.toString(millis));
    ArrayNode changes = o.putArray("price_changes");
    for (PolymarketExchange.Change c : u.changes()) {
      ObjectNode n = changes.addObject();
      n.put("asset_id", u.assetId());
      n.put("price", price(c.cents()));
      n.put("size", c.size().toPlainString());
      n.put("side", c.side() == Side.BID ? "BUY" : "SELL");
      n.put("hash", "0x" + Integer.toHexString(c.hashCode()));
      n.put("best_bid", u.bestBidCents().map(PolymarketWire::price).orElse("0"));
      n.put("best_ask", u.bestAskCents().map(PolymarketWire::price).orElse("0"));
    }
    return o;
  }

  /** The {@code best_bid_ask} (custom feature) of {@code u}. */
  static ObjectNode bestBidAsk(PolymarketExchange.Update u, long millis) {
    ObjectNode o = Json.object();
    o.put("event_type", "best_bid_ask");
    o.put("asset_id", u.assetId());
    o.put("market", u.market());
    String bid = u.bestBidCents().map(PolymarketWire::price).orElse("0");
    String ask = u.bestAskCents().map(PolymarketWire::price).orElse("0");
    o.put("best_bid", bid);
    o.put("best_ask", ask);
    o.put("spread", new BigDecimal(ask).subtract(new BigDecimal(bid)).toPlainString());
    o.put("timestamp", Long.toString(millis));
    return o;
  }

  /** The {@code last_trade_price} of {@code t}. */
  static ObjectNode lastTrade(PolymarketExchange.Update u, PolymarketExchange.Trade t, long ms) {
    ObjectNode o = Json.object();
    o.put("event_type", "last_trade_price");
    o.put("asset_id", u.assetId());
    o.put("market", u.market());
    o.put("price", price(t.cents()));
    o.put("size", t.size().toPlainString());
    o.put("side", t.aggressor() == Side.BID ? "BUY" : "SELL");
    o.put("fee_rate_bps", "0");
    o.put("timestamp", Long.toString(ms));
    o.put("transaction_hash", "0x" + Long.toHexString(ms * 31 + t.cents()));
    return o;
  }

  /** The error body {@code {"error": message}}. */
  static ObjectNode error(String message) {
    ObjectNode o = Json.object();
    o.put("error", message);
    return o;
  }
}
