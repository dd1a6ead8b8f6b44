package io.marketgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code upstreams.polymarket} section. */
class PolymarketConfigTest {

  private static final String OPEN = "auth:\n  mode: open\n";
  private static final String TOKEN =
      "65818619657568813474341868652308942079804919287380422192892211131408793125422";

  @TempDir Path dir;

  private final Map<String, String> env = new HashMap<>();

  @Test
  void load_enabledWithAssets_takesDefaults() throws Exception {
    GatewayConfig c =
        load(
            OPEN
                + "upstreams:\n  polymarket:\n    enabled: true\n    assets: [\""
                + TOKEN
                + "\"]\n");

    PolymarketConfig p = c.upstreams().polymarket().orElseThrow();
    assertThat(p.assets()).containsExactly(TOKEN);
    assertThat(p.baseUrl()).isEqualTo(URI.create("https://clob.polymarket.com"));
    assertThat(p.wsUrl())
        .isEqualTo(URI.create("wss://ws-subscriptions-clob.polymarket.com/ws/market"));
    assertThat(p.staleAfter()).isEqualTo(Duration.ofMillis(500));
    assertThat(p.silenceWindow()).isEqualTo(Duration.ofSeconds(15));
    assertThat(p.resyncInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(p.budget().endpointLimits()).containsKeys("polymarket.book", "polymarket.books");
  }

  @Test
  void load_disabledByDefault_absent() throws Exception {
    assertThat(load(OPEN).upstreams().polymarket()).isEmpty();
  }

  @Test
  void load_environmentOverrides_replaceFileValues() throws Exception {
    env.put("MARKETGATE_UPSTREAMS_POLYMARKET_ENABLED", "true");
    env.put("MARKETGATE_UPSTREAMS_POLYMARKET_ASSETS", "123,456");
    env.put("MARKETGATE_UPSTREAMS_POLYMARKET_SILENCE_WINDOW", "2s");
    env.put("MARKETGATE_UPSTREAMS_POLYMARKET_WS_URL", "ws://127.0.0.1:9/polymarket/ws/market");

    PolymarketConfig p = load(OPEN).upstreams().polymarket().orElseThrow();

    assertThat(p.assets()).containsExactly("123", "456");
    assertThat(p.silenceWindow()).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.wsUrl().getScheme()).isEqualTo("ws");
  }

  @Test
  void load_enabledWithoutAssets_asksForThem() {
    assertThat(problems(OPEN + "upstreams:\n  polymarket:\n    enabled: true\n"))
        .containsExactly(
            "upstreams.polymarket.assets: required when enabled: the outcome token ids whose books"
                + " to keep");
  }

  @Test
  void load_tokenNotDecimal_isRejectedNamingIt() {
    assertThat(
            problems(
                OPEN + "upstreams:\n  polymarket:\n    enabled: true\n    assets: [\"0xabc\"]\n"))
        .singleElement()
        .asString()
        .startsWith("upstreams.polymarket.assets: expected outcome token ids")
        .contains("0xabc");
  }

  @Test
  void load_silenceWindowBelowMinimum_namesMinimum() {
    assertThat(
            problems(
                OPEN
                    + "upstreams:\n  polymarket:\n    enabled: true\n    assets: [\"1\"]\n"
                    + "    silenceWindow: 5ms\n"))
        .singleElement()
        .asString()
        .startsWith("upstreams.polymarket.silenceWindow");
  }

  @Test
  void describe_polymarketSection_loadsBack() throws Exception {
    GatewayConfig c =
        load(
            OPEN
                + "upstreams:\n  polymarket:\n    enabled: true\n    assets: [\""
                + TOKEN
                + "\"]\n");
    Path again = dir.resolve("again.yaml");
    Files.writeString(again, c.describe(), StandardCharsets.UTF_8);

    assertThat(GatewayConfig.load(again, Map.of()).upstreams().polymarket())
        .isEqualTo(c.upstreams().polymarket());
  }

  private GatewayConfig load(String yaml) throws IOException {
    Path file = dir.resolve("marketgate.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return GatewayConfig.load(file, env);
  }

  private List<String> problems(String yaml) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(yaml));
    assertThat(e).as("a ConfigException").isNotNull();
    return e.problems();
  }
}
