package io.marketgate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One mapping of the YAML tree at a known key path, read key by key. Every read names the key it
 * knows, applies the key's environment override, converts the value and, when the value is wrong,
 * records a problem naming the path and returns empty; {@link #finish()} then reports the keys
 * nobody asked for. Used by one thread during one load.
 */
final class YamlSection {

  /*
   * Why the tree is walked by hand instead of bound with Jackson databind: databind stops at the
   * first bad value, names it in its own words and knows nothing of environment overrides. Walking
   * lets one load report every problem, each with the full key path and what was expected, and
   * lets the same code define both the schema and the MARKETGATE_* variable of every key (the
   * variables consulted are exactly the keys read, so unused MARKETGATE_* variables can be
   * reported). Secrets never appear in a problem: only their key path and origin do.
   */

  /** Largest secret file read; a bigger one is surely the wrong file. */
  private static final long MAX_SECRET_BYTES = 64 * 1024;

  private final Load load;
  private final String path;
  private final JsonNode node;
  private final boolean envOverrides;
  private final Set<String> known = new LinkedHashSet<>();

  private YamlSection(Load load, String path, JsonNode node, boolean envOverrides) {
    this.load = load;
    this.path = path;
    this.node = node;
    this.envOverrides = envOverrides;
  }

  /** The root mapping of a document. */
  static YamlSection root(Load load, JsonNode document) {
    YamlSection s = new YamlSection(load, "", MissingNode.getInstance(), true);
    if (document.isObject()) {
      return new YamlSection(load, "", document, true);
    }
    if (!document.isMissingNode() && !document.isNull()) {
      load.problem("(top level)", "expected a mapping of keys but was " + kind(document));
    }
    return s;
  }

  /** The path of {@code key} in this section. */
  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The path of this section ({@code ""} for the root). */
  String path() {
    return path;
  }

  /** Whether the file (not the environment) gives {@code key} a non-empty value. */
  boolean inFile(String key) {
    JsonNode n = node.get(key);
    return n != null && !n.isNull();
  }

  /** Whether any form of secret {@code key} is given, in the file or the environment. */
  boolean secretGiven(String key) {
    for (String k : List.of(key, key + "File", key + "Env")) {
      if (inFile(k) || (envOverrides && load.env.containsKey(ConfigText.envName(pathOf(k))))) {
        return true;
      }
    }
    return false;
  }

  /** The child mapping {@code key}; an absent child reads as empty (defaults and env only). */
  YamlSection section(String key) {
    known.add(key);
    JsonNode n = node.get(key);
    if (n == null || n.isNull()) {
      return new YamlSection(load, pathOf(key), MissingNode.getInstance(), envOverrides);
    }
    if (!n.isObject()) {
      load.problem(pathOf(key), "expected a mapping of keys but was " + kind(n));
      return new YamlSection(load, pathOf(key), MissingNode.getInstance(), envOverrides);
    }
    return new YamlSection(load, pathOf(key), n, envOverrides);
  }

  /** The list of mappings {@code key}, each read without environment overrides. */
  List<YamlSection> items(String key) {
    known.add(key);
    JsonNode n = node.get(key);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      load.problem(pathOf(key), "expected a list but was " + kind(n));
      return List.of();
    }
    List<YamlSection> items = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      String p = pathOf(key) + "[" + i + "]";
      JsonNode item = n.get(i);
      if (item.isObject()) {
        items.add(new YamlSection(load, p, item, false));
      } else {
        load.problem(p, "expected a mapping of keys but was " + kind(item));
      }
    }
    return items;
  }

  /** A text value. */
  Optional<String> string(String key) {
    return value(key).flatMap(v -> v.scalar().map(String::strip));
  }

  /** A text value that must match {@code valid}, described as {@code expected} otherwise. */
  Optional<String> string(String key, Predicate<String> valid, String expected) {
    return value(key)
        .flatMap(v -> v.scalar().map(String::strip).flatMap(s -> v.check(s, valid, expected)));
  }

  /** An integer in {@code [min, max]}. */
  Optional<Integer> integer(String key, int min, int max) {
    return longValue(key, min, max).map(Long::intValue);
  }

  /** A long in {@code [min, max]}. */
  Optional<Long> longValue(String key, long min, long max) {
    return value(key)
        .flatMap(
            v ->
                v.scalar()
                    .flatMap(
                        s -> {
                          try {
                            long n = Long.parseLong(s.strip().replace("_", ""));
                            if (n >= min && n <= max) {
                              return Optional.of(n);
                            }
                          } catch (NumberFormatException e) {
                            // reported below
                          }
                          return v.wrong(
                              "expected an integer in [" + min + ", " + max + "]", quoted(s));
                        }));
  }

  /** A byte count in {@code [min, max]}, as a number or with a unit ({@code 64KiB}). */
  Optional<Long> bytes(String key, long min, long max) {
    return value(key)
        .flatMap(
            v ->
                v.scalar()
                    .flatMap(
                        s -> {
                          Optional<Long> n = ConfigText.bytes(s);
                          if (n.isPresent() && n.get() >= min && n.get() <= max) {
                            return n;
                          }
                          return v.wrong(
                              "expected a size in ["
                                  + min
                                  + ", "
                                  + max
                                  + "] bytes, like 65536, 64KiB or 1MiB",
                              quoted(s));
                        }));
  }

  /** A boolean ({@code true} or {@code false}). */
  Optional<Boolean> bool(String key) {
    return value(key)
        .flatMap(
            v ->
                v.scalar()
                    .flatMap(
                        s ->
                            switch (s.strip().toLowerCase(Locale.ROOT)) {
                              case "true" -> Optional.of(true);
                              case "false" -> Optional.of(false);
                              default -> v.wrong("expected true or false", quoted(s));
                            }));
  }

  /** A duration of at least {@code min}, as {@code 30s}, {@code 500ms}, {@code 5m} or ISO-8601. */
  Optional<Duration> duration(String key, Duration min) {
    return value(key)
        .flatMap(
            v ->
                v.scalar()
                    .flatMap(
                        s -> {
                          Optional<Duration> d = ConfigText.duration(s);
                          if (d.isEmpty()) {
                            return v.wrong(
                                "expected a duration like 500ms, 30s, 5m, 1h or PT30S", quoted(s));
                          }
                          if (d.get().compareTo(min) < 0) {
                            return v.wrong(
                                "expected a duration of at least " + ConfigText.duration(min),
                                quoted(s));
                          }
                          return d;
                        }));
  }

  /** One of {@code type}'s constants, matched ignoring case. */
  <E extends Enum<E>> Optional<E> choice(String key, Class<E> type) {
    return value(key).flatMap(v -> v.scalar().flatMap(s -> v.choice(s, type)));
  }

  /** An absolute URL with one of {@code schemes}. */
  Optional<URI> url(String key, String... schemes) {
    return value(key)
        .flatMap(
            v ->
                v.scalar()
                    .flatMap(
                        s -> {
                          String expected =
                              "expected an absolute " + String.join(" or ", schemes) + " URL";
                          try {
                            URI u = new URI(s.strip());
                            if (u.getScheme() != null
                                && u.getHost() != null
                                && Arrays.asList(schemes)
                                    .contains(u.getScheme().toLowerCase(Locale.ROOT))) {
                              return Optional.of(u);
                            }
                          } catch (URISyntaxException e) {
                            // reported below
                          }
                          return v.wrong(expected, quoted(s));
                        }));
  }

  /**
   * A list of text values; from the environment, a comma-separated list. Items are stripped; blank
   * items are a problem.
   */
  Optional<List<String>> strings(String key) {
    return value(key).flatMap(Value::strings);
  }

  /** A list of {@code type}'s constants, matched ignoring case. */
  <E extends Enum<E>> Optional<List<E>> choices(String key, Class<E> type) {
    return value(key)
        .flatMap(
            v ->
                v.strings()
                    .flatMap(
                        list -> {
                          List<E> out = new ArrayList<>();
                          for (String s : list) {
                            Optional<E> e = v.choice(s, type);
                            if (e.isEmpty()) {
                              return Optional.empty();
                            }
                            out.add(e.get());
                          }
                          return Optional.of(out);
                        }));
  }

  /**
   * A file system path; relative paths resolve against the configuration file's directory when
   * written in the file, and against the working directory when given in the environment.
   */
  Optional<Path> path(String key) {
    return value(key)
        .flatMap(
            v ->
                v.scalar()
                    .flatMap(
                        s -> {
                          try {
                            Path p = Path.of(s.strip());
                            Path base = v.env().isPresent() ? load.workingDir : load.fileDir;
                            return Optional.of(base.resolve(p).normalize());
                          } catch (java.nio.file.InvalidPathException e) {
                            return v.wrong("expected a file system path", quoted(s));
                          }
                        }));
  }

  /**
   * A secret given as exactly one of {@code key} (literal: allowed from the environment only),
   * {@code keyFile} (a file holding it) or {@code keyEnv} (the name of a variable holding it). A
   * form set in the environment replaces every form of the file. Unless {@code resolve}, only the
   * forms are checked and nothing is read (for a disabled upstream).
   */
  Optional<Secret> secret(String key, boolean resolve) {
    String fileKey = key + "File";
    String envKey = key + "Env";
    Optional<Value> literal = value(key);
    Optional<Value> file = value(fileKey);
    Optional<Value> env = value(envKey);
    List<Value> given = new ArrayList<>();
    literal.ifPresent(given::add);
    file.ifPresent(given::add);
    env.ifPresent(given::add);
    if (literal.isPresent() && literal.get().env().isEmpty()) {
      load.problem(
          pathOf(key),
          "secrets must not be written into the configuration file; use "
              + fileKey
              + " (a file holding it) or "
              + envKey
              + " (the name of an environment variable holding it), or set "
              + ConfigText.envName(pathOf(key)));
      return Optional.empty();
    }
    List<Value> fromEnv = given.stream().filter(v -> v.env().isPresent()).toList();
    List<Value> chosen = fromEnv.isEmpty() ? given : fromEnv;
    if (chosen.isEmpty()) {
      return Optional.empty();
    }
    if (chosen.size() > 1) {
      load.problem(
          pathOf(key),
          "give only one of "
              + key
              + ", "
              + fileKey
              + " and "
              + envKey
              + ", but "
              + chosen.stream().map(v -> v.where()).collect(Collectors.joining(" and "))
              + " are set");
      return Optional.empty();
    }
    Value v = chosen.get(0);
    if (v == env.orElse(null)) {
      v.scalarQuiet().map(String::strip).ifPresent(load.consulted::add);
    }
    if (v == literal.orElse(null)) {
      if (!resolve) {
        return Optional.empty();
      }
      Optional<String> s = v.scalarQuiet().map(String::strip).filter(t -> !t.isEmpty());
      if (s.isEmpty()) {
        load.problem(v.where(), "the secret is empty");
      }
      return s.map(t -> Secret.of(t, "env " + v.env().get()));
    }
    if (!resolve) {
      return Optional.empty();
    }
    if (v == file.orElse(null)) {
      return path(fileKey).flatMap(p -> readSecretFile(v.where(), p));
    }
    return v.scalar()
        .map(String::strip)
        .flatMap(
            name -> {
              String s = load.env.get(name);
              if (s == null || s.isBlank()) {
                load.problem(
                    v.where(), "the environment variable " + name + " is not set or is empty");
                return Optional.empty();
              }
              return Optional.of(Secret.of(s.strip(), "env " + name));
            });
  }

  private Optional<Secret> readSecretFile(String where, Path p) {
    try {
      if (!Files.isRegularFile(p)) {
        load.problem(where, "the secret file " + p + " does not exist or is not a regular file");
        return Optional.empty();
      }
      if (Files.size(p) > MAX_SECRET_BYTES) {
        load.problem(where, "the secret file " + p + " is larger than 64 KiB");
        return Optional.empty();
      }
      String s = Files.readString(p, StandardCharsets.UTF_8).strip();
      if (s.isEmpty()) {
        load.problem(where, "the secret file " + p + " is empty");
        return Optional.empty();
      }
      return Optional.of(Secret.of(s, "file " + p));
    } catch (IOException | RuntimeException e) {
      load.problem(
          where, "cannot read the secret file " + p + " (" + e.getClass().getSimpleName() + ")");
      return Optional.empty();
    }
  }

  /** Reports every key of the file's mapping that no read asked for. */
  void finish() {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        String hint =
            ConfigText.suggestion(name, known).map(s -> " (did you mean " + s + "?)").orElse("");
        load.problem(
            pathOf(name),
            "unknown key"
                + hint
                + "; the keys of "
                + (path.isEmpty() ? "the top level" : path)
                + " are "
                + String.join(", ", known));
      }
    }
  }

  /** Records a problem about {@code key} of this section. */
  void problem(String key, String message) {
    load.problem(pathOf(key), message);
  }

  /** Records a warning about {@code key} of this section. */
  void warning(String key, String message) {
    load.warning(pathOf(key) + ": " + message);
  }

  /** The raw value of {@code key}: its environment override if set, else the file's value. */
  private Optional<Value> value(String key) {
    known.add(key);
    String p = pathOf(key);
    if (envOverrides) {
      String name = ConfigText.envName(p);
      load.consulted.add(name);
      String s = load.env.get(name);
      if (s != null) {
        return Optional.of(new Value(p, TextNode.valueOf(s), Optional.of(name)));
      }
    }
    JsonNode n = node.get(key);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    return Optional.of(new Value(p, n, Optional.empty()));
  }

  private static String kind(JsonNode n) {
    if (n.isObject()) {
      return "a mapping";
    }
    if (n.isArray()) {
      return "a list";
    }
    return quoted(n.asText());
  }

  private static String quoted(String s) {
    String t = s.length() > 80 ? s.substring(0, 77) + "..." : s;
    return "\"" + t.replace("\n", "\\n") + "\"";
  }

  /** One value found for one key, with where it came from. */
  private final class Value {
    private final String path;
    private final JsonNode node;
    private final Optional<String> env;

    Value(String path, JsonNode node, Optional<String> env) {
      this.path = path;
      this.node = node;
      this.env = env;
    }

    Optional<String> env() {
      return env;
    }

    /** The key path, and the variable it came from when it came from the environment. */
    String where() {
      return env.map(e -> path + " (from " + e + ")").orElse(path);
    }

    /** The value as text; a mapping or list is a problem. */
    Optional<String> scalar() {
      if (node.isValueNode()) {
        return Optional.of(node.asText());
      }
      load.problem(where(), "expected a single value but was " + kind(node));
      return Optional.empty();
    }

    /** Like {@link #scalar()}, for secrets: the problem never shows the value. */
    Optional<String> scalarQuiet() {
      if (node.isValueNode()) {
        return Optional.of(node.asText());
      }
      load.problem(where(), "expected a single value");
      return Optional.empty();
    }

    Optional<List<String>> strings() {
      List<String> raw = new ArrayList<>();
      if (node.isArray()) {
        for (JsonNode item : node) {
          if (!item.isValueNode() || item.isNull()) {
            load.problem(where(), "expected a list of single values but an item was " + kind(item));
            return Optional.empty();
          }
          raw.add(item.asText());
        }
      } else if (node.isValueNode() && env.isPresent()) {
        raw.addAll(Arrays.asList(node.asText().split(",", -1)));
        if (node.asText().isBlank()) {
          raw.clear();
        }
      } else {
        load.problem(where(), "expected a list like [a, b] but was " + kind(node));
        return Optional.empty();
      }
      List<String> out = raw.stream().map(String::strip).toList();
      if (out.stream().anyMatch(String::isEmpty)) {
        load.problem(where(), "expected a list without empty items");
        return Optional.empty();
      }
      return Optional.of(out);
    }

    Optional<String> check(String s, Predicate<String> valid, String expected) {
      return valid.test(s) ? Optional.of(s) : wrong(expected, quoted(s));
    }

    <E extends Enum<E>> Optional<E> choice(String s, Class<E> type) {
      String t = s.strip();
      for (E e : type.getEnumConstants()) {
        if (e.name().equalsIgnoreCase(t) || e.name().replace("_", "").equalsIgnoreCase(t)) {
          return Optional.of(e);
        }
      }
      String all =
          Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
      return wrong("expected one of " + all, quoted(s));
    }

    <T> Optional<T> wrong(String expected, String actual) {
      load.problem(where(), expected + " but was " + actual);
      return Optional.empty();
    }
  }

  /** The state of one load: inputs, and the problems and warnings found so far. */
  static final class Load {
    final Map<String, String> env;
    final Path fileDir;
    final Path workingDir;
    final List<String> problems = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final Set<String> consulted = new LinkedHashSet<>();

    Load(Map<String, String> env, Path fileDir, Path workingDir) {
      this.env = Map.copyOf(env);
      this.fileDir = fileDir;
      this.workingDir = workingDir;
    }

    void problem(String path, String message) {
      problems.add(path + ": " + message);
    }

    void warning(String message) {
      warnings.add(message);
    }
  }
}
