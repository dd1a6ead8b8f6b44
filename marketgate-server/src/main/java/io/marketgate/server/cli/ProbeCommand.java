package io.marketgate.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.cache.Clock;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.OddsEvent;
import io.marketgate.server.api.ModelJson;
import io.marketgate.upstream.BudgetConfig;
import io.marketgate.upstream.RequestSigner;
import io.marketgate.upstream.TokenBucketBudget;
import io.marketgate.upstream.Transport;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.UpstreamResponse;
import io.marketgate.upstream.kalshi.KalshiEnvironment;
import io.marketgate.upstream.kalshi.KalshiEvent;
import io.marketgate.upstream.kalshi.KalshiMarket;
import io.marketgate.upstream.kalshi.KalshiRest;
import io.marketgate.upstream.kalshi.KalshiSigner;
import io.marketgate.upstream.odds.OddsApiFeed;
import io.marketgate.upstream.odds.OddsApiResult;
import io.marketgate.upstream.odds.OddsFormat;
import io.marketgate.upstream.odds.UnabatedFeed;
import io.marketgate.upstream.odds.UnabatedState;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code marketgate probe VENUE WHAT [ARGS]}: one upstream call through the real adapter and
 * budget, with the normalized result as JSON on stdout and each HTTP exchange's status and latency
 * on stderr. Meant for people checking a venue, and for proving that the adapters read the real
 * formats.
 */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = "Calls one upstream endpoint through the real adapter and prints the result.",
    subcommands = {
      ProbeCommand.Kalshi.class,
      PolymarketProbe.class,
      ProbeCommand.OddsApi.class,
      ProbeCommand.Unabated.class,
      BinanceProbe.class
    })
