package io.marketgate.upstream.polymarket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.marketgate.model.ModelException;
import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Side;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads Polymarket CLOB payloads (REST bodies and market-channel messages) into values. */
final class PolymarketJson {

  /*
   * Numbers are read as BigDecimal from JSON numbers or strings ("0.48", ".512"); "", null and a
   * missing field mean absent. Book sides are "bids"/"asks", or "buys"/"sells" as one doc table
   * names them; a side present as JSON null is empty, a book with neither name for a side is
   * malformed (never replace a good book with a half-read one). Levels are never assumed to be
   * sorted: OrderBook sorts them and merges equal prices. Timestamps are epoch milliseconds as a
   * string or a number.
   */
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private PolymarketJson() {}

  /** A payload without the documented shape; the message names what was wrong. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** One market-channel event. */
  sealed interface WireEvent {
    /** The asset the event is about, empty for events about none. */
    Optional<String> assetId();
  }

  /** A full book ({@code book}). */
  record BookEvent(PolymarketBook book) implements WireEvent {
    @Override
    public Optional<String> assetId() {
      return Optional.of(book.assetId());
    }
  }

  /** Level changes of one {@code price_change} message for one asset, in message order. */
  record PriceChanges(String asset, List<Change> changes, Optional<Instant> timestamp)
      implements WireEvent {
    @Override
    public Optional<String> assetId() {
      return Optional.of(asset);
    }
  }

  /**
   * One changed level: {@code size} is the new absolute size (zero removes the level); {@code
   * bestBid}/{@code bestAsk} are the venue's top of book after the change, when sent.
   */
  record Change(
      Side side,
      BigDecimal price,
      BigDecimal size,
      Optional<BigDecimal> bestBid,
      Optional<BigDecimal> bestAsk) {}

  /** A {@code tick_size_change}. */
  record TickSizeChange(String asset, Optional<BigDecimal> oldTickSize, BigDecimal newTickSize)
      implements WireEvent {
    @Override
    public Optional<String> assetId() {
      return Optional.of(asset);
    }
  }

  /** A {@code last_trade_price}. */
  record LastTrade(String asset, BigDecimal price, Optional<BigDecimal> size, Optional<String> side)
      implements WireEvent {
    @Override
    public Optional<String> assetId() {
      return Optional.of(asset);
    }
  }

  /** A {@code best_bid_ask} (custom feature). */
  record BestBidAsk(String asset, Optional<BigDecimal> bestBid, Optional<BigDecimal> bestAsk)
      implements WireEvent {
    @Override
    public Optional<String> assetId() {
      return Optional.of(asset);
    }
  }

  /** An event the stream does not use ({@code new_market}, {@code market_resolved}, …). */
  record Other(String type, Optional<String> assetId) implements WireEvent {}

  // ---------------------------------------------------------------- documents

  /** Parses {@code body} as JSON. */
  static JsonNode parse(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Malformed(
          "not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    } catch (IOException e) {
      throw new Malformed("could not be read: " + e.getClass().getSimpleName());
    }
    if (node == null || node.isMissingNode()) {
      throw new Malformed("empty body");
    }
    return node;
  }

  /** Parses {@code text} as JSON. */
  static JsonNode parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The events of one WebSocket message: an object, or an array of objects (initial dumps). */
  static List<JsonNode> elements(JsonNode message) {
    if (message.isObject()) {
      return List.of(message);
    }
    if (message.isArray()) {
      List<JsonNode> out = new ArrayList<>(message.size());
      message.forEach(out::add);
      return out;
    }
    throw new Malformed("message is neither an object nor an array but " + message.getNodeType());
  }

