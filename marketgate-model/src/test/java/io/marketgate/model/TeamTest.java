package io.marketgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TeamTest {

  @Test
  void label_nameAbbreviationId_prefersNameThenAbbreviationThenId() {
    assertThat(Team.withId("11", Optional.of("Boston Celtics"), Optional.of("BOS")).label())
        .isEqualTo("Boston Celtics");
    assertThat(Team.withId("11", Optional.empty(), Optional.of("BOS")).label()).isEqualTo("BOS");
    assertThat(Team.withId("11", Optional.empty(), Optional.empty()).label()).isEqualTo("11");
  }

  @Test
  void new_noPart_namesRecord() {
    assertThatThrownBy(() -> new Team(Optional.empty(), Optional.empty(), Optional.empty()))
        .isInstanceOf(ModelException.class)
        .hasMessage("Team: needs at least one of id, name or abbreviation");
  }

  @Test
  void named_blankName_namesRecordAndPart() {
    assertThatThrownBy(() -> Team.named(" "))
        .isInstanceOf(ModelException.class)
        .hasMessage("Team: name is blank");
  }

  @Test
  void bookmaker_idWithSpace_namesRecordAndPart() {
    assertThatThrownBy(() -> new Bookmaker("draft kings", "DraftKings"))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith("Bookmaker: id must not contain whitespace");
    assertThat(new Bookmaker("draftkings", "Draft Kings").name()).isEqualTo("Draft Kings");
  }
}
