package io.marketgate.upstream.record;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides what of an exchange may be written to a recording: drops credential headers and masks
 * credential query parameters. Stateless.
 */
final class SecretFilter {

  /** What a masked query value is replaced with. */
  static final String REDACTED = "REDACTED";

  /*
   * Headers: a name is secret when it contains one of HEADER_FRAGMENTS (lower case). A deny list
   * chosen wide on purpose: dropping a harmless header from a recording costs nothing, writing a
   * key costs a rotation. It covers Kalshi (KALSHI-ACCESS-KEY/-SIGNATURE/-TIMESTAMP), Polymarket
   * (POLY_API_KEY, POLY_SIGNATURE, POLY_PASSPHRASE), Binance (X-MBX-APIKEY) and the generic
   * Authorization, Cookie, Set-Cookie and *token* names.
   *
   * Query parameters are matched more narrowly, because their values are the replay key and
   * venues use names like token_id (Polymarket's asset id) that are data, not credentials: the
   * name with '-' and '_' removed, lower case, must be one of QUERY_NAMES or end with one of
   * QUERY_SUFFIXES (apiKey, api_key, signature, access_token, client_secret, ...).
   */
  private static final List<String> HEADER_FRAGMENTS =
      List.of(
          "auth",
          "key",
          "signature",
          "secret",
          "token",
          "passphrase",
          "password",
          "cookie",
          "credential",
          "kalshi-access",
          "poly_");

  private static final Set<String> QUERY_NAMES =
      Set.of("key", "token", "auth", "sig", "credential", "credentials", "session");

  private static final List<String> QUERY_SUFFIXES =
      List.of(
          "apikey",
          "accesskey",
          "secretkey",
          "privatekey",
          "secret",
          "signature",
          "password",
          "passphrase",
          "accesstoken",
          "authtoken",
          "sessiontoken",
          "refreshtoken",
          "idtoken",
          "authorization");

  private SecretFilter() {}

  /** Whether a header called {@code name} may carry a credential. */
  static boolean isSecretHeader(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String fragment : HEADER_FRAGMENTS) {
      if (n.contains(fragment)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a query parameter called {@code name} may carry a credential. */
  static boolean isSecretParameter(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    if (QUERY_NAMES.contains(n)) {
      return true;
    }
    for (String suffix : QUERY_SUFFIXES) {
      if (n.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /** {@code headers} without the secret ones, in their order. */
  static <V> Map<String, V> headers(Map<String, V> headers) {
    Map<String, V> out = new LinkedHashMap<>();
    headers.forEach(
        (k, v) -> {
          if (!isSecretHeader(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  /**
   * The raw query string with the values of secret parameters replaced by {@value #REDACTED}; empty
   * for none.
   */
  static String query(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(rawQuery.length());
    for (String pair : rawQuery.split("&", -1)) {
      if (!out.isEmpty()) {
        out.append('&');
      }
      int eq = pair.indexOf('=');
      String rawName = eq < 0 ? pair : pair.substring(0, eq);
      if (isSecretParameter(URLDecoder.decode(rawName, StandardCharsets.UTF_8))) {
        out.append(rawName).append('=').append(REDACTED);
      } else {
        out.append(pair);
      }
    }
    return out.toString();
  }
}
