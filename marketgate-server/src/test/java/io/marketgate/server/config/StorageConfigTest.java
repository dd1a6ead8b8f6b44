package io.marketgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code storage} section of the configuration file. */
class StorageConfigTest {

  private static final String OPEN = "auth:\n  mode: open\n";

  @TempDir Path dir;

  private final Map<String, String> env = new HashMap<>();

  @Test
  void load_noStorageSection_usesSqliteFileInDataDir() throws Exception {
    GatewayConfig c = load(OPEN + "dataDir: state\n");

    StorageConfig s = c.storage();
    assertThat(s.enabled()).isTrue();
    assertThat(s.url()).isEqualTo("jdbc:sqlite:" + dir.resolve("state").resolve("journal.db"));
    assertThat(s).isEqualTo(StorageConfig.defaults(c.dataDir()));
    assertThat(s.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(s.warmUpWindow()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void load_postgresWithPasswordEnv_resolvesPasswordAndNeverDescribesIt() throws Exception {
    env.put("DB_PASSWORD", "db-secret-value");
    GatewayConfig c =
        load(
            OPEN
                + "storage:\n  url: jdbc:postgresql://db:5432/gate\n  user: gate\n"
                + "  passwordEnv: DB_PASSWORD\n  queueCapacity: 2000\n  batchSize: 100\n"
                + "  retention: 7d\n");

    StorageConfig s = c.storage();
    assertThat(s.url()).isEqualTo("jdbc:postgresql://db:5432/gate");
    assertThat(s.user()).contains("gate");
    assertThat(s.password().orElseThrow().reveal()).isEqualTo("db-secret-value");
    assertThat(s.queueCapacity()).isEqualTo(2000);
    assertThat(s.batchSize()).isEqualTo(100);
    assertThat(s.retention()).isEqualTo(Duration.ofDays(7));
    assertThat(c.describe()).doesNotContain("db-secret-value").contains("retention: 7d");
    assertThat(s.toString()).doesNotContain("db-secret-value");
  }

  @Test
  void load_environmentOverride_replacesFileValue() throws Exception {
    env.put("MARKETGATE_STORAGE_QUEUE_CAPACITY", "64");
    env.put("MARKETGATE_STORAGE_BATCH_SIZE", "8");

    StorageConfig s = load(OPEN + "storage:\n  queueCapacity: 5000\n").storage();

    assertThat(s.queueCapacity()).isEqualTo(64);
    assertThat(s.batchSize()).isEqualTo(8);
  }

  @Test
  void load_unsupportedUrl_problemNamesStorageUrl() {
    assertThat(problems(OPEN + "storage:\n  url: jdbc:mysql://db/gate\n"))
        .anySatisfy(p -> assertThat(p).startsWith("storage.url").contains("jdbc:postgresql:"));
  }

  @Test
  void load_passwordInsideUrl_problemNamesStorageUrlWithoutEchoingIt() {
    List<String> problems =
        problems(OPEN + "storage:\n  url: jdbc:postgresql://db/gate?password=hunter2-secret\n");

    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("storage.url"));
    assertThat(String.join("\n", problems)).doesNotContain("hunter2-secret");
  }

  @Test
  void load_batchLargerThanQueue_problemNamesBatchSize() {
    assertThat(problems(OPEN + "storage:\n  queueCapacity: 10\n  batchSize: 50\n"))
        .anySatisfy(p -> assertThat(p).startsWith("storage.batchSize").contains("queueCapacity"));
  }

  @Test
  void load_unknownStorageKey_problemNamesIt() {
    assertThat(problems(OPEN + "storage:\n  queueSize: 10\n"))
        .anySatisfy(p -> assertThat(p).contains("storage.queueSize"));
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
