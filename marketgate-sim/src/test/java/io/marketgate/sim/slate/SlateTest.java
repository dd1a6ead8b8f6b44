package io.marketgate.sim.slate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlateTest {

  static final LocalDate DATE = LocalDate.of(2026, 1, 9);

  @Test
  void generate_sameSeed_sameSlate() {
    assertThat(Slate.generate(DATE, 77)).isEqualTo(Slate.generate(DATE, 77));
    assertThat(Slate.generate(DATE, 77)).isNotEqualTo(Slate.generate(DATE, 78));
  }

  @Test
  void generate_anySeed_sixToTenGamesWithDistinctTeamsInTheEvening() {
    for (long seed = 0; seed < 50; seed++) {
      Slate slate = Slate.generate(DATE, seed);
      assertThat(slate.games()).hasSizeBetween(6, 10);
      Set<String> teams = new HashSet<>();
      for (Game g : slate.games()) {
        assertThat(teams.add(g.away().code())).isTrue();
        assertThat(teams.add(g.home().code())).isTrue();
        LocalTime tip = g.start().atZone(Slate.EASTERN).toLocalTime();
        assertThat(g.start().atZone(Slate.EASTERN).toLocalDate()).isEqualTo(DATE);
        assertThat(tip).isBetween(LocalTime.of(19, 0), LocalTime.of(22, 30));
      }
    }
  }

  @Test
  void game_probabilities_areConsistentWithMarginAndTotal() {
    for (Game g : Slate.generate(DATE, 5, 15).games()) {
      assertThat(g.homeWinProbability() > 0.5).isEqualTo(g.expectedMargin() > 0);
      assertThat(g.homeWinProbability() + g.awayWinsByMoreThan(0))
          .isCloseTo(1, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(g.homeWinsByMoreThan(5.5)).isLessThan(g.homeWinsByMoreThan(2.5));
      assertThat(g.overProbability(g.expectedTotal()))
          .isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(g.favorite()).isNotEqualTo(g.underdog());
    }
  }

  @Test
  void generate_badGameCount_throws() {
    assertThatThrownBy(() -> Slate.generate(DATE, 1, 16)).hasMessageContaining("gameCount");
  }

  @Test
  void normal_inverse_undoesCdf() {
    for (double p : new double[] {0.01, 0.3, 0.5, 0.77, 0.99}) {
      assertThat(Normal.cdf(Normal.inverse(p)))
          .isCloseTo(p, org.assertj.core.data.Offset.offset(1e-6));
    }
  }
}
