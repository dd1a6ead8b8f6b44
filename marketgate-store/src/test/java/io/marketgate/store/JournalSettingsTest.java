package io.marketgate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JournalSettingsTest {

  @Test
  void of_unsupportedScheme_throwsNamingScheme() {
    assertThatThrownBy(() -> JournalSettings.of("jdbc:mysql://db/journal"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("jdbc:mysql:")
        .hasMessageContaining("jdbc:sqlite:FILE");
  }

  @Test
  void toString_withPassword_neverShowsIt() {
    JournalSettings s =
        JournalSettings.of("jdbc:postgresql://db/journal").withCredentials("gate", "s3cret-pass");

    assertThat(s.toString()).doesNotContain("s3cret-pass").contains("(set)");
    assertThat(s.isSqlite()).isFalse();
  }

  @Test
  void redacted_urlWithQuery_dropsTheQuery() {
    assertThat(SqlJournal.redacted("jdbc:postgresql://db/j?password=x")).doesNotContain("password");
  }
}
