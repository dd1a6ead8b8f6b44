package io.marketgate.server.slate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NbaTeamsTest {

  @Test
  void all_thirtyTeamsWithDistinctCodesAndNames() {
    assertThat(NbaTeams.all()).hasSize(30);
    assertThat(NbaTeams.all().stream().map(NbaTeams.NbaTeam::code).distinct()).hasSize(30);
    for (NbaTeams.NbaTeam t : NbaTeams.all()) {
      assertThat(NbaTeams.byName(t.name())).contains(t);
      assertThat(NbaTeams.byCode(t.code())).contains(t);
    }
  }

  @Test
  void byName_aliasesCaseAndSpaces_resolve() {
    assertThat(NbaTeams.byName("LA Clippers").orElseThrow().code()).isEqualTo("LAC");
    assertThat(NbaTeams.byName("  los angeles   LAKERS ").orElseThrow().code()).isEqualTo("LAL");
    assertThat(NbaTeams.byName("Philadelphia 76ers").orElseThrow().code()).isEqualTo("PHI");
    assertThat(NbaTeams.byName("Trail Blazers").orElseThrow().code()).isEqualTo("POR");
    assertThat(NbaTeams.byName("Seattle SuperSonics")).isEmpty();
  }

  @Test
  void byCode_otherFeedsCodes_mapToKalshi() {
    assertThat(NbaTeams.byCode("GS").orElseThrow().code()).isEqualTo("GSW");
    assertThat(NbaTeams.byCode("pho").orElseThrow().code()).isEqualTo("PHX");
    assertThat(NbaTeams.byCode("BRK").orElseThrow().code()).isEqualTo("BKN");
    assertThat(NbaTeams.byCode("XYZ")).isEmpty();
  }
}
