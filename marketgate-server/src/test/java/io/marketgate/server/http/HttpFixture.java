package io.marketgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.cache.ManualClock;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.Market;
import io.marketgate.model.MarketKey;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Venue;
import io.marketgate.server.api.ModelJson;
import io.marketgate.server.ingest.MarketData;
import io.marketgate.server.ingest.Source;
import io.marketgate.server.ingest.SourceStatus;
import io.marketgate.upstream.BudgetStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/** A real gateway HTTP server on port 0 over hand-filled stores, and clients to talk to it. */
final class HttpFixture implements AutoCloseable {

  static final String READ_KEY = "read-key-0123456789abcdef";
  static final String ADMIN_KEY = "admin-key-0123456789abcdef";

  final ManualClock clock = new ManualClock();
  final MarketData data = MarketData.create(clock);
  final FakeSource kalshiBooks = new FakeSource("kalshi.books", "kalshi", Duration.ofSeconds(30));
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final List<MarketKey> demanded = Collections.synchronizedList(new ArrayList<>());
  final GatewayHttpServer server;
  final int port;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  HttpFixture() {
    this(
        ApiKeys.of(Map.of(READ_KEY, ApiKeys.Scope.READ, ADMIN_KEY, ApiKeys.Scope.ADMIN)),
        UnaryOperator.identity());
  }

  HttpFixture(ApiKeys keys, UnaryOperator<GatewayHttpServer.Builder> customize) {
    server =
        customize
            .apply(
                GatewayHttpServer.builder(data, keys)
                    .sources(List.of(kalshiBooks))
                    .meterRegistry(registry)
                    .metricsScrape(() -> "# TYPE marketgate_up gauge\nmarketgate_up 1\n")
                    .demand(demanded::add))
            .build();
    port = server.start("127.0.0.1", 0);
  }

  @Override
  public void close() {
    server.close();
    client.close();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  /** GET with the read key and extra header pairs. */
  HttpResponse<byte[]> get(String pathAndQuery, String... headers) {
    return send(
        HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + READ_KEY),
        "GET",
        headers);
  }

  /** A request of {@code method} without any key. */
  HttpResponse<byte[]> anonymous(String method, String pathAndQuery, String... headers) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)), method, headers);
  }

  /** POST with the admin key. */
  HttpResponse<byte[]> postAsAdmin(String pathAndQuery) {
    return send(HttpRequest.newBuilder(uri(pathAndQuery)).header("X-API-Key", ADMIN_KEY), "POST");
  }

  HttpResponse<byte[]> send(HttpRequest.Builder b, String method, String... headers) {
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    b.method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10));
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<byte[]> r) {
    try {
      return ModelJson.mapper().readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse("<absent>");
  }

  /**
   * Sends {@code request} verbatim over a fresh socket and returns everything the server answers
   * until it closes the connection or 5 seconds pass.
   */
  String raw(String request) {
    return raw(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  String raw(byte[] request) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5_000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(request);
        out.flush();
      } catch (IOException e) {
        // the server may answer and close before reading everything (413, 431)
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          got.write(buf, 0, n);
          if (complete(got.toString(StandardCharsets.ISO_8859_1))) {
            break;
          }
        }
      } catch (IOException e) {
        // reset or timeout after the answer: keep what arrived
      }
      return got.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** True when {@code text} holds a full response with a Content-Length body. */
  private static boolean complete(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
    int at = head.indexOf("content-length:");
    if (at < 0) {
      return head.startsWith("http/1.1 304");
    }
    int eol = head.indexOf("\r\n", at);
    int length = Integer.parseInt(head.substring(at + 15, eol < 0 ? head.length() : eol).trim());
    return text.length() - end - 4 >= length;
  }

  // ------------------------------------------------------------ data

  static MarketKey kalshi(String ticker) {
    return new MarketKey(Venue.KALSHI, ticker);
  }

  static Market market(String ticker, String event, String series, String status) {
    return new Market(
        kalshi(ticker),
        event,
        Optional.of(series),
        "Will " + ticker + " win?",
        status,
        Optional.of(new BigDecimal("0.45")),
        Optional.of(new BigDecimal("0.47")),
        Optional.empty(),
        Optional.of(new BigDecimal("1200")),
        Optional.empty(),
        Optional.of(Instant.parse("2026-01-10T03:00:00Z")),
        Map.of("category", "sports"));
  }

  static BinaryBook book(String... yesThenNo) {
    List<PriceLevel> yes = new ArrayList<>();
    List<PriceLevel> no = new ArrayList<>();
    for (String level : yesThenNo) {
      String[] p = level.split("[@:]");
      PriceLevel l = PriceLevel.of(p[1], p[2]);
      (p[0].equals("y") ? yes : no).add(l);
    }
    return BinaryBook.of(yes, no);
  }

  /** A book whose best YES bid is {@code cents} cents. */
  static BinaryBook bookAt(int cents) {
    return book(
        "y:0." + String.format("%02d", cents) + ":100",
        "y:0." + String.format("%02d", cents - 1) + ":250",
        "n:0." + String.format("%02d", 100 - cents - 2) + ":80");
  }

  /** A source whose status the test sets and whose refreshes it counts. */
  static final class FakeSource implements Source {
    private final String name;
    private final String venue;
    private final Duration silentAfter;
    final AtomicInteger refreshes = new AtomicInteger();
    volatile Optional<Duration> age = Optional.empty();
    volatile SourceStatus.State state = SourceStatus.State.STARTING;

    FakeSource(String name, String venue, Duration silentAfter) {
      this.name = name;
      this.venue = venue;
      this.silentAfter = silentAfter;
    }

    /** Marks the source as having received data {@code age} ago. */
    FakeSource live(Duration age) {
      this.age = Optional.of(age);
      this.state = SourceStatus.State.LIVE;
      return this;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void start() {}

    @Override
    public SourceStatus status() {
      return new SourceStatus(
          name,
          venue,
          SourceStatus.Kind.STREAM,
          state,
          age.map(a -> Instant.parse("2026-01-09T23:00:00Z").minus(a)),
          age,
          silentAfter,
          Optional.empty(),
          3,
          1,
          BudgetStatus.empty(venue),
          Map.of("messages", 42L));
    }

    @Override
    public void refreshNow() {
      refreshes.incrementAndGet();
    }

    @Override
    public void close() {}
  }
}
