package io.marketgate.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

  @Test
  void utf8_text_roundTrips() throws Exception {
    ValueCodec<String> codec = ValueCodec.utf8();

    assertThat(codec.decode(codec.encode("KXNBAGAME-26JAN09LALBOS · ✓")))
        .isEqualTo("KXNBAGAME-26JAN09LALBOS · ✓");
  }

  @Test
  void utf8_malformedBytes_throws() {
    assertThatThrownBy(() -> ValueCodec.utf8().decode(new byte[] {(byte) 0xC3, (byte) 0x28}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void ofStrings_keyWithTextForm_roundTrips() throws Exception {
    ValueCodec<LocalDate> codec = ValueCodec.ofStrings(LocalDate::toString, LocalDate::parse);

    assertThat(codec.decode(codec.encode(LocalDate.of(2026, 1, 9))))
        .isEqualTo(LocalDate.of(2026, 1, 9));
  }
}
