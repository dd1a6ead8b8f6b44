package io.marketgate.upstream.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.UpstreamRequest;
import io.marketgate.upstream.UpstreamResponse;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The Polymarket CLOB REST market-data adapter: {@code GET /book}, {@code POST /books}, {@code GET
 * /price} and {@code GET /midpoint}, normalized into {@link PolymarketBook} and {@link BigDecimal}.
 * Every call goes through the {@link UpstreamClient}'s budget (configure {@link
 * io.marketgate.upstream.BudgetConfig#polymarketClob()}: the endpoint labels below are its
 * per-endpoint windows). Thread-safe; holds no resources.
 */
public final class PolymarketRest {

  /*
   * Batches: POST /books takes a JSON array of {"token_id": …}; the maximum per call is not
   * documented, so at most maxBatch (default 100) tokens go in one call. Results are matched by
   * their asset_id, never by position; a token the venue does not return is absent, an unrequested
   * one is ignored.
   *
   * /midpoint: the current reference answers {"mid_price": "0.45"}, older docs and SDKs {"mid":
   * "…"}; both are read, mid_price first. /price: BUY is the best bid and SELL the best ask, as the
   * API reference and the live wire say (one guide says the reverse).
   *
   * Malformed bodies (including the HTML bodies a Cloudflare 429 may carry in a 200's place) become
   * UpstreamException(MALFORMED) naming the endpoint and the field.
   */

  /** Endpoint label of {@code GET /book}. */
  public static final String BOOK = "polymarket.book";

  /** Endpoint label of {@code POST /books}. */
  public static final String BOOKS = "polymarket.books";

  /** Endpoint label of {@code GET /price}. */
  public static final String PRICE = "polymarket.price";

  /** Endpoint label of {@code GET /midpoint}. */
  public static final String MIDPOINT = "polymarket.midpoint";

  /** Default most tokens per {@code POST /books} call (the venue documents no maximum). */
  public static final int DEFAULT_MAX_BATCH = 100;

  private final UpstreamClient client;
  private final int maxBatch;

  private PolymarketRest(UpstreamClient client, int maxBatch) {
    this.client = Objects.requireNonNull(client, "client");
    if (maxBatch < 1 || maxBatch > 500) {
      throw new IllegalArgumentException("maxBatch must be 1 to 500, was " + maxBatch);
    }
    this.maxBatch = maxBatch;
  }

  /** An adapter over {@code client} (base URI {@code https://clob.polymarket.com}). */
  public static PolymarketRest create(UpstreamClient client) {
    return new PolymarketRest(client, DEFAULT_MAX_BATCH);
  }

  /** An adapter over {@code client} sending at most {@code maxBatch} tokens per batch call. */
  public static PolymarketRest create(UpstreamClient client, int maxBatch) {
    return new PolymarketRest(client, maxBatch);
  }

  /** The side argument of {@code GET /price}. */
  public enum PriceSide {
    /** The best bid (the price a seller gets), per the API reference and the wire. */
    BUY,
    /** The best ask (the price a buyer pays). */
    SELL
  }

  /** The book of outcome token {@code tokenId}. */
  public PolymarketBook book(String tokenId) {
    String t = requireToken(tokenId);
    PolymarketBook book = get(BOOK, "/book?token_id=" + encode(t), PolymarketJson::book);
    if (!book.assetId().equals(t)) {
      throw new UpstreamException(
          BOOK,
          Outcome.MALFORMED,
          200,
          "asked for the book of " + PolymarketJson.abbreviate(t) + " but got " + book.assetId());
    }
    return book;
  }

  /**
   * The books of {@code tokenIds}, keyed by token id in request order; a token the venue did not
   * return is absent. More than the batch size are fetched in several calls.
   */
  public Map<String, PolymarketBook> books(Collection<String> tokenIds) {
    Set<String> wanted = new LinkedHashSet<>();
    for (String t : Objects.requireNonNull(tokenIds, "tokenIds")) {
      wanted.add(requireToken(t));
    }
    List<String> all = new ArrayList<>(wanted);
    Map<String, PolymarketBook> found = new HashMap<>();
    for (int from = 0; from < all.size(); from += maxBatch) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + maxBatch));
      ArrayNode body = PolymarketJson.MAPPER.createArrayNode();
      chunk.forEach(t -> body.addObject().put("token_id", t));
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      Set<String> asked = Set.copyOf(chunk);
      found.putAll(
          client.send(
              UpstreamRequest.postJson(BOOKS, client.resolve("/books"), bytes, 1),
              r ->
                  parse(
                      BOOKS,
                      r,
                      root -> {
                        Map<String, PolymarketBook> m = new HashMap<>();
                        for (PolymarketBook b : PolymarketJson.books(root)) {
                          if (asked.contains(b.assetId())) {
                            m.put(b.assetId(), b);
                          }
                        }
                        return m;
                      })));
    }
    Map<String, PolymarketBook> out = new LinkedHashMap<>();
    for (String t : all) {
      PolymarketBook b = found.get(t);
      if (b != null) {
        out.put(t, b);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** {@code GET /price}: the best bid ({@link PriceSide#BUY}) or best ask ({@code SELL}). */
  public BigDecimal price(String tokenId, PriceSide side) {
    String t = requireToken(tokenId);
    Objects.requireNonNull(side, "side");
    return get(
        PRICE,
        "/price?token_id=" + encode(t) + "&side=" + side.name(),
        root ->
            PolymarketJson.decimal(requireObject(root), "price")
                .orElseThrow(() -> new PolymarketJson.Malformed("field 'price' is missing")));
  }

  /** {@code GET /midpoint}: the mid price, read from {@code mid_price} or the older {@code mid}. */
  public BigDecimal midpoint(String tokenId) {
    String t = requireToken(tokenId);
    return get(
        MIDPOINT,
        "/midpoint?token_id=" + encode(t),
        root -> {
          JsonNode o = requireObject(root);
          return PolymarketJson.decimal(o, "mid_price")
              .or(() -> PolymarketJson.decimal(o, "mid"))
              .orElseThrow(
                  () -> new PolymarketJson.Malformed("neither 'mid_price' nor 'mid' is present"));
        });
  }

  private static JsonNode requireObject(JsonNode root) {
    if (!root.isObject()) {
      throw new PolymarketJson.Malformed("answer is not an object but " + root.getNodeType());
    }
    return root;
  }

  private <T> T get(String endpoint, String pathAndQuery, Function<JsonNode, T> mapper) {
    return client.send(
        UpstreamRequest.get(endpoint, client.resolve(pathAndQuery), 1),
        r -> parse(endpoint, r, mapper));
  }

  private static <T> T parse(String endpoint, UpstreamResponse r, Function<JsonNode, T> mapper) {
    try {
      return mapper.apply(PolymarketJson.parse(r.body()));
    } catch (PolymarketJson.Malformed | IllegalArgumentException e) {
      throw new UpstreamException(endpoint, Outcome.MALFORMED, r.status(), e.getMessage(), e);
    }
  }

  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String requireToken(String tokenId) {
    if (tokenId == null || tokenId.isBlank()) {
      throw new IllegalArgumentException("Polymarket token id is missing or blank");
    }
    String t = tokenId.strip();
    if (t.length() > 200 || t.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException(
          "Polymarket token id must be at most 200 characters without spaces: "
              + PolymarketJson.quote(t));
    }
    return t;
  }

  @Override
  public String toString() {
    return "PolymarketRest[" + client + "]";
  }
}
