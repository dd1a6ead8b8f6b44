package io.marketgate.upstream.binance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.marketgate.model.ModelException;
import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Parses Binance spot payloads (upstream-apis.md §3) into values; package-private. */
final class BinanceJson {

  /*
   * Tree parsing with floats as BigDecimal: prices never pass through a double. Binance sends
   * every price and quantity as a string; a JSON number is accepted as well. Ids (U, u, E,
   * lastUpdateId) are JSON numbers; a numeric string is accepted. A level is [price, qty, ...]:
   * extra elements (an empty array in very old payloads) are ignored.
   *
   * Messages: a combined stream wraps each payload as {"stream": name, "data": payload}; a raw
   * stream sends the payload alone. depthUpdate is recognised by "e"; bookTicker has no event type
   * and is recognised by "u", "s", "b" and "a"; replies to SUBSCRIBE carry "id" and "result", errors
   * "code" and "msg".
   */
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private BinanceJson() {}

  /** A payload without the documented shape; names the stream when it is known. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String stream;

    Malformed(String stream, String message) {
      super(message, null, false, false);
      this.stream = stream;
    }

    /** The combined-stream name the payload came on, if known. */
    Optional<String> stream() {
      return Optional.ofNullable(stream);
    }
  }

  /** One parsed WebSocket message. */
  sealed interface Message {}

  /** A depth diff. */
  record Diff(DepthDiff diff) implements Message {}

  /** A top-of-book update. */
  record Ticker(BookTicker ticker) implements Message {}

  /** A reply to a control message: {@code ok} or an error with its text. */
  record Reply(Optional<Long> id, boolean ok, String detail) implements Message {}

  /** A well-formed payload of a kind this client does not use. */
  record Other(String what) implements Message {}

  /** Parses a REST depth snapshot of {@code symbol}. */
  static DepthSnapshot snapshot(String symbol, byte[] body) {
    JsonNode root = tree(null, body);
    if (!root.isObject()) {
      throw new Malformed(null, "depth snapshot is not a JSON object but " + root.getNodeType());
    }
    long lastUpdateId = id(null, root, "lastUpdateId");
    List<PriceLevel> bids = levels(null, root, "bids", false);
    List<PriceLevel> asks = levels(null, root, "asks", false);
    try {
      return new DepthSnapshot(symbol, lastUpdateId, OrderBook.of(bids, asks));
    } catch (ModelException e) {
      throw new Malformed(null, "depth snapshot: " + e.getMessage());
    }
  }

  /** Parses one WebSocket text message, wrapped (combined stream) or raw. */
  static Message message(String text) {
    JsonNode root = tree(null, text.getBytes(StandardCharsets.UTF_8));
    if (!root.isObject()) {
      throw new Malformed(null, "message is not a JSON object but " + root.getNodeType());
    }
    JsonNode streamNode = root.get("stream");
    if (streamNode != null && root.has("data")) {
      if (!streamNode.isTextual() || streamNode.asText().isBlank()) {
        throw new Malformed(null, "'stream' is not a stream name");
      }
      String stream = streamNode.asText();
      JsonNode data = root.get("data");
      if (!data.isObject()) {
        throw new Malformed(stream, "'data' is not an object but " + data.getNodeType());
      }
      return payload(stream, data);
    }
    if (root.has("result") || root.has("code") && root.has("msg")) {
      return reply(root);
    }
    return payload(null, root);
  }

  private static Message reply(JsonNode root) {
    Optional<Long> id =
        root.path("id").canConvertToLong()
            ? Optional.of(root.path("id").asLong())
            : Optional.empty();
    if (root.has("code")) {
      return new Reply(id, false, root.path("code").asText() + " " + root.path("msg").asText());
    }
    return new Reply(id, true, root.path("result").toString());
  }

  private static Message payload(String stream, JsonNode data) {
    String type = data.path("e").asText("");
    if (type.equals("depthUpdate")) {
      return new Diff(diff(stream, data));
    }
    if (type.isEmpty() && data.has("u") && data.has("s") && data.has("b") && data.has("a")) {
      return new Ticker(ticker(stream, data));
    }
    if (stream != null && kind(stream).equals("depth")) {
      throw new Malformed(stream, "depth stream payload without \"e\":\"depthUpdate\"");
    }
    if (stream != null && kind(stream).equals("bookTicker")) {
      throw new Malformed(stream, "bookTicker payload without u, s, b and a");
    }
    return new Other(type.isEmpty() ? "payload without an event type" : type);
  }

  private static DepthDiff diff(String stream, JsonNode data) {
    String symbol = symbol(stream, data);
    long first = id(stream, data, "U");
    long last = id(stream, data, "u");
    long eventTime = data.has("E") ? id(stream, data, "E") : 0;
    if (last < first) {
      throw new Malformed(stream, "depthUpdate of " + symbol + " has u " + last + " < U " + first);
    }
    return new DepthDiff(
        symbol,
        eventTime,
        first,
        last,
        levels(stream, data, "b", true),
        levels(stream, data, "a", true));
  }

  private static BookTicker ticker(String stream, JsonNode data) {
    String symbol = symbol(stream, data);
    long u = id(stream, data, "u");
    try {
      return new BookTicker(
          symbol,
          u,
          level(stream, data.get("b"), data.get("B"), "b/B"),
          level(stream, data.get("a"), data.get("A"), "a/A"));
    } catch (ModelException e) {
      throw new Malformed(stream, "bookTicker of " + symbol + ": " + e.getMessage());
    }
  }

  private static PriceLevel level(String stream, JsonNode price, JsonNode qty, String what) {
    BigDecimal p = number(stream, price, what + " price");
    BigDecimal q = number(stream, qty, what + " quantity");
    if (p.signum() == 0 && q.signum() == 0) {
      // An empty side: Binance sends zeros. PriceLevel needs a positive price.
      return new PriceLevel(BigDecimal.ONE, BigDecimal.ZERO);
    }
    return new PriceLevel(p, q);
  }

  private static String symbol(String stream, JsonNode data) {
    JsonNode s = data.get("s");
    if (s == null || !s.isTextual() || s.asText().isBlank()) {
      throw new Malformed(stream, "field 's' (symbol) is missing or not text");
    }
    String symbol = s.asText().strip().toUpperCase(Locale.ROOT);
    if (stream != null && !symbolOf(stream).equals(symbol)) {
      throw new Malformed(stream, "symbol " + symbol + " does not match stream " + stream);
    }
    return symbol;
  }

  private static List<PriceLevel> levels(
      String stream, JsonNode node, String field, boolean zeroAllowed) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      throw new Malformed(
          stream,
          "field '"
              + field
              + "' is "
              + (v == null ? "missing" : "not an array but " + v.getNodeType()));
    }
    List<PriceLevel> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode level = v.get(i);
      String what = field + "[" + i + "]";
      if (!level.isArray() || level.size() < 2) {
        throw new Malformed(stream, what + " is not a [price, quantity] pair");
      }
      BigDecimal price = number(stream, level.get(0), what + " price");
      BigDecimal qty = number(stream, level.get(1), what + " quantity");
      if (!zeroAllowed && qty.signum() == 0) {
        continue; // a snapshot never lists empty levels; tolerate one
      }
      try {
        out.add(new PriceLevel(price, qty));
      } catch (ModelException e) {
        throw new Malformed(stream, what + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static long id(String stream, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v != null && v.isIntegralNumber() && v.canConvertToLong()) {
      long n = v.asLong();
      if (n >= 0) {
        return n;
      }
    } else if (v != null && v.isTextual()) {
      try {
        long n = Long.parseLong(v.asText().strip());
        if (n >= 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // falls through
      }
    }
    throw new Malformed(
        stream,
        "field '" + field + "' is " + (v == null ? "missing" : "not a non-negative integer"));
  }

  private static BigDecimal number(String stream, JsonNode v, String what) {
    if (v == null || v.isNull()) {
      throw new Malformed(stream, what + " is missing");
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    if (v.isTextual()) {
      try {
        return new BigDecimal(v.asText().strip());
      } catch (NumberFormatException e) {
        throw new Malformed(stream, what + " is not a number: \"" + abbreviate(v.asText()) + "\"");
      }
    }
    throw new Malformed(stream, what + " is not a number but " + v.getNodeType());
  }

  private static JsonNode tree(String stream, byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new Malformed(stream, "empty body");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new Malformed(
          stream,
          "not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")");
    } catch (IOException e) {
      throw new Malformed(stream, "unreadable: " + e.getClass().getSimpleName());
    }
  }

  /** The upper-case symbol of stream name {@code btcusdt@depth@100ms}. */
  static String symbolOf(String stream) {
    int at = stream.indexOf('@');
    return (at < 0 ? stream : stream.substring(0, at)).toUpperCase(Locale.ROOT);
  }

  /** The kind of stream name {@code btcusdt@depth@100ms}: {@code depth}, {@code bookTicker}, … */
  static String kind(String stream) {
    int at = stream.indexOf('@');
    if (at < 0) {
      return "";
    }
    int end = stream.indexOf('@', at + 1);
    return end < 0 ? stream.substring(at + 1) : stream.substring(at + 1, end);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