final class ProbeCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a venue: kalshi, polymarket, binance, odds-api or unabated");
  }

  /** Options every probe takes. */
  static final class Common {
    @Option(
        names = "--base-url",
        scope = CommandLine.ScopeType.INHERIT,
        description = "Root of the venue's API (default: production).")
    URI baseUrl;

    @Option(
        names = "--config",
        scope = CommandLine.ScopeType.INHERIT,
        description = "Gateway configuration: base URL, tier and credentials come from it.")
    Path config;

    /** The upstreams section of {@code --config}, when given. */
    Optional<io.marketgate.server.config.UpstreamsConfig> upstreams(
        CommandLine.Model.CommandSpec spec) {
      if (config == null) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            io.marketgate.server.config.GatewayConfig.load(config, System.getenv()).upstreams());
      } catch (io.marketgate.server.config.ConfigException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), config + " is not valid: " + String.join("; ", e.problems()));
      }
    }

    /** The client for {@code name}, whose exchanges are reported on stderr. */
    UpstreamClient client(
        String name, URI defaultBase, BudgetConfig budget, RequestSigner signer, PrintWriter err) {
      URI base = baseUrl != null ? baseUrl : defaultBase;
      return UpstreamClient.builder(name, base)
          .budget(TokenBucketBudget.create(budget))
          .signer(signer)
          .transport(http -> reporting(http, err))
          .build();
    }

    /** Prints {@code node} as JSON on stdout. */
    static int print(CommandLine.Model.CommandSpec spec, JsonNode node) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(ModelJson.text(node));
      out.flush();
      return 0;
    }

    private static Transport reporting(Transport http, PrintWriter err) {
      return request -> {
        try {
          UpstreamResponse r = http.send(request);
          err.printf(
              Locale.ROOT,
              "%s %s -> %d in %d ms%n",
              request.method(),
              request.uri().getPath(),
              r.status(),
              r.latency().toMillis());
          err.flush();
          return r;
        } catch (UpstreamException e) {
          err.printf(
              Locale.ROOT,
              "%s %s -> %s%n",
              request.method(),
              request.uri().getPath(),
              e.outcome().label());
          err.flush();
          throw e;
        }
      };
    }
  }

  /** {@code probe kalshi …}. */
  @Command(
      name = "kalshi",
      mixinStandardHelpOptions = true,
      description = "Kalshi Trade API v2 (REST).")
  static final class Kalshi {

    @Mixin Common common;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--key-id",
        scope = CommandLine.ScopeType.INHERIT,
        description = "API key id (default: env KALSHI_KEY_ID); requests are signed when set.")
    String keyId;

    @Option(
        names = "--private-key-file",
        scope = CommandLine.ScopeType.INHERIT,
        description = "PEM private key, PKCS#1 or PKCS#8 (default: env KALSHI_PRIVATE_KEY_FILE).")
    Path privateKeyFile;

    @Option(
        names = "--tier",
        scope = CommandLine.ScopeType.INHERIT,
        description = "Rate tier: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
        defaultValue = "BASIC")
    BudgetConfig.KalshiTier tier;

    /** {@code probe kalshi orderbook TICKER}. */
    @Command(name = "orderbook", description = "One market's order book, best levels first.")
    int orderbook(
        @Parameters(paramLabel = "TICKER") String ticker,
        @Option(names = "--depth", defaultValue = "0", description = "Levels per side (0 = all).")
            int depth) {
      BinaryBook book = rest().orderbook(ticker, depth);
      return Common.print(spec, ModelJson.binaryBook("kalshi", ticker, book));
    }

    /** {@code probe kalshi orderbooks TICKER…}. */
    @Command(name = "orderbooks", description = "Several books in batch calls (100 per call).")
    int orderbooks(@Parameters(paramLabel = "TICKER", arity = "1..*") List<String> tickers) {
      Map<String, BinaryBook> books = rest().orderbooks(tickers);
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      books.forEach((t, b) -> a.add(ModelJson.binaryBook("kalshi", t, b)));
      return Common.print(spec, a);
    }

    /** {@code probe kalshi market TICKER}. */
    @Command(name = "market", description = "One market.")
    int market(@Parameters(paramLabel = "TICKER") String ticker) {
      KalshiMarket m = rest().market(ticker);
      return Common.print(spec, ModelJson.value(m));
    }

    /** {@code probe kalshi markets [--event E] [--series S] [--status S]}. */
    @Command(name = "markets", description = "Markets matching the filters, every page.")
    int markets(
        @Option(names = "--event", description = "Event ticker(s), comma-separated (≤ 10).")
            List<String> events,
        @Option(names = "--series", description = "Series ticker, e.g. KXNBAGAME.") String series,
        @Option(names = "--status", description = "unopened|open|paused|closed|settled")
            String status) {
      KalshiRest.MarketQuery q = KalshiRest.MarketQuery.all();
      if (events != null) {
        q = q.eventTickers(events.stream().flatMap(e -> List.of(e.split(",")).stream()).toList());
      }
      if (series != null) {
        q = q.seriesTicker(series);
      }
      if (status != null) {
        q = q.status(status);
      }
      List<KalshiMarket> markets = rest().markets(q);
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      markets.forEach(m -> a.add(ModelJson.value(m)));
      return Common.print(spec, a);
    }

    /** {@code probe kalshi events [--series S] [--status S]}. */
    @Command(name = "events", description = "Events with their markets, every page.")
    int events(
        @Option(names = "--series", description = "Series ticker, e.g. KXNBAGAME.") String series,
        @Option(names = "--status", description = "unopened|open|closed|settled") String status) {
      KalshiRest.EventQuery q = KalshiRest.EventQuery.all().withNestedMarkets(true);
      if (series != null) {
        q = q.seriesTicker(series);
      }
      if (status != null) {
        q = q.status(status);
      }
      List<KalshiEvent> events = rest().events(q);
      ArrayNode a = JsonNodeFactory.instance.arrayNode();
      events.forEach(e -> a.add(ModelJson.value(e)));
      return Common.print(spec, a);
    }

    private KalshiRest rest() {
      PrintWriter err = spec.commandLine().getErr();
      Optional<io.marketgate.server.config.KalshiConfig> configured =
          common.upstreams(spec).flatMap(io.marketgate.server.config.UpstreamsConfig::kalshi);
      if (configured.isPresent()) {
        io.marketgate.server.config.KalshiConfig k = configured.get();
        RequestSigner signer =
            k.credentials()
                .<RequestSigner>map(
                    c ->
                        KalshiSigner.fromPem(c.keyId(), c.privateKeyPem().reveal(), Clock.system()))
                .orElseGet(this::signer);
        return KalshiRest.create(common.client("kalshi", k.restUrl(), k.budget(), signer, err));
      }
      return KalshiRest.create(
          common.client(
              "kalshi",
              KalshiEnvironment.PROD.restBase(),
              BudgetConfig.kalshi(tier),
              signer(),
              err));
    }

    private RequestSigner signer() {
      String id = keyId != null ? keyId : System.getenv("KALSHI_KEY_ID");
      Path keyFile = privateKeyFile;
      if (keyFile == null && System.getenv("KALSHI_PRIVATE_KEY_FILE") != null) {
        keyFile = Path.of(System.getenv("KALSHI_PRIVATE_KEY_FILE"));
      }
      if (id == null && keyFile == null) {
        return RequestSigner.none();
      }
      if (id == null || keyFile == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "signing needs both a key id (--key-id or KALSHI_KEY_ID) and a private key file"
                + " (--private-key-file or KALSHI_PRIVATE_KEY_FILE)");
      }
      return KalshiSigner.fromPem(id, readSecret(spec, keyFile, "private key"), Clock.system());
    }
  }

  /** {@code probe odds-api …}. */
  @Command(name = "odds-api", mixinStandardHelpOptions = true, description = "The Odds API v4.")
  static final class OddsApi {

    @Mixin Common common;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--api-key-file",
        scope = CommandLine.ScopeType.INHERIT,
        description = "File holding the API key (default: env ODDS_API_KEY).")
    Path apiKeyFile;

    /** {@code probe odds-api odds SPORT}. */
    @Command(name = "odds", description = "Odds of every upcoming event of a sport.")
    int odds(
        @Parameters(paramLabel = "SPORT", description = "e.g. basketball_nba") String sport,
        @Option(names = "--regions", split = ",", defaultValue = "us") List<String> regions,
        @Option(
                names = "--markets",
                split = ",",
                defaultValue = "MONEYLINE,SPREAD,TOTAL",
                description = "MONEYLINE,SPREAD,TOTAL")
            List<io.marketgate.model.MarketType> markets,
        @Option(names = "--format", defaultValue = "AMERICAN", description = "AMERICAN|DECIMAL")
            OddsFormat format) {
      Optional<io.marketgate.server.config.OddsApiConfig> configured =
          common.upstreams(spec).flatMap(io.marketgate.server.config.UpstreamsConfig::oddsApi);
      String key =
          configured.isPresent() && apiKeyFile == null
              ? configured.get().apiKey().reveal()
              : apiKey(spec, apiKeyFile, "ODDS_API_KEY");
      UpstreamClient client =
          common.client(
              "odds_api",
              configured
                  .map(io.marketgate.server.config.OddsApiConfig::baseUrl)
                  .orElse(URI.create("https://api.the-odds-api.com")),
              BudgetConfig.theOddsApi(),
              RequestSigner.none(),
              spec.commandLine().getErr());
      OddsApiFeed feed =
          OddsApiFeed.builder(client, key)
              .regions(regions)
              .markets(java.util.EnumSet.copyOf(markets))
              .oddsFormat(format)
              .build();
      OddsApiResult result = feed.fetch(sport);
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      ObjectNode quota = n.putObject("quota");
      result.quota().remaining().ifPresent(v -> quota.put("remaining", v));
      result.quota().used().ifPresent(v -> quota.put("used", v));
      result.quota().lastCost().ifPresent(v -> quota.put("last_cost", v));
      n.put("malformed_events", result.malformedEvents());
      n.put("malformed_lines", result.malformedLines());
      n.set("events", events(result.events()));
      return Common.print(spec, n);
    }
  }

  /** {@code probe unabated …}. */
  @Command(
      name = "unabated",
      mixinStandardHelpOptions = true,
      description = "Unabated-style game-odds feed.")
  static final class Unabated {

    @Mixin Common common;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--api-key-file",
        scope = CommandLine.ScopeType.INHERIT,
        description = "File holding the API key (default: env UNABATED_API_KEY).")
    Path apiKeyFile;

    /** {@code probe unabated snapshot}. */
    @Command(name = "snapshot", description = "The game-odds snapshot, normalized.")
    int snapshot() {
      Optional<io.marketgate.server.config.UnabatedConfig> configured =
          common.upstreams(spec).flatMap(io.marketgate.server.config.UpstreamsConfig::unabated);
      String key =
          configured.isPresent() && apiKeyFile == null
              ? configured.get().apiKey().reveal()
              : apiKey(spec, apiKeyFile, "UNABATED_API_KEY");
      UpstreamClient client =
          common.client(
              "unabated",
              configured
                  .map(io.marketgate.server.config.UnabatedConfig::baseUrl)
                  .orElse(URI.create("https://partner-api.unabated.com")),
              BudgetConfig.of("unabated", BudgetConfig.Limit.perSecond(1, 1)),
              RequestSigner.none(),
              spec.commandLine().getErr());
      UnabatedState state = UnabatedFeed.builder(client, key).build().snapshot();
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      state.lastTimestamp().ifPresent(t -> n.put("last_timestamp", t));
      n.put("malformed_items", state.malformedItems());
      n.put("rotation_conflicts", state.rotationConflicts());
      n.set("events", events(state.events()));
      return Common.print(spec, n);
    }
  }

  private static ArrayNode events(List<OddsEvent> events) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    events.forEach(e -> a.add(ModelJson.oddsEvent(e)));
    return a;
  }

  private static String apiKey(CommandLine.Model.CommandSpec spec, Path file, String env) {
    if (file != null) {
      return readSecret(spec, file, "API key");
    }
    return Optional.ofNullable(System.getenv(env))
        .filter(s -> !s.isBlank())
        .map(String::strip)
        .orElseThrow(
            () ->
                new CommandLine.ParameterException(
                    spec.commandLine(), "no API key: set " + env + " or pass --api-key-file"));
  }

  private static String readSecret(CommandLine.Model.CommandSpec spec, Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "cannot read the " + what + " file " + file + ": " + e.getMessage());
    }
  }
}
