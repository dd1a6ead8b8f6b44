package io.marketgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.marketgate.model.DeVigMethod;
import io.marketgate.model.MarketType;
import io.marketgate.upstream.BudgetConfig.KalshiTier;
import io.marketgate.upstream.kalshi.KalshiEnvironment;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, validating and describing the configuration file. */
class GatewayConfigTest {

  private static final String KEY = "k3y-0123456789abcdef";
  private static final String OPEN = "auth:\n  mode: open\n";

  @TempDir Path dir;

  private final Map<String, String> env = new HashMap<>();

  @Test
  void load_exampleFile_loadsWithoutProblemsOrWarnings() throws Exception {
    Path file = dir.resolve("marketgate.yaml");
    Files.copy(Path.of("..", "config", "marketgate.example.yaml"), file);
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/operator.key"), "operator-key-0123456789\n");
    env.put("PRICING_BOT_KEY", "pricing-bot-key-0123456789");
    env.put("ODDS_API_KEY", "odds-key");
    env.put("MARKETGATE_UPSTREAMS_KALSHI_KEY_ID", "a1b2c3");
    env.put("MARKETGATE_UPSTREAMS_KALSHI_PRIVATE_KEY_FILE", pemFile().toString());

    GatewayConfig c = GatewayConfig.load(file, env);

    assertThat(c.warnings()).isEmpty();
    assertThat(c.server().port()).isEqualTo(8080);
    assertThat(c.server().maxRequestBytes()).isEqualTo(64 * 1024);
    assertThat(c.auth().mode()).isEqualTo(AuthConfig.Mode.KEYS);
    assertThat(c.auth().keys())
        .extracting(AuthConfig.ApiKey::name)
        .containsExactly("pricing-bot", "operator");
    assertThat(c.auth().keys().get(1).allows(AuthConfig.Scope.ADMIN)).isTrue();
    assertThat(c.auth().keys().get(1).key().reveal()).isEqualTo("operator-key-0123456789");
    assertThat(c.dataDir()).isEqualTo(dir.resolve("data").toAbsolutePath().normalize());
    KalshiConfig k = c.upstreams().kalshi().orElseThrow();
    assertThat(k.environment()).contains(KalshiEnvironment.PROD);
    assertThat(k.restUrl()).isEqualTo(KalshiEnvironment.PROD.restBase());
    assertThat(k.credentials()).map(KalshiConfig.Credentials::keyId).contains("a1b2c3");
    assertThat(k.books().alwaysOnSeries()).containsExactly("KXNBAGAME");
    assertThat(c.upstreams().oddsApi().orElseThrow().interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.upstreams().unabated()).isEmpty();
  }

