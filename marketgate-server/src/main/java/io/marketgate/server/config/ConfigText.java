package io.marketgate.server.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsing and naming rules of the configuration's text values: durations, sizes, env names. */
final class ConfigText {

  /** Prefix of every environment override. */
  static final String ENV_PREFIX = "MARKETGATE_";

  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(B|KB|KiB|MB|MiB|GB|GiB)?", Pattern.CASE_INSENSITIVE);

  private ConfigText() {}

  /**
   * A duration written as ISO-8601 ({@code PT30S}) or as number-unit parts ({@code 500ms}, {@code
   * 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}); empty when the text is neither.
   */
  static Optional<Duration> duration(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    if (t.charAt(0) == 'P' || t.charAt(0) == 'p' || t.startsWith("-P")) {
      try {
        return Optional.of(Duration.parse(t));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    Matcher m = DURATION_PART.matcher(t);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < t.length()) {
      if (!m.find(at) || m.start() != at) {
        return Optional.empty();
      }
      long n;
      try {
        n = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      Duration part =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
          };
      total = total.plus(part);
      at = m.end();
    }
    return Optional.of(total);
  }

  /**
   * {@code d} in the short form {@link #duration} reads: {@code 500ms}, {@code 30s}, {@code 1h5m}.
   */
  static String duration(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
      return d.toString();
    }
    StringBuilder b = new StringBuilder();
    long ms = d.toMillis();
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
    String[] names = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < units.length; i++) {
      if (ms >= units[i]) {
        b.append(ms / units[i]).append(names[i]);
        ms %= units[i];
      }
    }
    return b.toString();
  }

  /** A byte count written as a number with an optional unit ({@code 64KiB}, {@code 1MB}). */
  static Optional<Long> bytes(String text) {
    Matcher m = SIZE.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
    long factor =
        switch (unit) {
          case "KB" -> 1_000L;
          case "KIB" -> 1L << 10;
          case "MB" -> 1_000_000L;
          case "MIB" -> 1L << 20;
          case "GB" -> 1_000_000_000L;
          case "GIB" -> 1L << 30;
          default -> 1L;
        };
    try {
      return Optional.of(Math.multiplyExact(n, factor));
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  /**
   * The environment variable that overrides the key at {@code path}: {@code MARKETGATE_}, then the
   * path's segments with camel case split at upper-case letters, upper-cased and joined by {@code
   * _}. {@code upstreams.oddsApi.apiKeyFile} → {@code MARKETGATE_UPSTREAMS_ODDS_API_API_KEY_FILE}.
   */
  static String envName(String path) {
    StringBuilder b = new StringBuilder(ENV_PREFIX);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '.') {
        b.append('_');
      } else if (Character.isUpperCase(c)) {
        b.append('_').append(c);
      } else {
        b.append(Character.toUpperCase(c));
      }
    }
    return b.toString();
  }

  /** The candidate {@code name} most likely meant (edit distance ≤ 2, or same letters), if any. */
  static Optional<String> suggestion(String name, Collection<String> candidates) {
    String folded = fold(name);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = fold(c).equals(folded) ? 0 : distance(name, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return bestDistance <= (name.length() <= 4 ? 1 : 2)
        ? Optional.ofNullable(best)
        : Optional.empty();
  }

  private static String fold(String s) {
    return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  /** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        char x = Character.toLowerCase(a.charAt(i - 1));
        char y = Character.toLowerCase(b.charAt(j - 1));
        int cost = x == y ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && x == Character.toLowerCase(b.charAt(j - 2))
            && Character.toLowerCase(a.charAt(i - 2)) == y) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
