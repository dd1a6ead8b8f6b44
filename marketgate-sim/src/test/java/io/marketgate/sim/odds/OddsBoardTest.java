package io.marketgate.sim.odds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.marketgate.model.Odds;
import io.marketgate.sim.slate.Game;
import io.marketgate.sim.slate.Slate;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulated bookmakers: each with its own vig, visible in its prices. */
class OddsBoardTest {

  private final Slate slate = Slate.generate(LocalDate.of(2026, 1, 9), 11, 10);
  private final OddsBoard board =
      new OddsBoard(slate, InstantSource.fixed(Instant.parse("2026-01-09T20:00:00Z")), 100);

  @Test
  void books_everyBookmaker_hasADistinctVig() {
    List<Double> vigs = OddsBoard.BOOKS.stream().map(OddsBoard.Book::vig).toList();

    assertThat(vigs).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(8);
  }

  @Test
  void lines_averageOverround_tracksEachBookmakersVig() {
    for (OddsBoard.Book book : OddsBoard.BOOKS) {
      double sum = 0;
      int n = 0;
      for (Game g : slate.games()) {
        for (OddsBoard.BetType type : OddsBoard.BetType.values()) {
          OddsBoard.Line l = board.line(g, book, type);
          sum +=
              1 / Odds.americanToDecimal(l.price0()) + 1 / Odds.americanToDecimal(l.price1()) - 1;
          n++;
        }
      }
      // whole American odds round each side by up to about half a point of probability
      assertThat(sum / n).as(book.key()).isCloseTo(book.vig(), within(0.004));
    }
  }
}
