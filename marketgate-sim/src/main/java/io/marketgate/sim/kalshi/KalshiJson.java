package io.marketgate.sim.kalshi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.model.BinarySide;
import io.marketgate.sim.http.Json;
import io.marketgate.sim.kalshi.KalshiExchange.BookView;
import io.marketgate.sim.kalshi.KalshiExchange.Level;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes Kalshi's JSON payloads (series, events, markets, order books, WebSocket messages) in the
 * configured generation and level order. Stateless apart from its settings; thread-safe.
 */
final class KalshiJson {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneId.of("UTC"));

  private final PayloadGeneration payloads;
  private final LevelOrder order;

  KalshiJson(PayloadGeneration payloads, LevelOrder order) {
    this.payloads = payloads;
    this.order = order;
  }

  boolean legacy() {
    return payloads == PayloadGeneration.LEGACY;
  }

  static String dollars(int cents) {
    return BigDecimal.valueOf(cents, 2).setScale(4, RoundingMode.UNNECESSARY).toPlainString();
  }

  static String count(BigDecimal size) {
    return size.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
  }

  static String time(Instant t) {
    return TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
  }

  static String marketId(String ticker) {
    return UUID.nameUUIDFromBytes(ticker.getBytes(StandardCharsets.UTF_8)).toString();
  }

  ObjectNode series(KalshiCatalog.Series s) {
    ObjectNode o = Json.object();
    o.put("ticker", s.ticker());
    o.put("frequency", "custom");
    o.put("title", s.title());
    o.put("category", "Sports");
    o.putArray("tags").add("Basketball");
    ObjectNode source = o.putArray("settlement_sources").addObject();
    source.put("name", "NBA");
    source.put("url", "https://www.nba.com/");
    o.put("contract_url", "https://kalshi.com/regulatory/rulebook/" + s.ticker());
    o.put("fee_type", "quadratic");
    o.put("fee_multiplier", 1);
    return o;
  }

  ObjectNode event(KalshiCatalog.Event e, List<ObjectNode> nestedMarkets) {
    ObjectNode o = Json.object();
    o.put("event_ticker", e.ticker());
    o.put("series_ticker", e.seriesTicker());
    o.put("sub_title", e.subTitle());
    o.put("title", e.title());
    o.put("collateral_return_type", e.mutuallyExclusive() ? "MECNET" : "");
    o.put("mutually_exclusive", e.mutuallyExclusive());
    o.put("category", "Sports");
    o.put("strike_date", time(e.strikeDate()));
    o.put("strike_period", "");
    o.put("available_on_brokers", false);
    o.putObject("product_metadata");
    if (!nestedMarkets.isEmpty()) {
      ArrayNode markets = o.putArray("markets");
      nestedMarkets.forEach(markets::add);
    }
    return o;
  }

  ObjectNode market(KalshiCatalog.Market m, BookView book, Instant now) {
    int yesBid = book.yes().isEmpty() ? 0 : book.yes().get(0).cents();
    int noBid = book.no().isEmpty() ? 0 : book.no().get(0).cents();
    int yesAsk = 100 - noBid;
    int noAsk = 100 - yesBid;
    BigDecimal yesBidSize = book.yes().isEmpty() ? BigDecimal.ZERO : book.yes().get(0).size();
    BigDecimal yesAskSize = book.no().isEmpty() ? BigDecimal.ZERO : book.no().get(0).size();
    BigDecimal liquidity = BigDecimal.ZERO;
    for (Level l : book.yes()) {
      liquidity = liquidity.add(l.size().multiply(BigDecimal.valueOf(l.cents(), 2)));
    }
    for (Level l : book.no()) {
      liquidity = liquidity.add(l.size().multiply(BigDecimal.valueOf(l.cents(), 2)));
    }
    Instant start = m.game().start();
    Instant open = start.minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    Instant expected = start.plus(3, ChronoUnit.HOURS);
    Instant latest = start.plus(14, ChronoUnit.DAYS);
    ObjectNode o = Json.object();
    o.put("ticker", m.ticker());
    o.put("event_ticker", m.eventTicker());
    o.put("market_type", "binary");
    o.put("title", m.title());
    o.put("subtitle", "");
    o.put("yes_sub_title", m.yesSubTitle());
    o.put("no_sub_title", m.noSubTitle());
    o.put("created_time", time(open));
    o.put("updated_time", time(now));
    o.put("open_time", time(open));
    o.put("close_time", time(latest));
    o.put("expected_expiration_time", time(expected));
    o.put("expiration_time", time(latest));
    o.put("latest_expiration_time", time(latest));
    o.put("settlement_timer_seconds", 300);
    o.put("status", "active");
    o.put("result", "");
    o.put("can_close_early", true);
    o.put("early_close_condition", "This market will close and expire after the game ends.");
    o.put("yes_bid_dollars", dollars(yesBid));
    o.put("yes_ask_dollars", dollars(yesAsk));
    o.put("no_bid_dollars", dollars(noBid));
    o.put("no_ask_dollars", dollars(noAsk));
    o.put("yes_bid_size_fp", count(yesBidSize));
    o.put("yes_ask_size_fp", count(yesAskSize));
    o.put("last_price_dollars", dollars(book.lastPriceCents()));
    o.put("previous_price_dollars", dollars(book.lastPriceCents()));
    o.put("previous_yes_bid_dollars", dollars(yesBid));
    o.put("previous_yes_ask_dollars", dollars(yesAsk));
    o.put("volume_fp", count(book.volume()));
    o.put("volume_24h_fp", count(book.volume()));
    o.put("open_interest_fp", count(book.openInterest()));
    o.put("liquidity_dollars", liquidity.setScale(4, RoundingMode.HALF_UP).toPlainString());
    o.put("notional_value_dollars", "1.0000");
    o.put("price_level_structure", "linear_cent");
    ObjectNode range = o.putArray("price_ranges").addObject();
    range.put("start", "0.0000");
    range.put("end", "1.0000");
    range.put("step", "0.0100");
    o.put("fractional_trading_enabled", !legacy());
    o.put("rules_primary", m.rulesPrimary());
    o.put("rules_secondary", "");
    o.put("expiration_value", "");
    o.put("is_provisional", false);
    o.put("response_price_units", "usd_cent");
    if (m.kind() != KalshiCatalog.Kind.WINNER) {
      o.put("strike_type", "greater");
      o.put("floor_strike", m.floorStrike());
    }
    if (legacy()) {
      o.put("yes_bid", yesBid);
      o.put("yes_ask", yesAsk);
      o.put("no_bid", noBid);
      o.put("no_ask", noAsk);
      o.put("last_price", book.lastPriceCents());
      o.put("previous_yes_bid", yesBid);
      o.put("previous_yes_ask", yesAsk);
      o.put("previous_price", book.lastPriceCents());
      o.put("volume", book.volume().longValue());
      o.put("volume_24h", book.volume().longValue());
      o.put("open_interest", book.openInterest().longValue());
      o.put("liquidity", liquidity.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValue());
      o.put("notional_value", 100);
      o.put("tick_size", 1);
      o.put("category", "Sports");
    }
    return o;
  }

  /** The REST order book: the whole {@code {"orderbook_fp":…}} or {@code {"orderbook":…}}. */
  ObjectNode orderbookEnvelope(BookView book, int depth) {
    ObjectNode o = Json.object();
    if (legacy()) {
      ObjectNode ob = o.putObject("orderbook");
      ob.set("yes", centLevels(cut(book.yes(), depth)));
      ob.set("no", centLevels(cut(book.no(), depth)));
      ob.set("yes_dollars", dollarLevelsWholeCounts(cut(book.yes(), depth), false));
      ob.set("no_dollars", dollarLevelsWholeCounts(cut(book.no(), depth), false));
    } else {
      ObjectNode ob = o.putObject("orderbook_fp");
      ob.set("yes_dollars", fixedPointLevels(cut(book.yes(), depth)));
      ob.set("no_dollars", fixedPointLevels(cut(book.no(), depth)));
    }
    return o;
  }

  /** The {@code msg} of a WebSocket {@code orderbook_snapshot}. */
  ObjectNode snapshotMessage(String ticker, BookView book) {
    ObjectNode o = Json.object();
    o.put("market_ticker", ticker);
    o.put("market_id", marketId(ticker));
    if (legacy()) {
      o.set("yes", centLevels(book.yes()));
      o.set("no", centLevels(book.no()));
      o.set("yes_dollars", dollarLevelsWholeCounts(book.yes(), true));
      o.set("no_dollars", dollarLevelsWholeCounts(book.no(), true));
    } else {
      o.set("yes_dollars_fp", fixedPointLevels(book.yes()));
      o.set("no_dollars_fp", fixedPointLevels(book.no()));
    }
    return o;
  }

  /** The {@code msg} of a WebSocket {@code orderbook_delta}. */
  ObjectNode deltaMessage(KalshiExchange.BookDelta d, long tsMillis) {
    ObjectNode o = Json.object();
    o.put("market_ticker", d.ticker());
    String side = d.side() == BinarySide.YES ? "yes" : "no";
    if (legacy()) {
      o.put("price", d.cents());
      o.put("price_dollars", threeDecimals(d.cents()));
      o.put("delta", d.delta().longValueExact());
      o.put("side", side);
    } else {
      o.put("price_dollars", dollars(d.cents()));
      o.put("delta_fp", count(d.delta()));
      o.put("side", side);
      o.put("ts_ms", tsMillis);
    }
    return o;
  }

  private static String threeDecimals(int cents) {
    return BigDecimal.valueOf(cents, 2).setScale(3, RoundingMode.UNNECESSARY).toPlainString();
  }

  private static List<Level> cut(List<Level> bestFirst, int depth) {
    return depth > 0 && depth < bestFirst.size() ? bestFirst.subList(0, depth) : bestFirst;
  }

  private List<Level> ordered(List<Level> bestFirst) {
    if (order == LevelOrder.DESCENDING) {
      return bestFirst;
    }
    List<Level> asc = new ArrayList<>(bestFirst);
    java.util.Collections.reverse(asc);
    return asc;
  }

  private ArrayNode fixedPointLevels(List<Level> levels) {
    ArrayNode a = Json.array();
    for (Level l : ordered(levels)) {
      a.addArray().add(dollars(l.cents())).add(count(l.size()));
    }
    return a;
  }

  private ArrayNode centLevels(List<Level> levels) {
    ArrayNode a = Json.array();
    for (Level l : ordered(levels)) {
      a.addArray().add(l.cents()).add(l.size().longValueExact());
    }
    return a;
  }

  private ArrayNode dollarLevelsWholeCounts(List<Level> levels, boolean threeDecimals) {
    ArrayNode a = Json.array();
    for (Level l : ordered(levels)) {
      a.addArray()
          .add(threeDecimals ? threeDecimals(l.cents()) : dollars(l.cents()))
          .add(l.size().longValueExact());
    }
    return a;
  }
}
