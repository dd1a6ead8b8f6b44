package io.marketgate.server.http;

import io.marketgate.model.MarketKey;
import io.marketgate.model.ModelException;
import io.marketgate.model.Venue;
import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * One request after routing: the exchange, the matched route, and its strictly decoded path and
 * query parameters, with typed getters that answer 400 naming the parameter. Used by one thread at
 * a time.
 */
final class Call {

  /*
   * Undertow runs with DECODE_URL off, so the path and query reach us raw and we decode them
   * ourselves: a malformed escape (%zz, a truncated %4, bytes that are not UTF-8) becomes a JSON 400
   * naming the part instead of Undertow's bare 400. The path is split on '/' before decoding, so an
   * encoded slash (%2F) stays inside its segment.
   */

  /** Longest query string accepted, in chars. */
  static final int MAX_QUERY_CHARS = 4_096;

  final HttpServerExchange exchange;
  final Router.Route route;
  final Map<String, String> path;
  final Map<String, String> query;

  Call(
      HttpServerExchange exchange,
      Router.Route route,
      Map<String, String> path,
      Map<String, String> query) {
    this.exchange = exchange;
    this.route = route;
    this.path = path;
    this.query = query;
  }

  /** A path parameter of the route (always present after a match). */
  String path(String name) {
    return path.get(name);
  }

  /** A query parameter, if given. */
  Optional<String> query(String name) {
    return Optional.ofNullable(query.get(name));
  }

  /** An integer query parameter in {@code [min, max]}, or {@code fallback} when absent. */
  int intQuery(String name, int fallback, int min, int max) {
    Optional<String> text = query(name);
    if (text.isEmpty()) {
      return fallback;
    }
    long v = parseLong(name, text.get());
    if (v < min || v > max) {
      throw ApiError.badParameter(
          name, name + " must be between " + min + " and " + max + ", was " + v);
    }
    return (int) v;
  }

  /** The {@code max_age_ms} parameter: answers older than this become 503 errors. */
  OptionalLong maxAgeMillis() {
    Optional<String> text = query("max_age_ms");
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    long v = parseLong("max_age_ms", text.get());
    if (v < 0) {
      throw ApiError.badParameter("max_age_ms", "max_age_ms must not be negative, was " + v);
    }
    return OptionalLong.of(v);
  }

  /** The {@code {venue}} path parameter as a venue. */
  Venue venue() {
    return venue("venue", path("venue"));
  }

  /** The {@code {venue}/{ticker}} path parameters as a market key. */
  MarketKey marketKey() {
    Venue venue = venue();
    try {
      return new MarketKey(venue, path("ticker"));
    } catch (ModelException e) {
      throw ApiError.badParameter("ticker", e.getMessage());
    }
  }

  /** {@code text} as a venue, or a 400 naming {@code parameter} and listing the valid ids. */
  static Venue venue(String parameter, String text) {
    try {
      return Venue.parse(text);
    } catch (ModelException e) {
      throw ApiError.badParameter(parameter, parameter + ": " + e.getMessage());
    }
  }

  private static long parseLong(String name, String text) {
    int first = text.startsWith("-") ? 1 : 0;
    int digits = text.length() - first;
    if (digits < 1 || digits > 18 || !digitsOnly(text, first)) {
      throw ApiError.badParameter(
          name, name + " must be a whole number, was \"" + shorten(text) + "\"");
    }
    return Long.parseLong(text);
  }

  private static boolean digitsOnly(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The raw path split on '/' (after the leading one) and each segment percent-decoded. */
  static List<String> decodePath(String rawPath) {
    if (!rawPath.startsWith("/")) {
      throw ApiError.badParameter("path", "the path must start with '/'");
    }
    String[] raw = rawPath.substring(1).split("/", -1);
    List<String> out = new ArrayList<>(raw.length);
    for (int i = 0; i < raw.length; i++) {
      out.add(decode(raw[i], false, "path", "path segment " + (i + 1)));
    }
    return out;
  }

  /**
   * The raw query string parsed into decoded parameters; unknown, repeated or malformed ones are
   * 400 errors naming them.
   */
  static Map<String, String> parseQuery(String raw, java.util.Set<String> allowed) {
    Map<String, String> out = new TreeMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    if (raw.length() > MAX_QUERY_CHARS) {
      throw ApiError.badParameter(
          "query", "the query string is longer than " + MAX_QUERY_CHARS + " chars");
    }
    for (String pair : raw.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      String name = decode(rawName, true, "query", "a query parameter name");
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true, name, "parameter " + name);
      if (!allowed.contains(name)) {
        throw ApiError.badParameter(
            name,
            "unknown parameter \""
                + shorten(name)
                + "\"; this route accepts "
                + (allowed.isEmpty() ? "no parameters" : new java.util.TreeSet<>(allowed)));
      }
      if (out.put(name, value) != null) {
        throw ApiError.badParameter(name, "parameter " + name + " is given more than once");
      }
    }
    return out;
  }

  /** Strict percent-decoding into UTF-8; {@code plusIsSpace} for query parts. */
  static String decode(String raw, boolean plusIsSpace, String parameter, String what) {
    if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw ApiError.badParameter(
              parameter,
              what
                  + " has a malformed percent-encoding at index "
                  + i
                  + " (expected %XX with two hex digits)");
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.badParameter(parameter, what + " does not decode to UTF-8 text");
    }
  }

  /** {@code text} cut to 60 chars for quoting in messages. */
  static String shorten(String text) {
    String s = text.length() <= 60 ? text : text.substring(0, 60) + "...";
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return b.toString();
  }
}
