package io.marketgate.upstream.odds;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.UpstreamResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Lenient readers of the odds feeds' JSON trees: numbers may arrive as strings, times as ISO-8601
 * text (with or without an offset) or epoch seconds. Integers are read exactly, never through a
 * {@code double}. Stateless and thread-safe.
 */
final class WireJson {

  /** Floats are read as {@link BigDecimal} so that no wire number is rounded before we look. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private WireJson() {}

  /** The body of {@code response} as a JSON tree, or an {@link Outcome#MALFORMED} exception. */
  static JsonNode parse(String endpoint, UpstreamResponse response, ApiKey key) {
    try {
      JsonNode root = MAPPER.readTree(response.body());
      if (root == null || root.isMissingNode()) {
        throw new UpstreamException(
            endpoint, Outcome.MALFORMED, response.status(), "empty body, expected JSON");
      }
      return root;
    } catch (JacksonException e) {
      throw new UpstreamException(
          endpoint,
          Outcome.MALFORMED,
          response.status(),
          "body is not valid JSON: " + key.scrub(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UpstreamException(
          endpoint,
          Outcome.MALFORMED,
          response.status(),
          "body could not be read: " + key.scrub(e.getMessage()));
    }
  }

  /** The text of field {@code name}: a string (trimmed, non-blank) or a number's exact digits. */
  static Optional<String> text(JsonNode parent, String name) {
    JsonNode node = parent.path(name);
    if (node.isTextual()) {
      String s = node.textValue().trim();
      return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }
    if (node.isIntegralNumber()) {
      return Optional.of(node.bigIntegerValue().toString());
    }
    if (node.isNumber()) {
      return Optional.of(node.decimalValue().toPlainString());
    }
    return Optional.empty();
  }

  /** Field {@code name} as a finite number, from a JSON number or a numeric string. */
  static OptionalDouble number(JsonNode parent, String name) {
    JsonNode node = parent.path(name);
    try {
      BigDecimal value;
      if (node.isNumber()) {
        value = node.decimalValue();
      } else if (node.isTextual() && !node.textValue().isBlank()) {
        value = new BigDecimal(node.textValue().trim());
      } else {
        return OptionalDouble.empty();
      }
      double d = value.doubleValue();
      return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    } catch (NumberFormatException e) {
      throw new MalformedWire(name + " is not a number: " + abbreviate(node.asText()));
    }
  }

  /**
   * Field {@code name} as an exact 64-bit integer, from a JSON integer, an integral JSON decimal or
   * a numeric string; never through a {@code double}, so values above 2^53 survive.
   */
  static OptionalLong exactLong(JsonNode parent, String name) {
    JsonNode node = parent.path(name);
    if (node.isMissingNode() || node.isNull()) {
      return OptionalLong.empty();
    }
    try {
      BigDecimal value;
      if (node.isIntegralNumber()) {
        value = new BigDecimal(node.bigIntegerValue());
      } else if (node.isNumber()) {
        value = node.decimalValue();
      } else if (node.isTextual()) {
        value = new BigDecimal(node.textValue().trim());
      } else {
        throw new MalformedWire(name + " is not an integer: " + abbreviate(node.toString()));
      }
      return OptionalLong.of(value.longValueExact());
    } catch (NumberFormatException | ArithmeticException e) {
      throw new MalformedWire(name + " is not a 64-bit integer: " + abbreviate(node.asText()));
    }
  }

  /**
   * Field {@code name} as an instant: ISO-8601 text with an offset or {@code Z}, ISO-8601 text
   * without one (read as UTC), or a number of epoch seconds.
   */
  static Optional<Instant> instant(JsonNode parent, String name) {
    JsonNode node = parent.path(name);
    if (node.isNumber()) {
      BigDecimal seconds = node.decimalValue();
      long whole = seconds.longValue();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      return Optional.of(Instant.ofEpochSecond(whole, nanos));
    }
    if (!node.isTextual() || node.textValue().isBlank()) {
      return Optional.empty();
    }
    String s = node.textValue().trim();
    try {
      return Optional.of(OffsetDateTime.parse(s).toInstant());
    } catch (DateTimeParseException withOffset) {
      try {
        return Optional.of(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
      } catch (DateTimeParseException withoutOffset) {
        throw new MalformedWire(name + " is not an ISO-8601 time: " + abbreviate(s));
      }
    }
  }

  /** {@code s} cut to a length fit for a log line or message. */
  static String abbreviate(String s) {
    return s.length() <= 60 ? '"' + s + '"' : '"' + s.substring(0, 60) + "...\"";
  }
}
