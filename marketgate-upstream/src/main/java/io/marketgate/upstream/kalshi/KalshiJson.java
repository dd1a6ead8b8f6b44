package io.marketgate.upstream.kalshi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.ModelException;
import io.marketgate.model.PriceLevel;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Package-private mappers from Kalshi JSON (REST and WS) to values. Stateless and thread-safe.
 * Every problem is thrown as {@link Malformed} with a message naming the field; callers add the
 * endpoint or the message context.
 */
final class KalshiJson {

  /*
   * Parsing works on Jackson's tree so that both payload generations can be probed field by field.
   * Floats are read as BigDecimal so that 219.5 or 0.47 never pass through a double. A number may
   * be a JSON number or a string; "", null and a missing field all mean absent. For prices the
   * dollar field wins over the legacy cent field when both are present; for book sides the
   * *_dollars_fp (WS) and *_dollars arrays win over the cent arrays. Levels are never assumed to be
   * sorted: BinaryBook sorts and merges them.
   */
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private static final BigDecimal CENTS_PER_DOLLAR = BigDecimal.valueOf(100);

  private KalshiJson() {}

  /** A payload that does not have the documented shape; the message names what was wrong. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  /** Parses {@code body} as a JSON object. */
  static JsonNode object(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new Malformed(
          "body is not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    } catch (IOException e) {
      throw new Malformed("body could not be read: " + e.getClass().getSimpleName());
    }
    if (node == null || !node.isObject()) {
      throw new Malformed(
          "body is not a JSON object but " + (node == null ? "empty" : node.getNodeType()));
    }
    return node;
  }

  /** Parses {@code text} as a JSON object. */
  static JsonNode object(String text) {
    return object(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code field} is absent, JSON null or an empty string. */
  static boolean absent(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || (v.isTextual() && v.asText().isBlank());
  }

  /** The object at {@code field}; absent or null is an error naming {@code what}. */
  static JsonNode requireObject(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new Malformed("field '" + field + "' is missing");
    }
    if (!v.isObject()) {
      throw new Malformed("field '" + field + "' is not an object but " + v.getNodeType());
    }
    return v;
  }

