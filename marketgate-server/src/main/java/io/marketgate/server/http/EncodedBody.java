package io.marketgate.server.http;

import io.marketgate.cache.Provenance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.zip.GZIPOutputStream;

/**
 * One data answer encoded once, plain and gzip, in read-only direct buffers, with what the
 * per-request freshness headers are computed from. Immutable; share it and send {@code
 * duplicate()}s.
 *
 * @param plain the JSON bytes
 * @param gzip the gzip-compressed JSON bytes, empty when compression would not make them smaller
 * @param etag the strong entity tag (without quotes) naming the data version
 * @param version what freshness headers are computed from
 */
record EncodedBody(ByteBuffer plain, Optional<ByteBuffer> gzip, String etag, Version version) {

  /**
   * The data version behind a body.
   *
   * @param seq {@code X-Seq}: the snapshot's seq, or the store version for lists
   * @param epoch {@code X-Epoch}: the snapshot's epoch, or for lists the total of the items' epochs
   *     (how many continuity breaks the listed items have had)
   * @param provenance the least trustworthy provenance of the constituents
   * @param oldestPublishNanos publish time of the oldest constituent; empty for an empty list
   * @param staleAfter the oldest constituent's source window; older data is labelled stale; zero
   *     when no source declares one
   */
  record Version(
      long seq,
      long epoch,
      Provenance provenance,
      OptionalLong oldestPublishNanos,
      Duration staleAfter) {}

  /** Encodes {@code json} and its gzip form into direct buffers. */
  static EncodedBody of(byte[] json, String etag, Version version) {
    ByteBuffer plain = direct(json);
    byte[] gz = gzip(json);
    Optional<ByteBuffer> gzip =
        gz.length < json.length ? Optional.of(direct(gz)) : Optional.empty();
    return new EncodedBody(plain, gzip, etag, version);
  }

  /** The number of bytes the two encodings hold. */
  int bytes() {
    return plain.capacity() + gzip.map(ByteBuffer::capacity).orElse(0);
  }

  static ByteBuffer direct(byte[] bytes) {
    ByteBuffer b = ByteBuffer.allocateDirect(bytes.length);
    b.put(bytes).flip();
    return b.asReadOnlyBuffer();
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
    try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("gzip into memory failed", e);
    }
    return out.toByteArray();
  }
}
