package io.marketgate.upstream.record;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketgate.cache.Clock;
import io.marketgate.upstream.Transport;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.UpstreamRequest;
import io.marketgate.upstream.UpstreamResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * A {@link Transport} that passes every attempt to another one and appends the exchange to a file,
 * one JSON object per line, without credentials: credential headers are dropped and credential
 * query values are replaced by {@code REDACTED}. {@link ReplayTransport} answers from such a file.
 *
 * <p>Thread-safe; lines of concurrent attempts never interleave. Holds no open file between
 * exchanges, so there is nothing to close. A failed write is logged and never fails the call.
 */
public final class RecordingTransport implements Transport {

  /*
   * The line is written after the answer arrived (or the attempt failed), with the wall time at
   * which it was sent, so lines are in completion order; replay keys on method + path + query and
   * keeps the file's order per key, which is the completion order per key. Each line is appended
   * by opening the file in append mode, writing the whole line and closing it (a few microseconds
   * next to a network call), so a crash loses at most the line being written and the transport
   * needs no lifecycle of its own.
   */

  private static final System.Logger LOG = System.getLogger(RecordingTransport.class.getName());
  static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Transport delegate;
  private final Path file;
  private final Clock clock;
  private boolean writeFailed;

  private RecordingTransport(Transport delegate, Path file, Clock clock) {
    this.delegate = delegate;
    this.file = file;
    this.clock = clock;
  }

  /**
   * Records every attempt sent through {@code delegate} at the end of {@code file} (created if
   * missing), timed by {@code clock}.
   *
   * @throws UncheckedIOException when the file cannot be created or is not writable
   */
  public static RecordingTransport appendTo(Path file, Transport delegate, Clock clock) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(delegate, "delegate");
    Objects.requireNonNull(clock, "clock");
    try {
      Files.write(file, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open recording " + file + " for appending", e);
    }
    return new RecordingTransport(delegate, file, clock);
  }

  /** Records every attempt sent through {@code delegate} at the end of {@code file}. */
  public static RecordingTransport appendTo(Path file, Transport delegate) {
    return appendTo(file, delegate, Clock.system());
  }

  @Override
  public UpstreamResponse send(UpstreamRequest request) {
    Instant wall = clock.wallTime();
    long start = clock.nanoTime();
    try {
      UpstreamResponse response = delegate.send(request);
      write(exchange(request, wall, response.latency(), response, null));
      return response;
    } catch (UpstreamException e) {
      Duration latency = Duration.ofNanos(clock.nanoTime() - start);
      write(exchange(request, wall, latency, null, e));
      throw e;
    }
  }

  @Override
  public String toString() {
    return "RecordingTransport[" + file + "]";
  }

  private static Exchange exchange(
      UpstreamRequest request,
      Instant wall,
      Duration latency,
      UpstreamResponse response,
      UpstreamException failure) {
    String text = null;
    String base64 = null;
    if (response != null && response.body().length > 0) {
      text = utf8(response.body());
      if (text == null) {
        base64 = Base64.getEncoder().encodeToString(response.body());
      }
    }
    return new Exchange(
        Exchange.VERSION,
        wall.toString(),
        request.endpoint(),
        request.method(),
        request.uri().getRawPath(),
        SecretFilter.query(request.uri().getRawQuery()),
        SecretFilter.headers(request.headers()),
        response == null ? 0 : response.status(),
        response == null ? null : SecretFilter.headers(response.headers()),
        text,
        base64,
        latency.toNanos(),
        failure == null
            ? null
            : new Exchange.Failure(failure.outcome().name(), messageOf(failure)));
  }

  /** The failure's message without the {@code endpoint: } prefix the exception adds. */
  private static String messageOf(UpstreamException failure) {
    String m = String.valueOf(failure.getMessage());
    String prefix = failure.endpoint() + ": ";
    return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
  }

  /** {@code body} as text when it is valid UTF-8 without NUL characters, else null. */
  private static String utf8(byte[] body) {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
      return s.indexOf('\0') >= 0 ? null : s;
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private synchronized void write(Exchange exchange) {
    try {
      Files.writeString(
          file,
          JSON.writeValueAsString(exchange) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      if (!writeFailed) {
        writeFailed = true;
        LOG.log(Level.WARNING, "cannot write to recording " + file + "; exchanges are lost", e);
      }
    }
  }
}
