package io.marketgate.server.slate;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketgate.upstream.kalshi.NbaTicker;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlateManifestTest {

  static final LocalDate DATE = LocalDate.of(2026, 11, 21);

  @Test
  void of_groupsByGame_keepsOnlyTheDate_keyedByEventTicker() {
    SlateManifest m =
        SlateManifest.of(
            DATE,
            List.of(
                "KXNBAGAME-26NOV21LALBOS-LAL",
                "KXNBASPREAD-26NOV21LALBOS-BOS6",
                "KXNBATOTAL-26NOV21LALBOS-220",
                "KXNBAGAME-26NOV22LALBOS-LAL",
                "KXNBAGAME-26NOV21XXXBOS-BOS"));

    assertThat(m.games()).hasSize(1);
    SlateManifest.KalshiGame g = m.games().get(0);
    assertThat(g.away()).isEqualTo("LAL");
    assertThat(g.markets(NbaTicker.Kind.SPREAD).get(0).line().orElseThrow())
        .isEqualByComparingTo("5.5");
    assertThat(m.byEventTicker("KXNBATOTAL-26NOV21LALBOS")).contains(g);
    assertThat(m.byEventTicker("KXNBAGAME-26NOV21LALBOS")).contains(g);
    assertThat(m.byEventTicker("KXNBAGAME-26NOV21MIACHI")).isEmpty();
    assertThat(m.skipped())
        .extracting(SlateManifest.Skipped::ticker)
        .containsExactly("KXNBAGAME-26NOV21XXXBOS-BOS");
  }

  @Test
  void codec_roundTrip_equal() throws Exception {
    SlateManifest m =
        SlateManifest.of(
            DATE, List.of("KXNBAGAME-26NOV21LALBOS-LAL", "KXNBATOTAL-26NOV21LALBOS-220"));

    var codec = SlateManifest.codec();

    assertThat(codec.decode(codec.encode(m))).isEqualTo(m);
  }

  @Test
  void gameListCodec_roundTrip_equal() throws Exception {
    GameList l = GameList.fromOdds(DATE, SlateBuilderTest.odds());

    var codec = GameList.codec();

    assertThat(l.games())
        .extracting(GameList.ScheduledGame::matchup)
        .containsExactly("CHI@MIA", "LAL@BOS");
    assertThat(codec.decode(codec.encode(l))).isEqualTo(l);
  }
}
