package io.marketgate.server.config;

import com.fasterxml.jackson.databind.node.MissingNode;
import io.marketgate.cache.Clock;
import io.marketgate.model.DeVigMethod;
import io.marketgate.model.MarketType;
import io.marketgate.upstream.BudgetConfig.KalshiTier;
import io.marketgate.upstream.kalshi.KalshiEnvironment;
import io.marketgate.upstream.kalshi.KalshiSigner;
import io.marketgate.upstream.odds.UnabatedSideConvention;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schema of the configuration file: reads every key of a parsed document with its default and
 * checks, then the rules that span keys. The defaults here are the ones {@code
 * docs/configuration.md} lists.
 */
final class GatewayConfigReader {

  static final List<String> DEFAULT_SERIES = List.of("KXNBAGAME", "KXNBASPREAD", "KXNBATOTAL");
  static final URI ODDS_API_URL = URI.create("https://api.the-odds-api.com");
  static final URI UNABATED_URL = URI.create("https://partner-api.unabated.com");
  static final URI BINANCE_REST_URL = URI.create("https://api.binance.com");
  static final URI BINANCE_STREAM_URL = URI.create("wss://stream.binance.com:9443");
  static final List<String> BINANCE_SYMBOLS = List.of("BTCUSDT", "ETHUSDT");