  /** The array at {@code field}; missing or null is an empty list. */
  static List<JsonNode> array(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new Malformed("field '" + field + "' is not an array but " + v.getNodeType());
    }
    List<JsonNode> out = new ArrayList<>(v.size());
    v.forEach(out::add);
    return out;
  }

  /** Text of {@code field}; numbers and booleans as their text; absent, null or blank is empty. */
  static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return Optional.empty();
    }
    String s = v.asText().strip();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /** The required text of {@code field}. */
  static String requireText(JsonNode node, String field) {
    return text(node, field)
        .orElseThrow(() -> new Malformed("field '" + field + "' is missing or empty"));
  }

  /** A decimal from a JSON number or a numeric string; absent, null or blank is empty. */
  static Optional<BigDecimal> decimal(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (v.isTextual() && v.asText().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(number(v, "field '" + field + "'"));
  }

  /** A decimal from a JSON number or numeric string {@code v}, described as {@code what}. */
  static BigDecimal number(JsonNode v, String what) {
    if (v == null || v.isNull()) {
      throw new Malformed(what + " is missing");
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    if (v.isTextual()) {
      try {
        return new BigDecimal(v.asText().strip());
      } catch (NumberFormatException e) {
        throw new Malformed(what + " is not a number: " + quote(v.asText()));
      }
    }
    throw new Malformed(what + " is not a number but " + v.getNodeType());
  }

  /** A price in dollars: {@code dollarField} if present, else {@code centField} / 100. */
  static Optional<BigDecimal> dollars(JsonNode node, String dollarField, String centField) {
    Optional<BigDecimal> d = decimal(node, dollarField);
    return d.isPresent() ? d : decimal(node, centField).map(KalshiJson::centsToDollars);
  }

  /** A count: {@code fpField} if present, else the legacy {@code intField}. */
  static Optional<BigDecimal> count(JsonNode node, String fpField, String intField) {
    Optional<BigDecimal> d = decimal(node, fpField);
    return d.isPresent() ? d : decimal(node, intField);
  }

  /** An ISO-8601 instant; absent, null or blank is empty. */
  static Optional<Instant> instant(JsonNode node, String field) {
    Optional<String> t = text(node, field);
    if (t.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(t.get()).toInstant());
    } catch (DateTimeParseException e) {
      throw new Malformed("field '" + field + "' is not an ISO-8601 date-time: " + quote(t.get()));
    }
  }

  static BigDecimal centsToDollars(BigDecimal cents) {
    return cents.divide(CENTS_PER_DOLLAR);
  }

  // ---------------------------------------------------------------- order books

  /**
   * The book inside a REST container: {@code orderbook_fp}, else {@code orderbook}, else the bare
   * {@code {"yes":..,"no":..}} envelope. A present-but-null wrapper is an empty book.
   */
  static BinaryBook restBook(JsonNode container) {
    for (String wrapper : new String[] {"orderbook_fp", "orderbook"}) {
      JsonNode book = container.get(wrapper);
      if (book != null && !book.isNull()) {
        if (!book.isObject()) {
          throw new Malformed("field '" + wrapper + "' is not an object but " + book.getNodeType());
        }
        return sides(book, wrapper);
      }
    }
    if (hasAnySide(container)) {
      return sides(container, "book");
    }
    if (container.has("orderbook_fp") || container.has("orderbook")) {
      return BinaryBook.empty();
    }
    throw new Malformed("no 'orderbook_fp', 'orderbook' or 'yes'/'no' levels found");
  }

  private static boolean hasAnySide(JsonNode node) {
    for (String side : new String[] {"yes", "no"}) {
      if (node.has(side) || node.has(side + "_dollars") || node.has(side + "_dollars_fp")) {
        return true;
      }
    }
    return false;
  }

  /** Both sides of a book object (REST or a WS snapshot {@code msg}). */
  static BinaryBook sides(JsonNode book, String where) {
    List<PriceLevel> yes = side(book, "yes", where);
    List<PriceLevel> no = side(book, "no", where);
    try {
      return BinaryBook.of(yes, no);
    } catch (ModelException e) {
      throw new Malformed(where + ": " + e.getMessage());
    }
  }

  private static List<PriceLevel> side(JsonNode book, String side, String where) {
    for (String field : new String[] {side + "_dollars_fp", side + "_dollars"}) {
      if (!absent(book, field)) {
        return levels(book, field, false, where);
      }
    }
    if (!absent(book, side)) {
      return levels(book, side, true, where);
    }
    return List.of();
  }

  private static List<PriceLevel> levels(JsonNode book, String field, boolean cents, String where) {
    List<JsonNode> raw = array(book, field);
    List<PriceLevel> out = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      JsonNode level = raw.get(i);
      String what = where + "." + field + "[" + i + "]";
      if (!level.isArray() || level.size() < 2) {
        throw new Malformed(what + " is not a [price, size] pair but " + abbreviate(level));
      }
      BigDecimal price = number(level.get(0), what + " price");
      BigDecimal size = number(level.get(1), what + " size");
      if (cents) {
        price = centsToDollars(price);
      }
      try {
        out.add(new PriceLevel(price, size));
      } catch (ModelException e) {
        throw new Malformed(what + ": " + e.getMessage());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- markets and events

  /** A market object; {@code defaultEventTicker} fills a missing event ticker (nested markets). */
  static KalshiMarket market(JsonNode m, Optional<String> defaultEventTicker) {
    if (!m.isObject()) {
      throw new Malformed("market is not an object but " + m.getNodeType());
    }
    String ticker = requireText(m, "ticker");
    try {
      Optional<String> eventTicker = text(m, "event_ticker").or(() -> defaultEventTicker);
      return new KalshiMarket(
          ticker,
          eventTicker.orElseThrow(() -> new Malformed("field 'event_ticker' is missing")),
          text(m, "status"),
          text(m, "market_type"),
          text(m, "title"),
          text(m, "subtitle"),
          text(m, "yes_sub_title"),
          text(m, "no_sub_title"),
          instant(m, "open_time"),
          instant(m, "close_time"),
          instant(m, "expected_expiration_time"),
          dollars(m, "yes_bid_dollars", "yes_bid"),
          dollars(m, "yes_ask_dollars", "yes_ask"),
          dollars(m, "no_bid_dollars", "no_bid"),
          dollars(m, "no_ask_dollars", "no_ask"),
          dollars(m, "last_price_dollars", "last_price"),
          count(m, "volume_fp", "volume"),
          count(m, "volume_24h_fp", "volume_24h"),
          count(m, "open_interest_fp", "open_interest"),
          dollars(m, "liquidity_dollars", "liquidity"),
          text(m, "strike_type"),
          decimal(m, "floor_strike"),
          decimal(m, "cap_strike"),
          text(m, "result"),
          text(m, "price_level_structure"));
    } catch (Malformed e) {
      throw new Malformed("market " + ticker + ": " + e.getMessage());
    }
  }

  /** An event object with its nested markets ({@code markets} inside the event). */
  static KalshiEvent event(JsonNode e, List<JsonNode> extraMarkets) {
    if (!e.isObject()) {
      throw new Malformed("event is not an object but " + e.getNodeType());
    }
    String eventTicker = requireText(e, "event_ticker");
    try {
      List<KalshiMarket> markets = new ArrayList<>();
      List<JsonNode> raw = new ArrayList<>(array(e, "markets"));
      if (raw.isEmpty()) {
        raw.addAll(extraMarkets);
      }
      for (JsonNode m : raw) {
        markets.add(market(m, Optional.of(eventTicker)));
      }
      JsonNode me = e.get("mutually_exclusive");
      return new KalshiEvent(
          eventTicker,
          text(e, "series_ticker"),
          text(e, "title"),
          text(e, "sub_title"),
          instant(e, "strike_date"),
          me != null && (me.asBoolean(false) || "true".equalsIgnoreCase(me.asText())),
          markets);
    } catch (Malformed x) {
      throw new Malformed("event " + eventTicker + ": " + x.getMessage());
    }
  }

  /** {@code s} quoted and cut to 60 characters, for messages. */
  static String quote(String s) {
    return '"' + (s.length() <= 60 ? s : s.substring(0, 60) + "...") + '"';
  }

  /** A node rendered and cut to 60 characters, for messages. */
  static String abbreviate(JsonNode node) {
    String s = node.toString();
    return s.length() <= 60 ? s : s.substring(0, 60) + "...";
  }
}