  /** One market-channel event. */
  static WireEvent event(JsonNode e) {
    if (!e.isObject()) {
      throw new Malformed("event is not an object but " + e.getNodeType());
    }
    String type = text(e, "event_type").or(() -> text(e, "type")).orElse("");
    return switch (type) {
      case "book" -> new BookEvent(book(e));
      case "price_change" -> priceChanges(e);
      case "tick_size_change" ->
          new TickSizeChange(
              requireText(e, "asset_id"),
              decimal(e, "old_tick_size"),
              decimal(e, "new_tick_size")
                  .orElseThrow(() -> new Malformed("tick_size_change without new_tick_size")));
      case "last_trade_price" ->
          new LastTrade(
              requireText(e, "asset_id"),
              decimal(e, "price")
                  .orElseThrow(() -> new Malformed("last_trade_price without price")),
              decimal(e, "size"),
              text(e, "side"));
      case "best_bid_ask" ->
          new BestBidAsk(
              requireText(e, "asset_id"), decimal(e, "best_bid"), decimal(e, "best_ask"));
      case "" -> throw new Malformed("event without event_type");
      default -> new Other(type, text(e, "asset_id"));
    };
  }

  /**
   * The level changes of a {@code price_change}, grouped by asset in message order: the current
   * schema ({@code price_changes[]}, each with its {@code asset_id}) or the older one ({@code
   * asset_id} at the top and {@code changes[]}).
   */
  static WireEvent priceChanges(JsonNode e) {
    Optional<Instant> ts = timestamp(e, "timestamp");
    JsonNode current = e.get("price_changes");
    if (current != null && !current.isNull()) {
      if (!current.isArray()) {
        throw new Malformed("price_changes is not an array but " + current.getNodeType());
      }
      List<PriceChanges> groups = new ArrayList<>();
      for (int i = 0; i < current.size(); i++) {
        JsonNode c = current.get(i);
        String where = "price_changes[" + i + "]";
        if (!c.isObject()) {
          throw new Malformed(where + " is not an object");
        }
        String asset =
            text(c, "asset_id")
                .or(() -> text(e, "asset_id"))
                .orElseThrow(() -> new Malformed(where + " has no asset_id"));
        Change change = change(c, where);
        PriceChanges group =
            groups.stream().filter(g -> g.asset().equals(asset)).findFirst().orElse(null);
        if (group == null) {
          group = new PriceChanges(asset, new ArrayList<>(), ts);
          groups.add(group);
        }
        group.changes().add(change);
      }
      if (groups.size() == 1) {
        PriceChanges g = groups.get(0);
        return new PriceChanges(g.asset(), List.copyOf(g.changes()), ts);
      }
      return new Grouped(
          groups.stream()
              .map(g -> new PriceChanges(g.asset(), List.copyOf(g.changes()), ts))
              .toList());
    }
    JsonNode legacy = e.get("changes");
    if (legacy == null || !legacy.isArray()) {
      throw new Malformed("price_change has neither price_changes[] nor changes[]");
    }
    String asset = requireText(e, "asset_id");
    List<Change> changes = new ArrayList<>(legacy.size());
    for (int i = 0; i < legacy.size(); i++) {
      JsonNode c = legacy.get(i);
      if (!c.isObject()) {
        throw new Malformed("changes[" + i + "] is not an object");
      }
      changes.add(change(c, "changes[" + i + "]"));
    }
    return new PriceChanges(asset, List.copyOf(changes), ts);
  }

  /** Several assets' changes from one current-schema {@code price_change}. */
  record Grouped(List<PriceChanges> groups) implements WireEvent {
    @Override
    public Optional<String> assetId() {
      return Optional.empty();
    }
  }

  private static Change change(JsonNode c, String where) {
    Side side = side(requireText(c, "side"), where);
    BigDecimal price =
        decimal(c, "price").orElseThrow(() -> new Malformed(where + " has no price"));
    BigDecimal size = decimal(c, "size").orElseThrow(() -> new Malformed(where + " has no size"));
    if (price.signum() <= 0) {
      throw new Malformed(where + " price " + price.toPlainString() + " is not positive");
    }
    if (size.signum() < 0) {
      throw new Malformed(where + " size " + size.toPlainString() + " is negative");
    }
    return new Change(side, price, size, decimal(c, "best_bid"), decimal(c, "best_ask"));
  }

  /** {@code BUY} (a bid) or {@code SELL} (an ask), any case; {@code BID}/{@code ASK} too. */
  static Side side(String text, String where) {
    return switch (text.toUpperCase(Locale.ROOT)) {
      case "BUY", "BID", "BIDS", "BUYS" -> Side.BID;
      case "SELL", "ASK", "ASKS", "SELLS" -> Side.ASK;
      default -> throw new Malformed(where + " side " + quote(text) + " is not BUY or SELL");
    };
  }

