package io.marketgate.upstream.odds;

import io.marketgate.model.MarketType;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.UpstreamRequest;
import io.marketgate.upstream.UpstreamResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Odds API v4 odds of one sport ({@code GET /v4/sports/{sport}/odds}), normalized to {@link
 * io.marketgate.model.OddsEvent}s, with the credits the call left. Every call goes through the
 * client's budget under the endpoint label {@value #ENDPOINT}. Stateless after building;
 * thread-safe.
 *
 * <p>Cost of a call, in credits: {@code markets × regions}, where a bookmaker list (which takes
 * precedence over regions and is then sent instead of them) counts one region per started group of
 * 10 bookmakers. The cost is declared on the request so that a credit budget can account for it.
 */
public final class OddsApiFeed {

  /*
   * The API key is a query parameter (The Odds API has no header form). It lives only in the URI of
   * the UpstreamRequest, whose toString prints the path alone; every exception that leaves fetch is
   * scrubbed by ApiKey, and nothing here logs a URI.
   */

  /** The endpoint label of the odds call, for counters and errors. */
  public static final String ENDPOINT = "odds_api.odds";

  private static final Pattern SLUG = Pattern.compile("[a-z0-9_]+");

  private final UpstreamClient client;
  private final ApiKey apiKey;
  private final List<String> regions;
  private final Set<MarketType> markets;
  private final List<String> bookmakers;
  private final OddsFormat format;
  private final Duration timeout;
  private final OddsApiMapper mapper;

  private OddsApiFeed(Builder b) {
    this.client = b.client;
    this.apiKey = b.apiKey;
    this.regions = b.regions;
    this.markets = b.markets;
    this.bookmakers = b.bookmakers;
    this.format = b.format;
    this.timeout = b.timeout;
    this.mapper = new OddsApiMapper(b.format);
  }

  /** A builder of a feed that calls The Odds API through {@code client} with {@code apiKey}. */
  public static Builder builder(UpstreamClient client, String apiKey) {
    return new Builder(client, apiKey);
  }

  /**
   * Fetches and normalizes the odds of {@code sport} (a sport key such as {@code basketball_nba}).
   *
   * @throws UpstreamException from the budget when no 2xx answer came (401, 429, 5xx, timeout), or
   *     with outcome {@code MALFORMED} when the body is not a JSON array of events
   */
  public OddsApiResult fetch(String sport) {
    requireSlug("sport", sport);
    UpstreamRequest request =
        UpstreamRequest.get(ENDPOINT, client.resolve(pathAndQuery(sport)), cost())
            .withTimeout(timeout);
    try {
      // Parsing the JSON inside the attempt lets the budget count and retry an unreadable body.
      Answer answer =
          client.send(
              request,
              r ->
                  new Answer(
                      r,
                      OddsApiMapper.requireArray(
                          ENDPOINT, r.status(), WireJson.parse(ENDPOINT, r, apiKey))));
      OddsApiMapper.Mapped mapped =
          mapper.map(ENDPOINT, answer.response().status(), answer.root(), sport);
      return new OddsApiResult(
          mapped.events(),
          OddsApiQuota.of(answer.response()),
          mapped.malformedEvents(),
          mapped.malformedLines());
    } catch (UpstreamException e) {
      throw apiKey.scrub(e);
    }
  }

  /** A 2xx answer with its parsed body. */
  private record Answer(UpstreamResponse response, com.fasterxml.jackson.databind.JsonNode root) {}

  /** The credits one call costs: markets × regions (bookmakers count one region per 10). */
  public int cost() {
    int regionCount = bookmakers.isEmpty() ? regions.size() : (bookmakers.size() + 9) / 10;
    return markets.size() * regionCount;
  }

  /** The path and query of the odds call of {@code sport}, key included. */
  String pathAndQuery(String sport) {
    StringBuilder q = new StringBuilder("/v4/sports/").append(sport).append("/odds");
    q.append("?apiKey=").append(apiKey.queryValue());
    if (bookmakers.isEmpty()) {
      q.append("&regions=").append(joined(regions));
    } else {
      q.append("&bookmakers=").append(joined(bookmakers));
    }
    q.append("&markets=")
        .append(
            markets.stream().map(OddsApiMapper.MARKET_KEYS::get).collect(Collectors.joining(",")));
    q.append("&oddsFormat=").append(format.wireValue());
    q.append("&dateFormat=iso");
    return q.toString();
  }

  private static String joined(List<String> values) {
    return values.stream()
        .map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8))
        .collect(Collectors.joining(","));
  }

  private static String requireSlug(String what, String value) {
    if (value == null || !SLUG.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "OddsApiFeed: "
              + what
              + " must match [a-z0-9_]+ but was "
              + (value == null ? "null" : WireJson.abbreviate(value)));
    }
    return value;
  }

  @Override
  public String toString() {
    return "OddsApiFeed[" + ENDPOINT + ", " + format.wireValue() + ", cost " + cost() + "]";
  }

  /** Configures and builds an {@link OddsApiFeed}. */
  public static final class Builder {
    private final UpstreamClient client;
    private final ApiKey apiKey;
    private List<String> regions = List.of("us");
    private Set<MarketType> markets = Collections.unmodifiableSet(EnumSet.allOf(MarketType.class));
    private List<String> bookmakers = List.of();
    private OddsFormat format = OddsFormat.AMERICAN;
    private Duration timeout = UpstreamRequest.DEFAULT_TIMEOUT;

    private Builder(UpstreamClient client, String apiKey) {
      this.client = Objects.requireNonNull(client, "client");
      this.apiKey = new ApiKey(apiKey);
    }

    /**
     * The regions to price ({@code us}, {@code uk}, {@code eu}, {@code au}…; default {@code us}).
     */
    public Builder regions(List<String> regions) {
      if (regions.isEmpty()) {
        throw new IllegalArgumentException("OddsApiFeed: regions must not be empty");
      }
      regions.forEach(r -> requireSlug("region", r));
      this.regions = List.copyOf(regions);
      return this;
    }

    /** The market types to ask for (default all three: h2h, spreads, totals). */
    public Builder markets(Set<MarketType> markets) {
      if (markets.isEmpty()) {
        throw new IllegalArgumentException("OddsApiFeed: markets must not be empty");
      }
      this.markets = Collections.unmodifiableSet(EnumSet.copyOf(markets));
      return this;
    }

    /** Bookmaker keys to ask for instead of regions (default none: use regions). */
    public Builder bookmakers(List<String> bookmakers) {
      bookmakers.forEach(b -> requireSlug("bookmaker", b));
      this.bookmakers = List.copyOf(bookmakers);
      return this;
    }

    /** The price format to ask for and read (default American). */
    public Builder oddsFormat(OddsFormat format) {
      this.format = Objects.requireNonNull(format, "format");
      return this;
    }

    /** How long one attempt may take (default {@link UpstreamRequest#DEFAULT_TIMEOUT}). */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Builds the feed. */
    public OddsApiFeed build() {
      return new OddsApiFeed(this);
    }
  }
}