  @Test
  void load_emptyOpenFile_takesEveryDefault() throws Exception {
    GatewayConfig c = load(OPEN);

    assertThat(c.server()).isEqualTo(ServerConfig.defaults());
    assertThat(c.cache()).isEqualTo(CacheConfig.defaults());
    KalshiConfig k = c.upstreams().kalshi().orElseThrow();
    assertThat(k.tier()).isEqualTo(KalshiTier.BASIC);
    assertThat(k.series()).containsExactly("KXNBAGAME", "KXNBASPREAD", "KXNBATOTAL");
    assertThat(k.marketsInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(k.books().websocket()).isTrue();
    assertThat(c.upstreams().oddsApi()).isEmpty();
  }

  @Test
  void load_unknownKey_namesPathAndSuggestion() {
    assertThat(problems(OPEN + "server:\n  prot: 8080\n"))
        .singleElement()
        .asString()
        .startsWith("server.prot: unknown key (did you mean port?)")
        .contains("host, port, maxRequestBytes");
  }

  @Test
  void load_unknownTopLevelKey_isRejected() {
    assertThat(problems(OPEN + "upstream:\n  kalshi:\n    enabled: false\n"))
        .singleElement()
        .asString()
        .startsWith("upstream: unknown key (did you mean upstreams?)");
  }

  @Test
  void load_unknownNestedKey_namesFullPath() {
    assertThat(
            problems(
                OPEN + "upstreams:\n  kalshi:\n    books:\n      alwaysOn:\n        serie: []\n"))
        .singleElement()
        .asString()
        .startsWith("upstreams.kalshi.books.alwaysOn.serie: unknown key (did you mean series?)");
  }

  @Test
  void load_badTier_listsChoices() {
    assertThat(problems(OPEN + "upstreams:\n  kalshi:\n    tier: GOLD\n"))
        .containsExactly(
            "upstreams.kalshi.tier: expected one of BASIC, ADVANCED, PREMIER, PARAGON, PRIME but"
                + " was \"GOLD\"");
  }

  @Test
  void load_tierInLowerCase_isAccepted() throws Exception {
    assertThat(load(OPEN + "upstreams:\n  kalshi:\n    tier: premier\n").upstreams().kalshi())
        .map(KalshiConfig::tier)
        .contains(KalshiTier.PREMIER);
  }

  @Test
  void load_portOutOfRange_namesRange() {
    assertThat(problems(OPEN + "server:\n  port: 70000\n"))
        .containsExactly("server.port: expected an integer in [0, 65535] but was \"70000\"");
  }

  @Test
  void load_wrongTypes_reportsEveryProblemInFileOrder() {
    List<String> p =
        problems(
            OPEN
                + "server:\n  port: http\n  idleTimeout: 30\n  maxRequestBytes: lots\n"
                + "upstreams:\n  kalshi:\n    enabled: maybe\n    series: KXNBAGAME\n"
                + "cache:\n  historySize: 0\n");

    assertThat(p)
        .containsExactly(
            "server.port: expected an integer in [0, 65535] but was \"http\"",
            "server.maxRequestBytes: expected a size in [1, 1073741824] bytes, like 65536, 64KiB"
                + " or 1MiB but was \"lots\"",
            "server.idleTimeout: expected a duration like 500ms, 30s, 5m, 1h or PT30S but was"
                + " \"30\"",
            "upstreams.kalshi.enabled: expected true or false but was \"maybe\"",
            "upstreams.kalshi.series: expected a list like [a, b] but was \"KXNBAGAME\"",
            "cache.historySize: expected an integer in [1, 100000] but was \"0\"");
  }

  @Test
  void load_eventsViewAndEviction_areRead() throws Exception {
    GatewayConfig c =
        load(
            OPEN
                + "cache:\n  evictEventsAfterStart: 90m\nviews:\n  events:\n    devig: odds_ratio\n");

    assertThat(c.views().eventsDevig()).isEqualTo(DeVigMethod.ODDS_RATIO);
    assertThat(c.cache().evictEventsAfterStart()).isEqualTo(Duration.ofMinutes(90));
    assertThat(c.describe()).contains("devig: odds_ratio").contains("evictEventsAfterStart: 1h30m");
    assertThat(load(OPEN).views()).isEqualTo(ViewsConfig.defaults());
    assertThat(load(OPEN).cache().evictEventsAfterStart()).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void load_badEventsViewOrEviction_namesTheKey() {
    assertThat(
            problems(
                OPEN
                    + "cache:\n  evictEventsAfterStart: 10s\nviews:\n  events:\n    devig: fair\n"))
        .containsExactly(
            "cache.evictEventsAfterStart: expected a duration of at least 1m but was \"10s\"",
            "views.events.devig: expected one of MULTIPLICATIVE, ADDITIVE, POWER, SHIN, ODDS_RATIO"
                + " but was \"fair\"");
  }

  @Test
  void load_sectionNotAMapping_namesSection() {
    assertThat(problems(OPEN + "server: 8080\n"))
        .containsExactly("server: expected a mapping of keys but was \"8080\"");
  }

  @Test
  void load_keysModeWithoutKeys_explainsBothWaysOut() {
    assertThat(problems("server:\n  port: 8080\n"))
        .singleElement()
        .asString()
        .startsWith("auth.keys: auth.mode is keys but no keys are configured")
        .contains("auth.mode: open");
  }

  @Test
  void load_keyProblems_nameTheListItem() {
    env.put("SHORT", "abc");
    List<String> p =
        problems(
            "auth:\n  keys:\n    - name: a\n      keyEnv: SHORT\n"
                + "    - keyEnv: MISSING\n      scopes: [read, root]\n");

    assertThat(p)
        .containsExactly(
            "auth.keys[0].key: the key from env SHORT is 3 characters long; keys need at least 16"
                + " (for example: openssl rand -hex 24)",
            "auth.keys[1].name: required: who holds the key, for logs and metrics",
            "auth.keys[1].keyEnv: the environment variable MISSING is not set or is empty",
            "auth.keys[1].scopes: expected one of READ, ADMIN but was \"root\"");
  }

  @Test
  void load_sameKeyTwice_isRejectedWithoutShowingIt() {
    env.put("K1", KEY);
    env.put("K2", KEY);
    List<String> p =
        problems(
            "auth:\n  keys:\n    - name: a\n      keyEnv: K1\n    - name: b\n      keyEnv: K2\n");

    assertThat(p).containsExactly("auth.keys[1].key: the same key is also given at auth.keys[0]");
    assertThat(String.join("\n", p)).doesNotContain(KEY);
  }

  @Test
  void load_kalshiKeyIdWithoutPrivateKey_asksForIt() {
    assertThat(problems(OPEN + "upstreams:\n  kalshi:\n    keyId: abc\n"))
        .singleElement()
        .asString()
        .startsWith("upstreams.kalshi.privateKeyFile: upstreams.kalshi.keyId is set");
  }

  @Test
  void load_kalshiPrivateKeyNotPem_saysWhyWithoutQuotingIt() throws Exception {
    Files.writeString(dir.resolve("key.pem"), "not a key at all");
    List<String> p =
        problems(OPEN + "upstreams:\n  kalshi:\n    keyId: abc\n    privateKeyFile: key.pem\n");

    assertThat(p)
        .singleElement()
        .asString()
        .startsWith(
            "upstreams.kalshi.privateKey: the key from file "
                + dir.resolve("key.pem").toAbsolutePath()
                + " cannot sign: Kalshi private key: no PEM block found")
        .doesNotContain("not a key at all");
  }

  @Test
  void load_environmentAndBaseUrl_isRejected() {
    assertThat(
            problems(
                OPEN
                    + "upstreams:\n  kalshi:\n    environment: DEMO\n"
                    + "    baseUrl: http://127.0.0.1:9/trade-api/v2\n"))
        .containsExactly(
            "upstreams.kalshi.baseUrl: give either environment or baseUrl (and wsUrl), not both");
  }

  @Test
  void load_baseUrlWithoutWsUrl_derivesWebSocketOnSameHost() throws Exception {
    KalshiConfig k =
        load(OPEN + "upstreams:\n  kalshi:\n    baseUrl: http://127.0.0.1:9/trade-api/v2\n")
            .upstreams()
            .kalshi()
            .orElseThrow();

    assertThat(k.environment()).isEmpty();
    assertThat(k.wsUrl()).isEqualTo(URI.create("ws://127.0.0.1:9/trade-api/ws/v2"));
  }

  @Test
  void load_badUrl_namesSchemes() {
    assertThat(problems(OPEN + "upstreams:\n  kalshi:\n    wsUrl: http://x/ws\n    baseUrl: x\n"))
        .containsExactly(
            "upstreams.kalshi.baseUrl: expected an absolute http or https URL but was \"x\"",
            "upstreams.kalshi.wsUrl: expected an absolute ws or wss URL but was \"http://x/ws\"");
  }

  @Test
  void load_alwaysOnSeriesNotListed_isRejected() {
    assertThat(
            problems(
                OPEN
                    + "upstreams:\n  kalshi:\n    series: [KXNBAGAME]\n"
                    + "    books:\n      alwaysOn:\n        series: [KXNFLGAME]\n"))
        .singleElement()
        .asString()
        .startsWith(
            "upstreams.kalshi.books.alwaysOn.series: KXNFLGAME is not in upstreams.kalshi.series");
  }

  @Test
  void load_lowerCaseTicker_isRejected() {
    assertThat(problems(OPEN + "upstreams:\n  kalshi:\n    series: [kxnbagame]\n"))
        .singleElement()
        .asString()
        .startsWith("upstreams.kalshi.series: expected upper-case Kalshi tickers")
        .endsWith("but got kxnbagame");
  }

  @Test
  void load_binanceEnabled_readsSymbolsUrlsAndDefaults() throws Exception {
    GatewayConfig c =
        load(
            OPEN
                + "upstreams:\n  binance:\n    enabled: true\n    symbols: [BTCUSDT, SOLUSDT]\n"
                + "    streamUrl: ws://127.0.0.1:9000\n");

    BinanceConfig b = c.upstreams().binance().orElseThrow();
    assertThat(b.symbols()).containsExactly("BTCUSDT", "SOLUSDT");
    assertThat(b.streamUrl()).hasToString("ws://127.0.0.1:9000");
    assertThat(b.restUrl()).hasToString("https://api.binance.com");
    assertThat(b.depthLimit()).isEqualTo(1000);
    assertThat(b.weightPerMinute()).isEqualTo(6000);
    assertThat(b.staleAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.budget().limit().capacity()).isEqualTo(6000);
  }

  @Test
  void load_binanceDisabledByDefault() throws Exception {
    assertThat(load(OPEN).upstreams().binance()).isEmpty();
  }

  @Test
  void load_binanceBadSymbolAndDepth_areRejectedNamingTheKeys() {
    assertThat(
            problems(
                OPEN
                    + "upstreams:\n  binance:\n    enabled: true\n    symbols: [btc-usdt]\n"
                    + "    depthLimit: 6000\n"))
        .anySatisfy(p -> assertThat(p).startsWith("upstreams.binance.symbols: expected upper-case"))
        .anySatisfy(p -> assertThat(p).startsWith("upstreams.binance.depthLimit"));
  }

  @Test
  void load_enabledOddsApiWithoutKey_asksForOne() {
    assertThat(problems(OPEN + "upstreams:\n  oddsApi:\n    enabled: true\n"))
        .containsExactly(
            "upstreams.oddsApi.apiKey: required when enabled: set apiKeyFile or apiKeyEnv");
  }

  @Test
  void load_disabledUpstreamWithMissingKeyFile_isNotRead() throws Exception {
    GatewayConfig c =
        load(OPEN + "upstreams:\n  unabated:\n    enabled: false\n    apiKeyFile: nowhere.key\n");

    assertThat(c.upstreams().unabated()).isEmpty();
  }

  @Test
  void load_literalSecretInFile_isRejectedWithoutEchoingIt() {
    List<String> p =
        problems(OPEN + "upstreams:\n  oddsApi:\n    enabled: true\n    apiKey: s3cr3t-value\n");

    assertThat(p)
        .singleElement()
        .asString()
        .startsWith(
            "upstreams.oddsApi.apiKey: secrets must not be written into the configuration file")
        .contains("apiKeyFile", "apiKeyEnv", "MARKETGATE_UPSTREAMS_ODDS_API_API_KEY")
        .doesNotContain("s3cr3t-value");
  }

  @Test
  void load_literalSecretOverriddenByEnvironment_isStillRejected() {
    env.put("MARKETGATE_UPSTREAMS_ODDS_API_API_KEY_ENV", "ODDS");
    env.put("ODDS", "odds-key");

    assertThat(problems(OPEN + "upstreams:\n  oddsApi:\n    apiKey: s3cr3t-value\n"))
        .singleElement()
        .asString()
        .startsWith("upstreams.oddsApi.apiKey: secrets must not be written");
  }

  @Test
  void load_twoSecretForms_isRejected() throws Exception {
    env.put("ODDS", "odds-key");
    Files.writeString(dir.resolve("odds.key"), "odds-key");
    assertThat(
            problems(
                OPEN
                    + "upstreams:\n  oddsApi:\n    enabled: true\n    apiKeyEnv: ODDS\n"
                    + "    apiKeyFile: odds.key\n"))
        .containsExactly(
            "upstreams.oddsApi.apiKey: give only one of apiKey, apiKeyFile and apiKeyEnv, but"
                + " upstreams.oddsApi.apiKeyFile and upstreams.oddsApi.apiKeyEnv are set");
  }

  @Test
  void load_secretFromFile_isReadRelativeToConfigAndMasked() throws Exception {
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/odds.key"), "odds-key-from-file\n");

    GatewayConfig c =
        load(
            OPEN + "upstreams:\n  oddsApi:\n    enabled: true\n    apiKeyFile: secrets/odds.key\n");

    Secret key = c.upstreams().oddsApi().orElseThrow().apiKey();
    assertThat(key.reveal()).isEqualTo("odds-key-from-file");
    assertThat(key.origin()).isEqualTo("file " + dir.resolve("secrets/odds.key").toAbsolutePath());
    assertThat(c.toString()).doesNotContain("odds-key-from-file").contains("Secret(from file");
    assertThat(c.describe())
        .doesNotContain("odds-key-from-file")
        .contains("apiKey: <secret from file");
  }

  @Test
  void load_secretFromNamedVariable_isReadAndMasked() throws Exception {
    env.put("ODDS", "odds-key-from-env");

    GatewayConfig c =
        load(OPEN + "upstreams:\n  oddsApi:\n    enabled: true\n    apiKeyEnv: ODDS\n");

    assertThat(c.upstreams().oddsApi().orElseThrow().apiKey().reveal())
        .isEqualTo("odds-key-from-env");
    assertThat(c.toString()).doesNotContain("odds-key-from-env").contains("Secret(from env ODDS)");
    assertThat(c.describe()).doesNotContain("odds-key-from-env");
  }

  @Test
  void load_secretOverrideInEnvironment_replacesFileForm() throws Exception {
    env.put("MARKETGATE_UPSTREAMS_ODDS_API_API_KEY", "override-key");

    GatewayConfig c =
        load(OPEN + "upstreams:\n  oddsApi:\n    enabled: true\n    apiKeyFile: missing.key\n");

    assertThat(c.upstreams().oddsApi().orElseThrow().apiKey())
        .isEqualTo(Secret.of("override-key", "env MARKETGATE_UPSTREAMS_ODDS_API_API_KEY"));
  }

  @Test
  void load_environmentOverrides_replaceFileValues() throws Exception {
    env.put("MARKETGATE_SERVER_PORT", "9090");
    env.put("MARKETGATE_SERVER_HOST", "0.0.0.0");
    env.put("MARKETGATE_UPSTREAMS_KALSHI_SERIES", "KXNBAGAME, KXNFLGAME");
    env.put("MARKETGATE_UPSTREAMS_KALSHI_BOOKS_WEBSOCKET", "false");
    env.put("MARKETGATE_UPSTREAMS_KALSHI_MARKETS_INTERVAL", "PT1M");
    env.put("MARKETGATE_DATA_DIR", "/var/lib/marketgate");
    env.put("MARKETGATE_CACHE_HISTORY_SIZE", "128");
    env.put("MARKETGATE_CACHE_EVENT_HISTORY_SIZE", "8");

    GatewayConfig c = load(OPEN + "server:\n  port: 8081\ndataDir: here\n");

    assertThat(c.server().port()).isEqualTo(9090);
    assertThat(c.server().host()).isEqualTo("0.0.0.0");
    KalshiConfig k = c.upstreams().kalshi().orElseThrow();
    assertThat(k.series()).containsExactly("KXNBAGAME", "KXNFLGAME");
    assertThat(k.books().websocket()).isFalse();
    assertThat(k.marketsInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/marketgate"));
    assertThat(c.cache().historySize()).isEqualTo(128);
    assertThat(c.cache().eventHistorySize()).isEqualTo(8);
    assertThat(c.warnings()).anyMatch(w -> w.startsWith("auth.mode: open mode while server.host"));
  }

  @Test
  void load_badEnvironmentOverride_namesVariable() {
    env.put("MARKETGATE_SERVER_PORT", "tcp://10.0.0.7:8080");

    assertThat(problems(OPEN))
        .containsExactly(
            "server.port (from MARKETGATE_SERVER_PORT): expected an integer in [0, 65535] but was"
                + " \"tcp://10.0.0.7:8080\"");
  }

  @Test
  void load_unusedMarketgateVariable_isWarnedWithSuggestion() throws Exception {
    env.put("MARKETGATE_SERVER_PROT", "9090");

    assertThat(load(OPEN).warnings())
        .contains(
            "MARKETGATE_SERVER_PROT: this environment variable overrides no configuration key (did"
                + " you mean MARKETGATE_SERVER_PORT?)");
  }

  @Test
  void load_oddsScheduleOverMonthlyCredits_warns() throws Exception {
    env.put("ODDS", "odds-key");

    GatewayConfig c =
        load(
            OPEN
                + "upstreams:\n  oddsApi:\n    enabled: true\n    apiKeyEnv: ODDS\n"
                + "    interval: 60s\n    monthlyCredits: 500\n");

    OddsApiConfig o = c.upstreams().oddsApi().orElseThrow();
    assertThat(o.markets()).containsExactly(MarketType.values());
    assertThat(o.creditsPerPoll()).isEqualTo(3);
    assertThat(o.creditsPer30Days()).isEqualTo(129_600);
    assertThat(c.warnings())
        .anyMatch(w -> w.startsWith("upstreams.oddsApi.interval: polling 1 sport(s) every 1m"));
  }

  @Test
  void load_duplicateKey_isRejected() {
    assertThat(problems(OPEN + "server:\n  port: 1\n  port: 2\n"))
        .singleElement()
        .asString()
        .startsWith("(line ")
        .contains("Duplicate field 'port'");
  }

  @Test
  void load_notYaml_namesLine() {
    assertThat(problems("server:\n  port: [1,\n"))
        .singleElement()
        .asString()
        .startsWith("(line ")
        .contains("not valid YAML");
  }

  @Test
  void load_missingFile_namesFile() {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> GatewayConfig.load(missing, env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("configuration " + missing + " has 1 problem:")
        .hasMessageContaining("cannot read it: NoSuchFileException");
  }

  @Test
  void load_durationsInEveryForm_parse() throws Exception {
    GatewayConfig c =
        load(
            OPEN
                + "server:\n  idleTimeout: 1h30m\n  requestTimeout: 500ms\n"
                + "upstreams:\n  kalshi:\n    marketsInterval: PT45S\n"
                + "    books:\n      demandWindow: 2d\n");

    assertThat(c.server().idleTimeout()).isEqualTo(Duration.ofMinutes(90));
    assertThat(c.server().requestTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.upstreams().kalshi().orElseThrow().marketsInterval())
        .isEqualTo(Duration.ofSeconds(45));
    assertThat(c.upstreams().kalshi().orElseThrow().books().demandWindow())
        .isEqualTo(Duration.ofDays(2));
  }

  @Test
  void load_intervalBelowMinimum_namesMinimum() {
    assertThat(problems(OPEN + "upstreams:\n  unabated:\n    interval: 200ms\n"))
        .containsExactly(
            "upstreams.unabated.interval: expected a duration of at least 1s but was \"200ms\"");
  }

  @Test
  void describe_loadedConfig_isYamlThatLoadsBack() throws Exception {
    GatewayConfig c = load(OPEN + "server:\n  port: 9191\n");
    Path again = dir.resolve("again.yaml");
    Files.writeString(again, c.describe());

    assertThat(GatewayConfig.load(again, Map.of())).isEqualTo(c);
  }

  private GatewayConfig load(String yaml) throws IOException {
    Path file = dir.resolve("marketgate.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return GatewayConfig.load(file, env);
  }

  private List<String> problems(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(yaml));
    assertThat(e).as("a ConfigException").isNotNull();
    assertThat(e.getMessage()).contains(e.problems());
    return e.problems();
  }

  private Path pemFile() throws NoSuchAlgorithmException, IOException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(g.generateKeyPair().getPrivate().getEncoded());
    Path pem = dir.resolve("kalshi.pem");
    Files.writeString(
        pem, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
    return pem;
  }
}