  private static final Pattern TICKER = Pattern.compile("[A-Z0-9][A-Z0-9._-]*");
  private static final Pattern TOKEN_ID = Pattern.compile("[0-9]{1,200}");
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,30}");
  private static final Pattern WIRE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final int MIN_KEY_LENGTH = 16;
  private static final Pattern FAIR_SOURCE = Pattern.compile("[a-z0-9_]+:[A-Za-z0-9_.-]+");

  private GatewayConfigReader() {}

  /**
   * Reads {@code root}; when there are problems the result is empty and {@code load} holds them.
   */
  static Optional<GatewayConfig> read(YamlSection root, YamlSection.Load load) {
    ServerConfig server = server(root.section("server"));
    Optional<AuthConfig> auth = auth(root.section("auth"), server);
    Path dataDir = root.path("dataDir").orElse(load.workingDir.resolve("data").normalize());
    if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
      root.problem("dataDir", dataDir + " exists and is not a directory");
    }
    YamlSection ups = root.section("upstreams");
    Optional<KalshiConfig> kalshi = kalshi(ups.section("kalshi"));
    Optional<OddsApiConfig> oddsApi = oddsApi(ups.section("oddsApi"));
    Optional<UnabatedConfig> unabated = unabated(ups.section("unabated"));
    Optional<PolymarketConfig> polymarket = polymarket(ups.section("polymarket"));
    Optional<BinanceConfig> binance = binance(ups.section("binance"));
    ups.finish();
    CacheConfig cache = cache(root.section("cache"));
    Optional<StorageConfig> storage = storage(root.section("storage"), dataDir);
    YamlSection viewsSection = root.section("views");
    ViewsConfig views = views(viewsSection);
    SlateConfig slate = slate(viewsSection.section("slate"));
    viewsSection.finish();
    root.finish();
    unusedVariables(load);
    if (!load.problems.isEmpty()) {
      return Optional.empty();
    }
    UpstreamsConfig upstreams = new UpstreamsConfig(kalshi, oddsApi, unabated, polymarket, binance);
    if (upstreams.none()) {
      load.warning("upstreams: no upstream is enabled; the gateway will have nothing to serve");
    }
    return Optional.of(
        new GatewayConfig(
            server,
            auth.orElseThrow(),
            dataDir,
            upstreams,
            cache,
            storage.orElseThrow(),
            views,
            slate,
            load.warnings));
  }

  /** Every environment variable that overrides a key, in schema order. */
  static Set<String> overrideVariables() {
    YamlSection.Load load = new YamlSection.Load(Map.of(), Path.of(""), Path.of(""));
    read(YamlSection.root(load, MissingNode.getInstance()), load);
    return Set.copyOf(load.consulted);
  }

  private static ServerConfig server(YamlSection s) {
    ServerConfig d = ServerConfig.defaults();
    ServerConfig c =
        new ServerConfig(
            s.string("host", h -> !h.isEmpty(), "expected a host name or address").orElse(d.host()),
            s.integer("port", 0, 65_535).orElse(d.port()),
            s.bytes("maxRequestBytes", 1, 1L << 30).orElse(d.maxRequestBytes()),
            s.bytes("maxHeaderBytes", 1024, 1L << 20)
                .map(Long::intValue)
                .orElse(d.maxHeaderBytes()),
            s.duration("idleTimeout", Duration.ofSeconds(1)).orElse(d.idleTimeout()),
            s.duration("requestTimeout", Duration.ofMillis(100)).orElse(d.requestTimeout()));
    s.finish();
    return c;
  }

  private static Optional<AuthConfig> auth(YamlSection s, ServerConfig server) {
    AuthConfig.Mode mode = s.choice("mode", AuthConfig.Mode.class).orElse(AuthConfig.Mode.KEYS);
    List<AuthConfig.ApiKey> keys = new ArrayList<>();
    Map<String, String> namesByKey = new HashMap<>();
    Set<String> names = new HashSet<>();
    boolean complete = true;
    for (YamlSection k : s.items("keys")) {
      Optional<String> name =
          k.string(
              "name",
              n -> KEY_NAME.matcher(n).matches(),
              "expected a name of letters, digits, '.', '_' or '-'");
      if (!k.inFile("name")) {
        k.problem("name", "required: who holds the key, for logs and metrics");
      }
      Optional<Secret> key = k.secret("key", mode == AuthConfig.Mode.KEYS);
      if (key.isEmpty() && !k.secretGiven("key") && mode == AuthConfig.Mode.KEYS) {
        k.problem("key", "required: give keyFile or keyEnv");
      }
      List<AuthConfig.Scope> scopes =
          k.choices("scopes", AuthConfig.Scope.class).orElse(List.of(AuthConfig.Scope.READ));
      if (scopes.isEmpty()) {
        k.problem("scopes", "expected at least one of read, admin");
      }
      k.finish();
      if (name.isPresent() && !names.add(name.get())) {
        k.problem("name", "another key is already called " + name.get());
      }
      if (key.isPresent()) {
        String value = key.get().reveal();
        if (value.length() < MIN_KEY_LENGTH) {
          k.problem(
              "key",
              "the key from "
                  + key.get().origin()
                  + " is "
                  + value.length()
                  + " characters long; keys need at least "
                  + MIN_KEY_LENGTH
                  + " (for example: openssl rand -hex 24)");
        } else if (value.chars().anyMatch(Character::isWhitespace)) {
          k.problem("key", "the key from " + key.get().origin() + " contains white space");
        }
        String other = namesByKey.putIfAbsent(value, k.path());
        if (other != null) {
          k.problem("key", "the same key is also given at " + other);
        }
      }
      if (name.isPresent() && key.isPresent() && !scopes.isEmpty()) {
        keys.add(new AuthConfig.ApiKey(name.get(), key.get(), EnumSet.copyOf(scopes)));
      } else if (mode == AuthConfig.Mode.KEYS) {
        complete = false;
      }
    }
    if (mode == AuthConfig.Mode.KEYS && keys.isEmpty() && complete) {
      s.problem(
          "keys",
          "auth.mode is keys but no keys are configured; add keys (name, keyFile or keyEnv,"
              + " scopes) or set auth.mode: open");
    }
    if (mode == AuthConfig.Mode.OPEN && !s.items("keys").isEmpty()) {
      s.warning("keys", "ignored because auth.mode is open: every request has every scope");
    }
    if (mode == AuthConfig.Mode.OPEN && !server.loopbackOnly()) {
      s.warning(
          "mode",
          "open mode while server.host is "
              + server.host()
              + ": anyone who can reach the port can call admin routes");
    }
    s.finish();
    if (!complete || (mode == AuthConfig.Mode.KEYS && keys.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new AuthConfig(mode, mode == AuthConfig.Mode.OPEN ? List.of() : keys));
  }

  private static Optional<KalshiConfig> kalshi(YamlSection s) {
    boolean enabled = s.bool("enabled").orElse(true);
    Optional<KalshiEnvironment> environment = s.choice("environment", KalshiEnvironment.class);
    Optional<URI> baseUrl = s.url("baseUrl", "http", "https");
    Optional<URI> wsUrl = s.url("wsUrl", "ws", "wss");
    KalshiTier tier = s.choice("tier", KalshiTier.class).orElse(KalshiTier.BASIC);
    Optional<String> keyId =
        s.string(
            "keyId",
            k -> !k.isEmpty() && k.chars().noneMatch(Character::isWhitespace),
            "expected a key id without white space");
    Optional<Secret> privateKey = s.secret("privateKey", enabled);
    List<String> series = tickers(s, "series").orElse(DEFAULT_SERIES);
    if (series.isEmpty()) {
      s.problem("series", "expected at least one series ticker, for example KXNBAGAME");
    }
    Duration marketsInterval =
        s.duration("marketsInterval", Duration.ofSeconds(1)).orElse(Duration.ofSeconds(30));
    YamlSection b = s.section("books");
    YamlSection alwaysOn = b.section("alwaysOn");
    List<String> alwaysOnSeries = tickers(alwaysOn, "series").orElse(List.of("KXNBAGAME"));
    List<String> alwaysOnTickers = tickers(alwaysOn, "tickers").orElse(List.of());
    alwaysOn.finish();
    Duration demandWindow =
        b.duration("demandWindow", Duration.ofSeconds(1)).orElse(Duration.ofMinutes(10));
    boolean websocket = b.bool("websocket").orElse(true);
    Duration restFallback =
        b.duration("restFallbackInterval", Duration.ofSeconds(1)).orElse(Duration.ofSeconds(5));
    b.finish();
    s.finish();

    for (String t : alwaysOnSeries) {
      if (!series.contains(t)) {
        alwaysOn.problem(
            "series",
            t
                + " is not in upstreams.kalshi.series, so its markets are never listed; add it"
                + " there or use books.alwaysOn.tickers");
      }
    }
    boolean customHosts = baseUrl.isPresent() || wsUrl.isPresent();
    if (environment.isPresent() && customHosts) {
      s.problem(
          baseUrl.isPresent() ? "baseUrl" : "wsUrl",
          "give either environment or baseUrl (and wsUrl), not both");
    }
    if (wsUrl.isPresent() && baseUrl.isEmpty()) {
      s.problem("wsUrl", "needs baseUrl as well: the REST and WebSocket hosts go together");
    }
    Optional<KalshiConfig.Credentials> credentials = Optional.empty();
    if (keyId.isPresent() && privateKey.isEmpty() && !s.secretGiven("privateKey")) {
      s.problem(
          "privateKeyFile",
          "upstreams.kalshi.keyId is set, so its private key is needed: set privateKeyFile or"
              + " privateKeyEnv");
    } else if (keyId.isEmpty() && privateKey.isPresent()) {
      s.problem("keyId", "a private key is set, so the id of its key is needed as well");
    } else if (keyId.isPresent() && privateKey.isPresent()) {
      try {
        KalshiSigner.fromPem(keyId.get(), privateKey.get().reveal(), Clock.system());
        credentials = Optional.of(new KalshiConfig.Credentials(keyId.get(), privateKey.get()));
      } catch (IllegalArgumentException | IllegalStateException e) {
        s.problem(
            "privateKey",
            "the key from " + privateKey.get().origin() + " cannot sign: " + e.getMessage());
      }
    }
    if (enabled && websocket && credentials.isEmpty() && !customHosts) {
      b.warning(
          "websocket",
          "Kalshi expects a signed WebSocket handshake but no keyId/privateKeyFile is set;"
              + " books will fall back to REST polling if the stream is refused");
    }
    if (!enabled) {
      return Optional.empty();
    }
    KalshiEnvironment env = environment.orElse(KalshiEnvironment.PROD);
    URI rest = baseUrl.orElse(env.restBase());
    URI ws =
        wsUrl.orElseGet(
            () -> baseUrl.map(GatewayConfigReader::webSocketOf).orElse(env.webSocket()));
    return Optional.of(
        new KalshiConfig(
            customHosts ? Optional.empty() : Optional.of(env),
            rest,
            ws,
            tier,
            credentials,
            series,
            marketsInterval,
            new KalshiConfig.Books(
                alwaysOnSeries, alwaysOnTickers, demandWindow, websocket, restFallback)));
  }

  /**
   * Kalshi's WebSocket URI on the host of REST root {@code rest}: {@code
   * ws[s]://host/trade-api/ws/v2}.
   */
  static URI webSocketOf(URI rest) {
    String scheme = "https".equalsIgnoreCase(rest.getScheme()) ? "wss" : "ws";
    String path = rest.getPath() == null ? "" : rest.getPath();
    String wsPath =
        path.endsWith("/trade-api/v2")
            ? path.substring(0, path.length() - "/trade-api/v2".length()) + "/trade-api/ws/v2"
            : "/trade-api/ws/v2";
    return URI.create(
        scheme
            + "://"
            + rest.getHost()
            + (rest.getPort() == -1 ? "" : ":" + rest.getPort())
            + wsPath);
  }

  private static Optional<OddsApiConfig> oddsApi(YamlSection s) {
    boolean enabled = s.bool("enabled").orElse(false);
    URI baseUrl = s.url("baseUrl", "http", "https").orElse(ODDS_API_URL);
    Optional<Secret> apiKey = s.secret("apiKey", enabled);
    List<String> sports = names(s, "sports").orElse(List.of("basketball_nba"));
    List<String> regions = names(s, "regions").orElse(List.of("us"));
    List<MarketType> markets =
        s.choices("markets", MarketType.class).orElse(List.of(MarketType.values()));
    List<String> bookmakers = names(s, "bookmakers").orElse(List.of());
    Duration interval =
        s.duration("interval", Duration.ofSeconds(1)).orElse(Duration.ofSeconds(60));
    Optional<Long> monthlyCredits = s.longValue("monthlyCredits", 1, 1_000_000_000_000L);
    s.finish();
    if (sports.isEmpty()) {
      s.problem("sports", "expected at least one sport key, for example basketball_nba");
    }
    if (markets.isEmpty()) {
      s.problem("markets", "expected at least one of MONEYLINE, SPREAD, TOTAL");
    }
    if (regions.isEmpty() && bookmakers.isEmpty()) {
      s.problem("regions", "expected at least one region (us, uk, eu, au) or some bookmakers");
    }
    if (!enabled) {
      return Optional.empty();
    }
    if (apiKey.isEmpty()) {
      if (!s.secretGiven("apiKey")) {
        s.problem("apiKey", "required when enabled: set apiKeyFile or apiKeyEnv");
      }
      return Optional.empty();
    }
    if (sports.isEmpty() || markets.isEmpty() || (regions.isEmpty() && bookmakers.isEmpty())) {
      return Optional.empty();
    }
    OddsApiConfig c =
        new OddsApiConfig(
            baseUrl,
            apiKey.get(),
            sports,
            regions,
            EnumSet.copyOf(markets),
            bookmakers,
            interval,
            monthlyCredits.map(OptionalLong::of).orElse(OptionalLong.empty()));
    if (monthlyCredits.isPresent() && c.creditsPer30Days() > monthlyCredits.get()) {
      s.warning(
          "interval",
          String.format(
              Locale.ROOT,
              "polling %d sport(s) every %s at %d credits a poll spends about %,d credits in 30"
                  + " days, more than monthlyCredits %,d; the quota will run out",
              sports.size(),
              ConfigText.duration(interval),
              c.creditsPerPoll(),
              c.creditsPer30Days(),
              monthlyCredits.get()));
    }
    return Optional.of(c);
  }

  private static Optional<UnabatedConfig> unabated(YamlSection s) {
    boolean enabled = s.bool("enabled").orElse(false);
    URI baseUrl = s.url("baseUrl", "http", "https").orElse(UNABATED_URL);
    Optional<Secret> apiKey = s.secret("apiKey", enabled);
    Duration interval = s.duration("interval", Duration.ofSeconds(1)).orElse(Duration.ofSeconds(5));
    UnabatedSideConvention side =
        s.choice("sideConvention", UnabatedSideConvention.class)
            .orElse(UnabatedSideConvention.AWAY_FIRST);
    s.finish();
    if (!enabled) {
      return Optional.empty();
    }
    if (apiKey.isEmpty()) {
      if (!s.secretGiven("apiKey")) {
        s.problem("apiKey", "required when enabled: set apiKeyFile or apiKeyEnv");
      }
      return Optional.empty();
    }
    return Optional.of(new UnabatedConfig(baseUrl, apiKey.get(), interval, side));
  }

  private static Optional<PolymarketConfig> polymarket(YamlSection s) {
    boolean enabled = s.bool("enabled").orElse(false);
    URI baseUrl = s.url("baseUrl", "http", "https").orElse(PolymarketConfig.PRODUCTION_REST);
    URI wsUrl = s.url("wsUrl", "ws", "wss").orElse(PolymarketConfig.PRODUCTION_WS);
    Optional<List<String>> given = s.strings("assets");
    List<String> assets =
        checked(
                s,
                "assets",
                TOKEN_ID,
                "expected outcome token ids (decimal digits, from Gamma's clobTokenIds)")
            .orElse(List.of());
    Duration staleAfter =
        s.duration("staleAfter", Duration.ofMillis(10)).orElse(Duration.ofMillis(500));
    Duration silenceWindow =
        s.duration("silenceWindow", Duration.ofMillis(100)).orElse(Duration.ofSeconds(15));
    Duration resyncInterval =
        s.duration("resyncInterval", Duration.ofSeconds(1)).orElse(Duration.ofSeconds(60));
    s.finish();
    if (!enabled) {
      return Optional.empty();
    }
    if (assets.isEmpty()) {
      if (given.map(List::isEmpty).orElse(true)) {
        s.problem("assets", "required when enabled: the outcome token ids whose books to keep");
      }
      return Optional.empty();
    }
    if (assets.size() > 500) {
      s.warning(
          "assets",
          assets.size() + " assets share one WebSocket connection; more than 500 may be refused");
    }
    return Optional.of(
        new PolymarketConfig(baseUrl, wsUrl, assets, staleAfter, silenceWindow, resyncInterval));
  }

  private static Optional<BinanceConfig> binance(YamlSection s) {
    boolean enabled = s.bool("enabled").orElse(false);
    URI restUrl = s.url("baseUrl", "http", "https").orElse(BINANCE_REST_URL);
    URI streamUrl = s.url("streamUrl", "ws", "wss").orElse(BINANCE_STREAM_URL);
    List<String> symbols =
        checked(
                s,
                "symbols",
                SYMBOL,
                "expected upper-case Binance symbols (2 to 30 letters or digits), like BTCUSDT")
            .orElse(BINANCE_SYMBOLS);
    int depthLimit = s.integer("depthLimit", 1, 5_000).orElse(1_000);
    long weight = s.longValue("weightPerMinute", 1, 1_000_000).orElse(6_000L);
    Duration staleAfter =
        s.duration("staleAfter", Duration.ofMillis(100)).orElse(Duration.ofSeconds(1));
    s.finish();
    if (symbols.isEmpty()) {
      s.problem("symbols", "expected at least one symbol, for example BTCUSDT");
    }
    if (symbols.size() > 512) {
      s.problem("symbols", "one connection carries at most 512 symbols, got " + symbols.size());
    }
    if (!enabled || symbols.isEmpty() || symbols.size() > 512) {
      return Optional.empty();
    }
    return Optional.of(
        new BinanceConfig(restUrl, streamUrl, symbols, depthLimit, weight, staleAfter));
  }

  private static CacheConfig cache(YamlSection s) {
    CacheConfig d = CacheConfig.defaults();
    CacheConfig c =
        new CacheConfig(
            s.integer("historySize", 1, 100_000).orElse(d.historySize()),
            s.integer("midPoints", 1, 1_000_000).orElse(d.midPoints()),
            s.duration("evictEventsAfterStart", Duration.ofMinutes(1))
                .orElse(d.evictEventsAfterStart()),
            s.integer("eventHistorySize", 1, 100_000).orElse(d.eventHistorySize()));
    s.finish();
    return c;
  }

  private static ViewsConfig views(YamlSection s) {
    YamlSection events = s.section("events");
    ViewsConfig c =
        new ViewsConfig(
            events.choice("devig", DeVigMethod.class).orElse(ViewsConfig.defaults().eventsDevig()));
    events.finish();
    return c;
  }

  private static SlateConfig slate(YamlSection s) {
    SlateConfig d = SlateConfig.defaults();
    SlateConfig c =
        new SlateConfig(
            s.bool("enabled").orElse(d.enabled()),
            s.strings("fairSources")
                .map(
                    list -> {
                      List<String> bad =
                          list.stream().filter(f -> !FAIR_SOURCE.matcher(f).matches()).toList();
                      if (!bad.isEmpty()) {
                        s.problem(
                            "fairSources",
                            "expected venue:bookmaker ids like unabated:49 or odds_api:pinnacle"
                                + " but got "
                                + String.join(", ", bad));
                      }
                      return list;
                    })
                .orElse(d.fairSources()),
            s.choice("deVig", io.marketgate.model.DeVigMethod.class).orElse(d.deVig()),
            sigma(s, "marginSigma").orElse(d.marginSigma()),
            sigma(s, "totalSigma").orElse(d.totalSigma()),
            s.integer("strikesEachSide", 1, 10).orElse(d.strikesEachSide()),
            s.duration("manifestTtl", Duration.ofSeconds(1)).orElse(d.manifestTtl()),
            s.duration("gamesTtl", Duration.ofSeconds(1)).orElse(d.gamesTtl()),
            s.integer("maxConcurrency", 1, 64).orElse(d.maxConcurrency()),
            s.duration("debounce", Duration.ofMillis(10)).orElse(d.debounce()));
    s.finish();
    return c;
  }

  private static Optional<StorageConfig> storage(YamlSection s, Path dataDir) {
    StorageConfig d = StorageConfig.defaults(dataDir);
    boolean enabled = s.bool("enabled").orElse(true);
    Optional<String> url =
        s.string(
            "url",
            u -> u.startsWith("jdbc:sqlite:") || u.startsWith("jdbc:postgresql:"),
            "expected a JDBC URL starting jdbc:sqlite: (a file) or jdbc:postgresql:");
    Optional<String> user =
        s.string(
            "user",
            u -> !u.isEmpty() && u.chars().noneMatch(Character::isWhitespace),
            "expected a user name without white space");
    Optional<Secret> password = s.secret("password", enabled);
    int poolSize = s.integer("poolSize", 2, 64).orElse(d.poolSize());
    int queueCapacity = s.integer("queueCapacity", 1, 10_000_000).orElse(d.queueCapacity());
    int batchSize = s.integer("batchSize", 1, 100_000).orElse(d.batchSize());
    Duration retention = s.duration("retention", Duration.ofHours(1)).orElse(d.retention());
    Duration warmUpWindow =
        s.duration("warmUpWindow", Duration.ofSeconds(0)).orElse(d.warmUpWindow());
    Duration bookTopInterval =
        s.duration("bookTopInterval", Duration.ofMillis(0)).orElse(d.bookTopInterval());
    s.finish();
    if (url.isPresent() && url.get().toLowerCase(Locale.ROOT).contains("password=")) {
      s.problem(
          "url",
          "the URL carries a password; give it as passwordFile or passwordEnv instead, so that it"
              + " never shows in logs");
      return Optional.empty();
    }
    if (batchSize > queueCapacity) {
      s.problem(
          "batchSize",
          batchSize + " is larger than queueCapacity " + queueCapacity + "; a batch never fills");
    }
    if (url.isPresent() && url.get().startsWith("jdbc:sqlite:") && user.isPresent()) {
      s.warning("user", "ignored by SQLite");
    }
    return Optional.of(
        new StorageConfig(
            enabled,
            url.orElse(d.url()),
            user,
            password,
            poolSize,
            queueCapacity,
            batchSize,
            retention,
            warmUpWindow,
            bookTopInterval));
  }

  private static Optional<Double> sigma(YamlSection s, String key) {
    return s.string(
            key,
            t -> {
              try {
                double v = Double.parseDouble(t);
                return v >= 1 && v <= 100;
              } catch (NumberFormatException e) {
                return false;
              }
            },
            "expected a number of points between 1 and 100")
        .map(Double::parseDouble);
  }

  private static Optional<List<String>> tickers(YamlSection s, String key) {
    return checked(
        s,
        key,
        TICKER,
        "expected upper-case Kalshi tickers (letters, digits, '.', '_', '-'), for example"
            + " KXNBAGAME");
  }

  private static Optional<List<String>> names(YamlSection s, String key) {
    return checked(
        s,
        key,
        WIRE_NAME,
        "expected lower-case keys (letters, digits, '_', '-'), like basketball_nba");
  }

  private static Optional<List<String>> checked(
      YamlSection s, String key, Pattern valid, String expected) {
    Optional<List<String>> list = s.strings(key);
    if (list.isEmpty()) {
      return list;
    }
    List<String> bad = list.get().stream().filter(t -> !valid.matcher(t).matches()).toList();
    if (!bad.isEmpty()) {
      s.problem(key, expected + " but got " + String.join(", ", bad));
      return Optional.empty();
    }
    return Optional.of(List.copyOf(new LinkedHashSet<>(list.get())));
  }

  /** Warns about {@code MARKETGATE_*} variables that override no key (typos, other tools). */
  private static void unusedVariables(YamlSection.Load load) {
    load.env.keySet().stream()
        .filter(n -> n.startsWith(ConfigText.ENV_PREFIX) && !load.consulted.contains(n))
        .sorted()
        .forEach(
            n ->
                load.warning(
                    n
                        + ": this environment variable overrides no configuration key"
                        + ConfigText.suggestion(n, load.consulted)
                            .map(s -> " (did you mean " + s + "?)")
                            .orElse("")));
  }
}
