package io.marketgate.upstream.binance;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.UpstreamRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The Binance spot REST adapter for market data: depth snapshots and the request-weight limit.
 * Every call goes through the {@link UpstreamClient}'s budget (use {@code BudgetConfig.binance()}:
 * weight per minute, corrected from {@code X-MBX-USED-WEIGHT-1M}; 429 and 418 honour {@code
 * Retry-After}, 418 opens the circuit). Thread-safe; holds no resources.
 */
public final class BinanceRest {

  /*
   * Weights (upstream-apis.md §3.3): depth by limit 1-100 -> 5, 101-500 -> 25, 501-1000 -> 50,
   * 1001-5000 -> 250; exchangeInfo for one symbol 20 (the current figure; older copies say 10:
   * charging more is the safe side). The REQUEST_WEIGHT per minute differs between doc copies
   * (1200 vs 6000), so requestWeightPerMinute() reads it from exchangeInfo at runtime.
   */

  /** Endpoint label of {@code GET /api/v3/depth}. */
  public static final String DEPTH = "binance.depth";

  /** Endpoint label of {@code GET /api/v3/exchangeInfo}. */
  public static final String EXCHANGE_INFO = "binance.exchange_info";

  /** The default snapshot depth, levels per side (weight 50). */
  public static final int DEFAULT_DEPTH_LIMIT = 1_000;

  /** The largest snapshot depth Binance serves. */
  public static final int MAX_DEPTH_LIMIT = 5_000;

  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,30}");

  private final UpstreamClient client;

  private BinanceRest(UpstreamClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /** An adapter over {@code client}, whose base URI is the REST host, e.g. api.binance.com. */
  public static BinanceRest create(UpstreamClient client) {
    return new BinanceRest(client);
  }

  /** The request weight of a depth snapshot of {@code limit} levels. */
  public static int depthWeight(int limit) {
    requireLimit(limit);
    if (limit <= 100) {
      return 5;
    }
    if (limit <= 500) {
      return 25;
    }
    if (limit <= 1_000) {
      return 50;
    }
    return 250;
  }

  /** The depth snapshot of {@code symbol} with at most {@code limit} levels per side. */
  public DepthSnapshot depth(String symbol, int limit) {
    String s = requireSymbol(symbol);
    requireLimit(limit);
    UpstreamRequest request =
        UpstreamRequest.get(
            DEPTH,
            client.resolve("/api/v3/depth?symbol=" + s + "&limit=" + limit),
            depthWeight(limit));
    return client.send(
        request,
        r -> {
          try {
            return BinanceJson.snapshot(s, r.body());
          } catch (BinanceJson.Malformed e) {
            throw new UpstreamException(DEPTH, Outcome.MALFORMED, r.status(), e.getMessage(), e);
          }
        });
  }

  /**
   * The {@code REQUEST_WEIGHT} limit per minute from {@code exchangeInfo} (asked for {@code symbol}
   * to keep the answer small); empty when the answer lists none.
   */
  public OptionalLong requestWeightPerMinute(String symbol) {
    String s = requireSymbol(symbol);
    UpstreamRequest request =
        UpstreamRequest.get(EXCHANGE_INFO, client.resolve("/api/v3/exchangeInfo?symbol=" + s), 20);
    return client.send(
        request,
        r -> {
          JsonNode root;
          try {
            root = BinanceJson.MAPPER.readTree(r.body());
          } catch (IOException e) {
            throw new UpstreamException(
                EXCHANGE_INFO, Outcome.MALFORMED, r.status(), "exchangeInfo is not JSON", e);
          }
          for (JsonNode limit : root.path("rateLimits")) {
            if ("REQUEST_WEIGHT".equals(limit.path("rateLimitType").asText())
                && limit.path("limit").canConvertToLong()) {
              long perInterval = limit.path("limit").asLong();
              long minutes = minutes(limit);
              if (perInterval > 0 && minutes > 0) {
                return OptionalLong.of(perInterval / minutes);
              }
            }
          }
          return OptionalLong.empty();
        });
  }

  private static long minutes(JsonNode limit) {
    long n = Math.max(1, limit.path("intervalNum").asLong(1));
    return switch (limit.path("interval").asText("").toUpperCase(Locale.ROOT)) {
      case "MINUTE" -> n;
      case "HOUR" -> n * 60;
      case "DAY" -> n * 1_440;
      default -> 0;
    };
  }

  /** {@code symbol} upper-cased and checked: 2 to 30 letters or digits. */
  static String requireSymbol(String symbol) {
    if (symbol == null || symbol.isBlank()) {
      throw new IllegalArgumentException("Binance symbol is missing or blank");
    }
    String s = symbol.strip().toUpperCase(Locale.ROOT);
    if (!SYMBOL.matcher(s).matches()) {
      throw new IllegalArgumentException(
          "Binance symbol must be 2 to 30 letters or digits, like BTCUSDT, but was \""
              + (symbol.length() > 40 ? symbol.substring(0, 40) + "..." : symbol)
              + "\"");
    }
    return s;
  }

  private static void requireLimit(int limit) {
    if (limit < 1 || limit > MAX_DEPTH_LIMIT) {
      throw new IllegalArgumentException(
          "depth limit must be 1 to " + MAX_DEPTH_LIMIT + ", was " + limit);
    }
  }

  @Override
  public String toString() {
    return "BinanceRest[" + client.baseUri() + "]";
  }
}
