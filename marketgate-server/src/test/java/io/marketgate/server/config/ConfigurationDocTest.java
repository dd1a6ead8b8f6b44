package io.marketgate.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code docs/configuration.md} documents exactly the keys the reader knows. */
class ConfigurationDocTest {

  private static final Path DOC = Path.of("..", "docs", "configuration.md");

  @Test
  void doc_everyOverrideVariable_isDocumented() throws Exception {
    String doc = Files.readString(DOC);

    assertThat(GatewayConfigReader.overrideVariables())
        .hasSizeGreaterThan(40)
        .allSatisfy(v -> assertThat(doc).contains("`" + v + "`"));
  }

  @Test
  void doc_everyVariableItNames_exists() throws Exception {
    Matcher m = Pattern.compile("MARKETGATE_[A-Z][A-Z_]*[A-Z]").matcher(Files.readString(DOC));
    Set<String> named = new TreeSet<>();
    while (m.find()) {
      named.add(m.group());
    }

    assertThat(named).isNotEmpty().isSubsetOf(GatewayConfigReader.overrideVariables());
  }
}
