package io.marketgate.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class FileTierFormatTest {

  private static final Path FILE = Path.of("x.mgc");

  @Property(tries = 200)
  void decode_encodedEntry_roundTrips(
      @ForAll @StringLength(min = 1, max = 40) String resource,
      @ForAll @Size(max = 64) byte[] key,
      @ForAll @Size(max = 512) byte[] payload,
      @ForAll @IntRange(min = 1) int seq)
      throws Exception {
    Instant asOf = Instant.parse("2026-01-09T23:00:00Z").plusNanos(seq);
    byte[] bytes =
        FileTier.encode(new FileTier.StoredEntry(FILE, resource, key, asOf, seq, 2, payload));

    FileTier.StoredEntry decoded = FileTier.decode(FILE, bytes);

    assertThat(decoded.resource()).isEqualTo(resource);
    assertThat(decoded.key()).isEqualTo(key);
    assertThat(decoded.payload()).isEqualTo(payload);
    assertThat(decoded.asOf()).isEqualTo(asOf);
    assertThat(decoded.seq()).isEqualTo(seq);
  }

  @Property(tries = 500)
  void decode_anySingleBitFlipped_isRejected(
      @ForAll @Size(max = 256) byte[] payload,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 0, max = 7) int bit) {
    byte[] bytes =
        FileTier.encode(
            new FileTier.StoredEntry(
                FILE, "odds", new byte[] {1, 2, 3}, Instant.EPOCH, 5, 0, payload));
    bytes[position % bytes.length] ^= (byte) (1 << bit);

    assertThatThrownBy(() -> FileTier.decode(FILE, bytes))
        .isInstanceOf(FileTier.CorruptFileException.class);
  }

  @Property(tries = 200)
  void decode_anyTruncation_isRejected(
      @ForAll @Size(max = 256) byte[] payload, @ForAll @IntRange(min = 1) int cut) {
    byte[] bytes =
        FileTier.encode(
            new FileTier.StoredEntry(
                FILE, "odds", new byte[] {1, 2, 3}, Instant.EPOCH, 5, 0, payload));
    byte[] truncated = java.util.Arrays.copyOf(bytes, cut % bytes.length);

    assertThatThrownBy(() -> FileTier.decode(FILE, truncated))
        .isInstanceOf(FileTier.CorruptFileException.class);
  }
}
