package io.marketgate.upstream.kalshi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketgate.upstream.kalshi.NbaTicker.Kind;
import io.marketgate.upstream.kalshi.NbaTicker.Verdict;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NbaTickerTest {

  @Test
  void parse_eventTicker_givesDateAndTeams() {
    NbaTicker t = NbaTicker.parse("KXNBAGAME-26JAN09TORBOS");

    assertThat(t.kind()).isEqualTo(Kind.MONEYLINE);
    assertThat(t.gameDate()).isEqualTo(LocalDate.of(2026, 1, 9));
    assertThat(t.awayTeam()).isEqualTo("TOR");
    assertThat(t.homeTeam()).isEqualTo("BOS");
    assertThat(t.isMarket()).isFalse();
    assertThat(t.team()).isEmpty();
    assertThat(t.line()).isEmpty();
    assertThat(t.eventTicker()).isEqualTo("KXNBAGAME-26JAN09TORBOS");
    assertThat(t.gameSuffix()).isEqualTo("26JAN09TORBOS");
  }

  @Test
  void parse_moneylineMarket_yesTeamIsSuffix() {
    NbaTicker t = NbaTicker.parse("KXNBAGAME-26JAN08MIACHI-MIA");

    assertThat(t.kind()).isEqualTo(Kind.MONEYLINE);
    assertThat(t.awayTeam()).isEqualTo("MIA");
    assertThat(t.homeTeam()).isEqualTo("CHI");
    assertThat(t.team()).contains("MIA");
    assertThat(t.line()).isEmpty();
    assertThat(t.isMarket()).isTrue();
    assertThat(t.eventTicker()).isEqualTo("KXNBAGAME-26JAN08MIACHI");
  }

  @Test
  void parse_spreadMarket_lineIsSuffixMinusHalf() {
    NbaTicker t = NbaTicker.parse("KXNBASPREAD-26MAY18SASOKC-OKC6");

    assertThat(t.kind()).isEqualTo(Kind.SPREAD);
    assertThat(t.gameDate()).isEqualTo(LocalDate.of(2026, 5, 18));
    assertThat(t.awayTeam()).isEqualTo("SAS");
    assertThat(t.homeTeam()).isEqualTo("OKC");
    assertThat(t.team()).contains("OKC");
    assertThat(t.line()).contains(new BigDecimal("5.5"));
  }

  @Test
  void parse_totalMarket_lineIsSuffixMinusHalf() {
    NbaTicker t = NbaTicker.parse("KXNBATOTAL-26MAY18SASOKC-220");

    assertThat(t.kind()).isEqualTo(Kind.TOTAL);
    assertThat(t.team()).isEmpty();
    assertThat(t.line()).contains(new BigDecimal("219.5"));
  }

  @Test
  void parse_otherObservedSpread_parses() {
    NbaTicker t = NbaTicker.parse("KXNBASPREAD-26MAY04MINSAS-MIN3");

    assertThat(t.team()).contains("MIN");
    assertThat(t.line()).contains(new BigDecimal("2.5"));
  }

  @ParameterizedTest
  @CsvSource({
    "KXNBAGAME-26JAN09GSLAL-GS, GS, LAL",
    "KXNBAGAME-26JAN09GSLAL-LAL, GS, LAL",
    "KXNBASPREAD-26JAN09LALGS-GS4, LAL, GS",
    "KXNBAGAME-26JAN09NYBK, NY, BK",
    "KXNBAGAME-26JAN09ABCDWXYZ, ABCD, WXYZ"
  })
  void parse_twoOrFourLetterCodes_acceptedWhenUnambiguous(String ticker, String away, String home) {
    NbaTicker t = NbaTicker.parse(ticker);

    assertThat(t.awayTeam()).isEqualTo(away);
    assertThat(t.homeTeam()).isEqualTo(home);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "KXNBAGAME-26JAN09GSLAL",
        "KXNBATOTAL-26JAN09GSLAL-220",
        "KXNBAGAME-26JAN09TORBOS-NYK",
        "KXNBASPREAD-26MAR15LALDEN-LAL-5",
        "KXNBASPREAD-26MAY18SASOKC-OKC",
        "KXNBATOTAL-26MAY18SASOKC-OVER",
        "KXNBAGAME-26FEB30TORBOS",
        "KXNBAGAME-26XYZ09TORBOS",
        "KXNFLGAME-26JAN09TORBOS",
        "KXNBAGAME",
        "KXNBAGAME-26JAN9TORBOS",
        "KXNBATOTAL-26MAY18SASOKC-0",
        ""
      })
  void parse_notInGrammar_failsNamingTicker(String ticker) {
    assertThatThrownBy(() -> NbaTicker.parse(ticker))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NBA ticker");
    assertThat(NbaTicker.tryParse(ticker)).isEmpty();
  }

  @Test
  void easternDate_lateTipOffInUtc_givesPreviousEasternDay() {
    Instant tipOff = Instant.parse("2026-01-10T00:30:00Z");

    assertThat(NbaTicker.easternDate(tipOff)).isEqualTo(LocalDate.of(2026, 1, 9));
    assertThat(NbaTicker.eventTicker(Kind.MONEYLINE, tipOff, "TOR", "BOS"))
        .isEqualTo("KXNBAGAME-26JAN09TORBOS");
  }

  @Test
  void easternDate_summerAfternoonInUtc_sameDay() {
    Instant tipOff = Instant.parse("2026-05-18T23:30:00Z");

    assertThat(NbaTicker.eventTicker(Kind.SPREAD, tipOff, "SAS", "OKC"))
        .isEqualTo("KXNBASPREAD-26MAY18SASOKC");
  }

  @Test
  void crossCheck_floorStrikeHalfPointGreater_agrees() {
    NbaTicker t = NbaTicker.parse("KXNBATOTAL-26JAN09TORBOS-220");

    NbaTicker.StrikeCheck c =
        t.crossCheck(
            Optional.of("greater"), Optional.of(new BigDecimal("219.5")), Optional.empty());

    assertThat(c.verdict()).isEqualTo(Verdict.AGREES);
    assertThat(c.detail()).contains("219.5");
  }

  @Test
  void crossCheck_floorStrikeIntegerGreater_disagrees() {
    NbaTicker t = NbaTicker.parse("KXNBATOTAL-26JAN09TORBOS-220");

    NbaTicker.StrikeCheck c =
        t.crossCheck(Optional.of("greater"), Optional.of(new BigDecimal("220")), Optional.empty());

    assertThat(c.verdict()).isEqualTo(Verdict.DISAGREES);
    assertThat(c.detail()).contains("220.5");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Over 219.5 points scored",
        "220+ points",
        "At least 220 points",
        "220 or more points"
      })
  void crossCheck_subTitlePhrasesMeaningOver2195_agree(String subTitle) {
    NbaTicker t = NbaTicker.parse("KXNBATOTAL-26JAN09TORBOS-220");

    assertThat(t.crossCheck(Optional.empty(), Optional.empty(), Optional.of(subTitle)).verdict())
        .isEqualTo(Verdict.AGREES);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Over 220.5 points scored", "Under 219.5 points", "221+"})
  void crossCheck_subTitleContradicting_disagrees(String subTitle) {
    NbaTicker t = NbaTicker.parse("KXNBATOTAL-26JAN09TORBOS-220");

    assertThat(t.crossCheck(Optional.empty(), Optional.empty(), Optional.of(subTitle)).verdict())
        .isEqualTo(Verdict.DISAGREES);
  }

  @Test
  void crossCheck_spreadMarketWithWinsByPhrase_agrees() {
    KalshiMarket m =
        market(
            "KXNBASPREAD-26MAY18SASOKC-OKC6",
            Optional.empty(),
            "Oklahoma City wins by over 5.5 Points");

    assertThat(NbaTicker.parse(m.ticker()).crossCheck(m).verdict()).isEqualTo(Verdict.AGREES);
  }

  @Test
  void crossCheck_noComparableField_unverifiable() {
    NbaTicker t = NbaTicker.parse("KXNBATOTAL-26JAN09TORBOS-220");

    assertThat(
            t.crossCheck(Optional.empty(), Optional.empty(), Optional.of("Total points")).verdict())
        .isEqualTo(Verdict.UNVERIFIABLE);
  }

  @Test
  void crossCheck_moneyline_unverifiable() {
    KalshiMarket m = market("KXNBAGAME-26JAN08MIACHI-MIA", Optional.empty(), "Miami");

    assertThat(NbaTicker.parse(m.ticker()).crossCheck(m).verdict()).isEqualTo(Verdict.UNVERIFIABLE);
  }

  @Test
  void crossCheck_lessStrikeType_disagrees() {
    NbaTicker t = NbaTicker.parse("KXNBATOTAL-26JAN09TORBOS-220");

    assertThat(
            t.crossCheck(
                    Optional.of("less"), Optional.of(new BigDecimal("219.5")), Optional.empty())
                .verdict())
        .isEqualTo(Verdict.DISAGREES);
  }

  private static KalshiMarket market(
      String ticker, Optional<BigDecimal> floor, String yesSubTitle) {
    Optional<BigDecimal> none = Optional.empty();
    return new KalshiMarket(
        ticker,
        NbaTicker.parse(ticker).eventTicker(),
        Optional.of("active"),
        Optional.of("binary"),
        Optional.empty(),
        Optional.empty(),
        Optional.of(yesSubTitle),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        none,
        floor.map(f -> "greater"),
        floor,
        none,
        Optional.empty(),
        Optional.empty());
  }
}
