package io.marketgate.server.config;

import java.util.List;

/**
 * The configuration cannot be used: the file is unreadable or not YAML, or one or more keys are
 * wrong. The message lists every problem, each starting with the key path it is about (for example
 * {@code server.port: expected an integer in [0, 65535] but was 70000}); it never holds a secret.
 */
public final class ConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The problems, each {@code path: what is wrong}. */
  private final List<String> problems;

  /** A failure of the configuration at {@code source} with {@code problems} (at least one). */
  ConfigException(String source, List<String> problems) {
    super(message(source, problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, each {@code path: what is wrong}, in the order of the file. */
  public List<String> problems() {
    return problems;
  }

  private static String message(String source, List<String> problems) {
    StringBuilder b = new StringBuilder();
    b.append("configuration ")
        .append(source)
        .append(" has ")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem:" : " problems:");
    for (String p : problems) {
      b.append("\n  - ").append(p);
    }
    return b.toString();
  }
}
