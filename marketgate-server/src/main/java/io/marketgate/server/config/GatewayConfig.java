package io.marketgate.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.marketgate.sim.VenueSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole gateway configuration: what {@code marketgate serve --config FILE} runs. Loaded from
 * one YAML file with environment overrides by {@link #load}, or made by {@link #demo}. Immutable;
 * {@link #toString()} and {@link #describe()} never show a secret.
 *
 * @param server where the HTTP server listens
 * @param auth who may call it
 * @param dataDir directory for the journal and the cache's file tier
 * @param upstreams the venues and feeds called, each present only when enabled
 * @param cache history sizes of the last-value cache
 * @param storage the SQL journal
 * @param views how the views compute what they serve
 * @param slate the NBA slate board view ({@code views.slate})
 * @param warnings what the load found questionable but usable, each {@code path: why}; the caller
 *     logs them at start
 */
public record GatewayConfig(
    ServerConfig server,
    AuthConfig auth,
    Path dataDir,
    UpstreamsConfig upstreams,
    CacheConfig cache,
    StorageConfig storage,
    ViewsConfig views,
    SlateConfig slate,
    List<String> warnings) {

  /** Validates the parts and copies the warnings. */
  public GatewayConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(upstreams, "upstreams");
    Objects.requireNonNull(cache, "cache");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(views, "views");
    Objects.requireNonNull(slate, "slate");
    warnings = List.copyOf(warnings);
  }

  /** This configuration with {@code auth} instead of its own. */
  public GatewayConfig withAuth(AuthConfig auth) {
    return new GatewayConfig(
        server, auth, dataDir, upstreams, cache, storage, views, slate, warnings);
  }

  /**
   * Reads {@code file}, applies the {@code MARKETGATE_*} overrides found in {@code env} (pass
   * {@code System.getenv()}), resolves secrets and checks everything.
   *
   * @throws ConfigException listing every problem, each naming its key path
   */
  public static GatewayConfig load(Path file, Map<String, String> env) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(env, "env");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          file.toString(), List.of("(file): cannot read it: " + e.getClass().getSimpleName()));
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    YamlSection.Load load =
        new YamlSection.Load(env, dir, Path.of("").toAbsolutePath().normalize());
    JsonNode document = parse(file.toString(), text);
    return GatewayConfigReader.read(YamlSection.root(load, document), load)
        .orElseThrow(() -> new ConfigException(file.toString(), load.problems));
  }

  /**
   * The preset of {@code marketgate demo}: every upstream pointed at {@code simulator}, open auth
   * on loopback; finish it with the returned builder.
   */
  public static DemoPreset demo(VenueSimulator simulator) {
    return DemoPreset.forSimulator(simulator);
  }

  /**
   * The effective configuration as YAML, defaults included, for the start-up log and {@code
   * --print-config}; secrets appear as where they came from.
   */
  public String describe() {
    return ConfigDescription.yaml(this);
  }

  private static JsonNode parse(String source, String text) {
    YAMLMapper mapper = YAMLMapper.builder().build();
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = mapper.readerFor(JsonNode.class).readValues(text)) {
      while (it.hasNextValue()) {
        documents.add(it.nextValue());
      }
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? "(file)"
              : "(line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      throw new ConfigException(
          source, List.of(where + ": not valid YAML: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException(
          source, List.of("(file): cannot parse it: " + e.getClass().getSimpleName()));
    }
    if (documents.size() > 1) {
      throw new ConfigException(
          source, List.of("(file): holds " + documents.size() + " YAML documents; expected one"));
    }
    return documents.isEmpty() ? MissingNode.getInstance() : documents.get(0);
  }
}