  /** A book summary object (REST or WebSocket). */
  static PolymarketBook book(JsonNode b) {
    if (!b.isObject()) {
      throw new Malformed("book is not an object but " + b.getNodeType());
    }
    String asset = requireText(b, "asset_id");
    String where = "book of " + abbreviate(asset);
    List<PriceLevel> bids = side(b, "bids", "buys", where);
    List<PriceLevel> asks = side(b, "asks", "sells", where);
    OrderBook book;
    try {
      book = OrderBook.of(bids, asks);
    } catch (ModelException e) {
      throw new Malformed(where + ": " + e.getMessage());
    }
    return new PolymarketBook(
        asset,
        text(b, "market"),
        timestamp(b, "timestamp"),
        text(b, "hash"),
        book,
        decimal(b, "tick_size"),
        decimal(b, "min_order_size"),
        decimal(b, "last_trade_price"));
  }

  private static List<PriceLevel> side(JsonNode b, String name, String alias, String where) {
    String field = b.has(name) ? name : b.has(alias) ? alias : null;
    if (field == null) {
      throw new Malformed(where + " has neither " + name + " nor " + alias);
    }
    JsonNode levels = b.get(field);
    if (levels.isNull()) {
      return List.of();
    }
    if (!levels.isArray()) {
      throw new Malformed(where + " " + field + " is not an array but " + levels.getNodeType());
    }
    List<PriceLevel> out = new ArrayList<>(levels.size());
    for (int i = 0; i < levels.size(); i++) {
      JsonNode l = levels.get(i);
      String at = where + " " + field + "[" + i + "]";
      if (!l.isObject()) {
        throw new Malformed(at + " is not an object");
      }
      BigDecimal price = decimal(l, "price").orElseThrow(() -> new Malformed(at + " no price"));
      BigDecimal size = decimal(l, "size").orElseThrow(() -> new Malformed(at + " no size"));
      try {
        out.add(new PriceLevel(price, size));
      } catch (ModelException e) {
        throw new Malformed(at + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** The books of a {@code POST /books} answer: an array of book summaries. */
  static List<PolymarketBook> books(JsonNode root) {
    if (!root.isArray()) {
      throw new Malformed("answer is not an array of books but " + root.getNodeType());
    }
    List<PolymarketBook> out = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      try {
        out.add(book(root.get(i)));
      } catch (Malformed e) {
        throw new Malformed("books[" + i + "]: " + e.getMessage());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- fields

  /** Text of {@code field}; numbers as their text; absent, null, blank or a container is empty. */
  static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return Optional.empty();
    }
    String s = v.asText().strip();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  static String requireText(JsonNode node, String field) {
    return text(node, field).orElseThrow(() -> new Malformed(field + " is missing or empty"));
  }

  /** A decimal from a JSON number or a numeric string ({@code ".512"} too); blank is empty. */
  static Optional<BigDecimal> decimal(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
      return Optional.empty();
    }
    if (v.isNumber()) {
      return Optional.of(v.decimalValue());
    }
    if (v.isTextual()) {
      try {
        return Optional.of(new BigDecimal(v.asText().strip()));
      } catch (NumberFormatException e) {
        throw new Malformed(field + " is not a number: " + quote(v.asText()));
      }
    }
    throw new Malformed(field + " is not a number but " + v.getNodeType());
  }

  /** Epoch milliseconds as a string or number; absent is empty. */
  static Optional<Instant> timestamp(JsonNode node, String field) {
    Optional<BigDecimal> ms = decimal(node, field);
    if (ms.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.ofEpochMilli(ms.get().longValueExact()));
    } catch (ArithmeticException e) {
      return Optional.of(Instant.ofEpochMilli(ms.get().longValue()));
    }
  }

  static String quote(String s) {
    String t = s.length() <= 60 ? s : s.substring(0, 60) + "...";
    return '"' + t + '"';
  }

  /** A long token id shortened for messages. */
  static String abbreviate(String assetId) {
    return assetId.length() <= 16
        ? assetId
        : assetId.substring(0, 8) + "…" + assetId.substring(assetId.length() - 6);
  }
}
