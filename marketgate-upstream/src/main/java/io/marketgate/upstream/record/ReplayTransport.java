package io.marketgate.upstream.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.Transport;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.UpstreamRequest;
import io.marketgate.upstream.UpstreamResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A {@link Transport} that answers from a file written by {@link RecordingTransport} instead of
 * calling the upstream. A request is matched by method, path and query (credential values redacted,
 * as in the file); the exchanges recorded for one key are returned in file order, and the last one
 * repeats once they are used up. A recorded failure is thrown again.
 *
 * <p>Thread-safe. Immutable after {@link #from}, apart from the position per key.
 */
public final class ReplayTransport implements Transport {

  private final Path file;
  private final Map<String, Recorded> byKey;

  private ReplayTransport(Path file, Map<String, Recorded> byKey) {
    this.file = file;
    this.byKey = byKey;
  }

  /**
   * A transport answering from the recording {@code file}.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when a line is not a recorded exchange of a known version
   */
  public static ReplayTransport from(Path file) {
    Objects.requireNonNull(file, "file");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read recording " + file, e);
    }
    Map<String, List<Exchange>> grouped = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      Exchange e;
      try {
        e = RecordingTransport.JSON.readValue(line, Exchange.class);
      } catch (JsonProcessingException ex) {
        throw new IllegalArgumentException(
            "line " + (i + 1) + " of recording " + file + " is not a recorded exchange", ex);
      }
      if (e.v() != Exchange.VERSION || e.method() == null || e.path() == null) {
        throw new IllegalArgumentException(
            "line "
                + (i + 1)
                + " of recording "
                + file
                + " has format version "
                + e.v()
                + " or lacks method/path; expected version "
                + Exchange.VERSION);
      }
      grouped.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
    }
    Map<String, Recorded> byKey = new LinkedHashMap<>();
    grouped.forEach((k, v) -> byKey.put(k, new Recorded(List.copyOf(v))));
    return new ReplayTransport(file, byKey);
  }

  @Override
  public UpstreamResponse send(UpstreamRequest request) {
    String key =
        Exchange.key(
            request.method(),
            request.uri().getRawPath(),
            SecretFilter.query(request.uri().getRawQuery()));
    Recorded recorded = byKey.get(key);
    if (recorded == null) {
      throw new UpstreamException(
          request.endpoint(),
          Outcome.CLIENT_ERROR,
          0,
          "no recorded exchange for "
              + key
              + " in "
              + file
              + "; recorded: "
              + byKey.keySet().stream().limit(10).collect(Collectors.joining(", "))
              + (byKey.size() > 10 ? ", …" : ""));
    }
    Exchange e = recorded.next();
    if (e.error() != null) {
      throw new UpstreamException(
          request.endpoint(), Outcome.valueOf(e.error().outcome()), 0, e.error().message());
    }
    byte[] body =
        e.bodyText() != null
            ? e.bodyText().getBytes(StandardCharsets.UTF_8)
            : e.bodyBase64() != null ? Base64.getDecoder().decode(e.bodyBase64()) : new byte[0];
    return new UpstreamResponse(
        e.status(),
        e.responseHeaders() == null ? Map.of() : e.responseHeaders(),
        body,
        Duration.ofNanos(e.latencyNanos()),
        1);
  }

  @Override
  public String toString() {
    return "ReplayTransport[" + file + ", " + byKey.size() + " keys]";
  }

  /** The exchanges of one key and the position of the next answer. */
  private record Recorded(List<Exchange> exchanges, AtomicInteger position) {
    Recorded(List<Exchange> exchanges) {
      this(exchanges, new AtomicInteger());
    }

    Exchange next() {
      int i = position.getAndUpdate(n -> Math.min(n + 1, exchanges.size() - 1));
      return exchanges.get(i);
    }
  }
}
