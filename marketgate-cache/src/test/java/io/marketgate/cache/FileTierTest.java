package io.marketgate.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketgate.cache.CachedResourceTest.ScriptedLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FileTierTest {

  static final ResourcePolicy PERSISTED = CachedResourceTest.POLICY.withPersist(true);

  @TempDir Path dir;

  private final ManualClock clock = new ManualClock();
  private final ScriptedLoader loader = new ScriptedLoader();

  @Test
  void restart_persistedValues_areRestoredWarmWithoutLoading() {
    CachedResource<String, String> before = persisted(FileTier.open(dir), loader);
    Served<String> a = before.get("a");
    before.get("b");
    clock.advance(Duration.ofSeconds(4));

    ScriptedLoader afterLoader = new ScriptedLoader();
    CachedResource<String, String> after = persisted(FileTier.open(dir), afterLoader);
    Served<String> restored = after.get("a");

    assertThat(restored.value()).isEqualTo("a-v1");
    assertThat(restored.freshness())
        .isEqualTo(
            new Freshness(Provenance.WARM, Duration.ofSeconds(4), 1, 0, a.freshness().asOf()));
    assertThat(after.getIfPresent("b").orElseThrow().value()).isEqualTo("b-v2");
    assertThat(afterLoader.calls).hasValue(0);
  }

  @Test
  void restart_warmValueReloaded_becomesLiveWithNextSeqAndNewEpoch() {
    CachedResource<String, String> before = persisted(FileTier.open(dir), loader);
    before.get("a");
    before.get("b");
    clock.advance(Duration.ofSeconds(7));

    ScriptedLoader afterLoader = new ScriptedLoader();
    CachedResource<String, String> after = persisted(FileTier.open(dir), afterLoader);
    Served<String> warm = after.get("a");
    Served<String> live = after.get("a");

    assertThat(warm.freshness().provenance())
        .as("older than refreshAhead: served warm, reloaded in the background")
        .isEqualTo(Provenance.WARM);
    assertThat(live.value()).isEqualTo("a-v1");
    assertThat(live.freshness().provenance()).isEqualTo(Provenance.LIVE);
    assertThat(live.freshness().seq()).as("continues after the restored seqs").isEqualTo(3);
    assertThat(live.freshness().epoch()).as("a restart breaks continuity").isEqualTo(1);
    assertThat(afterLoader.calls).hasValue(1);
  }

  @Test
  void restart_warmValueOlderThanTtlAndReloadFails_isServedWarmUntilMaxStale() {
    CachedResource<String, String> before = persisted(FileTier.open(dir), loader);
    before.get("a");
    clock.advance(Duration.ofSeconds(30));

    ScriptedLoader afterLoader = new ScriptedLoader();
    afterLoader.failWith(new IOException("venue down"));
    CachedResource<String, String> after = persisted(FileTier.open(dir), afterLoader);
    Served<String> served = after.get("a");

    assertThat(served.value()).isEqualTo("a-v1");
    assertThat(served.freshness().provenance()).isEqualTo(Provenance.WARM);
    assertThat(served.freshness().age()).isEqualTo(Duration.ofSeconds(30));
    assertThat(afterLoader.calls).hasValue(1);
    assertThat(after.stats().staleServes()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(30));
    assertThatThrownBy(() -> after.get("a"))
        .isInstanceOf(ResourceUnavailableException.class)
        .hasMessageContaining("venue down");
  }

  @Test
  void restart_fileOlderThanMaxStale_isNotRestored() {
    persisted(FileTier.open(dir), loader).get("a");
    clock.advance(Duration.ofSeconds(60));

    FileTier tier = FileTier.open(dir);
    CachedResource<String, String> after = persisted(tier, new ScriptedLoader());

    assertThat(after.getIfPresent("a")).isEmpty();
    assertThat(tier.skipped()).as("old but valid: not a warning").isEmpty();
  }

  @Test
  void restart_resourceWithoutPersist_ignoresTheTier() {
    persisted(FileTier.open(dir), loader).get("a");

    CachedResource<String, String> notPersisted =
        CachedResource.<String, String>builder("quotes", new ScriptedLoader())
            .policy(PERSISTED.withPersist(false))
            .clock(clock)
            .executor(Runnable::run)
            .fileTier(FileTier.open(dir), ValueCodec.utf8(), ValueCodec.utf8())
            .build();

    assertThat(notPersisted.getIfPresent("a")).isEmpty();
  }

  @Test
  void write_successfulLoads_leaveOnlyCacheFilesBehind() throws IOException {
    FileTier tier = FileTier.open(dir);
    CachedResource<String, String> quotes = persisted(tier, loader);

    quotes.get("a");
    quotes.get("b");
    quotes.refresh("a").join();

    assertThat(listNames()).hasSize(2).allMatch(name -> name.endsWith(FileTier.SUFFIX));
    assertThat(tier.writes()).isEqualTo(3);
    assertThat(tier.writeFailures()).isZero();
  }

  @Test
  void write_olderSeqAfterNewer_isDropped() {
    FileTier tier = FileTier.open(dir);
    byte[] key = "k".getBytes(StandardCharsets.UTF_8);
    Instant asOf = clock.wallTime();

    tier.write("quotes", key, asOf, 2, 0, "new".getBytes(StandardCharsets.UTF_8));
    tier.write("quotes", key, asOf, 1, 0, "old".getBytes(StandardCharsets.UTF_8));

    List<FileTier.StoredEntry> stored = FileTier.open(dir).take("quotes");
    assertThat(stored).singleElement().satisfies(e -> assertThat(e.seq()).isEqualTo(2));
    assertThat(new String(stored.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("new");
  }

  @Test
  void write_directoryRemoved_countsFailureAndKeepsServing() throws IOException {
    Path sub = dir.resolve("tier");
    FileTier tier = FileTier.open(sub);
    CachedResource<String, String> quotes = persisted(tier, loader);
    Files.delete(sub);

    Served<String> served = quotes.get("a");

    assertThat(served.value()).isEqualTo("a-v1");
    assertThat(tier.writeFailures()).isEqualTo(1);
  }

  @Test
  void write_valueCodecFails_countsFailureAndKeepsServing() {
    FileTier tier = FileTier.open(dir);
    ValueCodec<String> broken =
        ValueCodec.of(
            value -> {
              throw new IllegalStateException("cannot encode " + value);
            },
            bytes -> "x");
    CachedResource<String, String> quotes =
        CachedResource.<String, String>builder("quotes", loader)
            .policy(PERSISTED)
            .clock(clock)
            .executor(Runnable::run)
            .fileTier(tier, ValueCodec.utf8(), broken)
            .build();

    assertThat(quotes.get("a").value()).isEqualTo("a-v1");
    assertThat(tier.writeFailures()).isEqualTo(1);
  }

  @Test
  void open_leftoverTemporaryFile_isDeletedWithOneWarning() throws IOException {
    persisted(FileTier.open(dir), loader).get("a");
    Path leftover = dir.resolve(".something.mgc.1234.tmp");
    Files.write(leftover, new byte[] {1, 2, 3});

    FileTier tier = FileTier.open(dir);

    assertThat(leftover).doesNotExist();
    assertThat(tier.skipped())
        .singleElement()
        .satisfies(s -> assertThat(s.file()).isEqualTo(leftover));
    assertThat(persisted(tier, new ScriptedLoader()).getIfPresent("a")).isPresent();
  }

  @Test
  void invalidate_persistedKey_deletesItsFile() throws IOException {
    CachedResource<String, String> quotes = persisted(FileTier.open(dir), loader);
    quotes.get("a");
    quotes.get("b");

    quotes.invalidate("a");

    assertThat(listNames()).containsExactly(fileOf("quotes", "b"));
    CachedResource<String, String> after = persisted(FileTier.open(dir), new ScriptedLoader());
    assertThat(after.getIfPresent("a")).isEmpty();
    assertThat(after.getIfPresent("b")).isPresent();
  }

  @Test
  void invalidateAll_persistedKeys_deletesTheirFilesOnly() throws IOException {
    FileTier tier = FileTier.open(dir);
    CachedResource<String, String> quotes = persisted(tier, loader);
    CachedResource<String, String> events = persisted("events", tier, new ScriptedLoader());
    quotes.get("a");
    quotes.get("b");
    events.get("a");

    quotes.invalidateAll();

    assertThat(listNames()).containsExactly(fileOf("events", "a"));
  }

  @Test
  void build_secondResourceWithSameNameOnOneTier_isRefused() {
    FileTier tier = FileTier.open(dir);
    persisted(tier, loader);

    assertThatThrownBy(() -> persisted(tier, loader))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'quotes'");
  }

  @Test
  void open_filesOfOtherResources_areKeptForThemWithoutWarning() {
    FileTier tier = FileTier.open(dir);
    persisted(tier, loader).get("a");
    persisted("events", tier, new ScriptedLoader()).get("e");

    FileTier reopened = FileTier.open(dir);
    CachedResource<String, String> quotes = persisted(reopened, new ScriptedLoader());
    CachedResource<String, String> events = persisted("events", reopened, new ScriptedLoader());

    assertThat(reopened.skipped()).isEmpty();
    assertThat(quotes.getIfPresent("e")).isEmpty();
    assertThat(events.getIfPresent("e").orElseThrow().value()).isEqualTo("e-v1");
  }

  /** The ways a file in the tier directory can be unusable. */
  enum Damage {
    TRUNCATED,
    BIT_FLIPPED,
    WRONG_VERSION,
    WRONG_MAGIC,
    EMPTY,
    DIRECTORY,
    FOREIGN_FILE,
    OTHER_RESOURCE_UNDER_WRONG_NAME,
    UNDECODABLE_VALUE
  }

  @ParameterizedTest
  @EnumSource(Damage.class)
  void open_damagedFile_isSkippedWithOneWarningAndGoodFilesAreRestored(Damage damage)
      throws IOException {
    persisted(FileTier.open(dir), loader).get("a");
    persisted(FileTier.open(dir), new ScriptedLoader()).get("b");
    Path bad = damage(damage);

    FileTier tier = FileTier.open(dir);
    ScriptedLoader afterLoader = new ScriptedLoader();
    CachedResource<String, String> quotes = persisted(tier, afterLoader);

    assertThat(tier.skipped())
        .singleElement()
        .satisfies(skipped -> assertThat(skipped.file()).isEqualTo(bad));
    assertThat(quotes.getIfPresent("a").orElseThrow().freshness().provenance())
        .isEqualTo(Provenance.WARM);
    assertThat(quotes.getIfPresent("b").orElseThrow().value()).isEqualTo("b-v1");
    assertThat(quotes.getIfPresent("bad")).isEmpty();
    assertThat(afterLoader.calls).hasValue(0);
  }

  @Test
  void open_damagedFiles_logOneWarningNamingEachFileAndWhatIsWrong() throws IOException {
    persisted(FileTier.open(dir), loader).get("a");
    Path empty = Files.createFile(dir.resolve(fileOf("quotes", "empty")));
    Path foreign = Files.writeString(dir.resolve("README.txt"), "hello");
    Path flipped = dir.resolve(fileOf("quotes", "a"));
    byte[] bytes = Files.readAllBytes(flipped);
    bytes[bytes.length - 6] ^= 0x10;
    Files.write(flipped, bytes);
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(FileTier.class.getName());
    logger.addHandler(handler);
    try {
      FileTier.open(dir);
    } finally {
      logger.removeHandler(handler);
    }

    assertThat(records).allMatch(r -> r.getLevel().equals(Level.WARNING)).hasSize(3);
    assertThat(records)
        .extracting(LogRecord::getMessage)
        .anySatisfy(m -> assertThat(m).contains(empty.toString()).contains("empty file"))
        .anySatisfy(m -> assertThat(m).contains(foreign.toString()).contains("foreign file"))
        .anySatisfy(m -> assertThat(m).contains(flipped.toString()).contains("checksum mismatch"));
  }

  @Test
  void decode_wrongVersion_namesTheVersion() throws IOException {
    byte[] bytes = validFileBytes();
    bytes[5] = 7;

    assertThatThrownBy(() -> FileTier.decode(dir, bytes))
        .isInstanceOf(FileTier.CorruptFileException.class)
        .hasMessageContaining("unsupported format version 7, expected 1");
  }

  @Test
  void decode_truncated_saysTruncated() throws IOException {
    byte[] bytes = validFileBytes();
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 5);

    assertThatThrownBy(() -> FileTier.decode(dir, truncated))
        .isInstanceOf(FileTier.CorruptFileException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void encode_thenDecode_roundTripsEveryField() throws Exception {
    Instant asOf = Instant.parse("2026-01-09T23:15:30.123456789Z");
    FileTier.StoredEntry entry =
        new FileTier.StoredEntry(
            dir, "odds", new byte[] {0, 1, 2}, asOf, 42, 3, new byte[] {9, 8, 7, 6});

    FileTier.StoredEntry decoded = FileTier.decode(dir, FileTier.encode(entry));

    assertThat(decoded.resource()).isEqualTo("odds");
    assertThat(decoded.key()).containsExactly(0, 1, 2);
    assertThat(decoded.asOf()).isEqualTo(asOf);
    assertThat(decoded.seq()).isEqualTo(42);
    assertThat(decoded.epoch()).isEqualTo(3);
    assertThat(decoded.payload()).containsExactly(9, 8, 7, 6);
  }

  @Test
  void fileName_keysWithPathCharacters_areSafeHexNames() {
    String name = FileTier.fileName("quotes", "../../etc/passwd".getBytes(StandardCharsets.UTF_8));

    assertThat(name).matches("[0-9a-f]{64}\\.mgc");
  }

  private Path damage(Damage damage) throws IOException {
    Path bad = dir.resolve(fileOf("quotes", "bad"));
    switch (damage) {
      case TRUNCATED -> {
        persisted(FileTier.open(dir), new ScriptedLoader()).get("bad");
        byte[] bytes = Files.readAllBytes(bad);
        Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      }
      case BIT_FLIPPED -> {
        persisted(FileTier.open(dir), new ScriptedLoader()).get("bad");
        byte[] bytes = Files.readAllBytes(bad);
        bytes[bytes.length - 6] ^= 0x01;
        Files.write(bad, bytes);
      }
      case WRONG_VERSION -> {
        persisted(FileTier.open(dir), new ScriptedLoader()).get("bad");
        byte[] bytes = Files.readAllBytes(bad);
        bytes[5] = 2;
        Files.write(bad, bytes);
      }
      case WRONG_MAGIC -> {
        persisted(FileTier.open(dir), new ScriptedLoader()).get("bad");
        byte[] bytes = Files.readAllBytes(bad);
        bytes[0] = 'X';
        Files.write(bad, bytes);
      }
      case EMPTY -> Files.createFile(bad);
      case DIRECTORY -> Files.createDirectory(bad);
      case FOREIGN_FILE -> {
        bad = dir.resolve("notes.txt");
        Files.writeString(bad, "not a cache file");
      }
      case OTHER_RESOURCE_UNDER_WRONG_NAME -> {
        persisted("events", FileTier.open(dir), new ScriptedLoader()).get("e");
        Files.move(dir.resolve(fileOf("events", "e")), bad);
      }
      case UNDECODABLE_VALUE -> {
        FileTier tier = FileTier.open(dir);
        tier.write(
            "quotes",
            "bad".getBytes(StandardCharsets.UTF_8),
            clock.wallTime(),
            99,
            0,
            new byte[] {(byte) 0xC3, (byte) 0x28});
      }
    }
    return bad;
  }

  private byte[] validFileBytes() throws IOException {
    persisted(FileTier.open(dir), loader).get("a");
    return Files.readAllBytes(dir.resolve(fileOf("quotes", "a")));
  }

  private List<String> listNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static String fileOf(String resource, String key) {
    return FileTier.fileName(resource, key.getBytes(StandardCharsets.UTF_8));
  }

  private CachedResource<String, String> persisted(FileTier tier, ScriptedLoader source) {
    return persisted("quotes", tier, source);
  }

  private CachedResource<String, String> persisted(
      String name, FileTier tier, ScriptedLoader source) {
    return CachedResource.<String, String>builder(name, source)
        .policy(PERSISTED)
        .clock(clock)
        .executor(Runnable::run)
        .fileTier(tier, ValueCodec.utf8(), ValueCodec.utf8())
        .build();
  }
}
