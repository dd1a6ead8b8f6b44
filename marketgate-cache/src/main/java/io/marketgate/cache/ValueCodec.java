package io.marketgate.cache;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns values (or keys) into bytes for the {@link FileTier} and back. Implementations must be
 * thread-safe and {@code decode(encode(v))} must equal {@code v}.
 *
 * @param <T> type of the encoded values
 */
public interface ValueCodec<T> {

  /** The bytes that represent {@code value}. */
  byte[] encode(T value) throws Exception;

  /** The value represented by {@code bytes}; throws when they are not a valid encoding. */
  T decode(byte[] bytes) throws Exception;

  /** A codec of strings as UTF-8 that rejects malformed input. */
  static ValueCodec<String> utf8() {
    return ofStrings(Function.identity(), Function.identity());
  }

  /**
   * A codec through a textual form, stored as UTF-8: for keys with a canonical string form, for
   * example {@code ofStrings(MarketKey::toString, MarketKey::parse)}.
   */
  static <T> ValueCodec<T> ofStrings(
      Function<? super T, String> format, Function<String, ? extends T> parse) {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(parse, "parse");
    return of(
        value -> format.apply(value).getBytes(StandardCharsets.UTF_8),
        bytes -> {
          try {
            return parse.apply(
                StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
          } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("bytes are not valid UTF-8", e);
          }
        });
  }

  /** A codec from a pair of functions. */
  static <T> ValueCodec<T> of(
      Function<? super T, byte[]> encoder, Function<byte[], ? extends T> decoder) {
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(decoder, "decoder");
    return new ValueCodec<>() {
      @Override
      public byte[] encode(T value) {
        return Objects.requireNonNull(encoder.apply(value), "encoder returned null");
      }

      @Override
      public T decode(byte[] bytes) {
        return Objects.requireNonNull(decoder.apply(bytes), "decoder returned null");
      }
    };
  }
}
