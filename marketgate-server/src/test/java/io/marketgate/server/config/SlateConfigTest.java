package io.marketgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.marketgate.model.DeVigMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code views.slate.*}: defaults, every key read, bad values named by their path. */
class SlateConfigTest {

  private static final String OPEN = "auth:\n  mode: open\n";

  @TempDir Path dir;

  private GatewayConfig load(String yaml, Map<String, String> env) throws Exception {
    Path file = dir.resolve("marketgate.yaml");
    Files.writeString(file, yaml);
    return GatewayConfig.load(file, env);
  }

  @Test
  void load_noViewsSection_defaults() throws Exception {
    assertThat(load(OPEN, Map.of()).slate()).isEqualTo(SlateConfig.defaults());
  }

  @Test
  void load_everyKey_read() throws Exception {
    SlateConfig c =
        load(
                OPEN
                    + "views:\n  slate:\n    enabled: false\n    fairSources: [odds_api:pinnacle]\n"
                    + "    deVig: shin\n    marginSigma: 12.5\n    totalSigma: 19\n"
                    + "    strikesEachSide: 3\n    manifestTtl: 30s\n    gamesTtl: 5m\n"
                    + "    maxConcurrency: 4\n    debounce: 100ms\n",
                Map.of("MARKETGATE_VIEWS_SLATE_MARGIN_SIGMA", "14"))
            .slate();

    assertThat(c.enabled()).isFalse();
    assertThat(c.fairSources()).containsExactly("odds_api:pinnacle");
    assertThat(c.deVig()).isEqualTo(DeVigMethod.SHIN);
    assertThat(c.marginSigma()).isEqualTo(14.0);
    assertThat(c.totalSigma()).isEqualTo(19.0);
    assertThat(c.strikesEachSide()).isEqualTo(3);
    assertThat(c.manifestTtl()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.gamesTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.maxConcurrency()).isEqualTo(4);
    assertThat(c.debounce()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void load_badValues_namedByPath() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                load(
                    OPEN
                        + "views:\n  slate:\n    marginSigma: wide\n"
                        + "    fairSources: [pinnacle]\n    strikesEachSide: 0\n",
                    Map.of()));

    List<String> problems = e.problems();
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("views.slate.marginSigma:"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("views.slate.fairSources:"));
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("views.slate.strikesEachSide:"));
  }
}
