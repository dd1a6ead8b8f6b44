package io.marketgate.upstream.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.marketgate.cache.ManualClock;
import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.UpstreamClient;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.UpstreamRequest;
import io.marketgate.upstream.UpstreamResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTransportTest {

  private static final String KEY_ID = "a952bcbe-ec3b-4b5b-b8f9-11cb5c7e0f3a";
  private static final String SIGNATURE = "c2lnbmF0dXJlLW9mLXRoZS1yZXF1ZXN0LXNlY3JldA==";
  private static final String ODDS_KEY = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

  @TempDir Path dir;
  private HttpServer server;
  private final ManualClock clock = new ManualClock();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          byte[] body =
              path.endsWith("/logo")
                  ? new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, 0x10}
                  : ("{\"path\":\""
                          + path
                          + "\",\"n\":"
                          + exchange.getRequestURI().getQuery().length()
                          + "}")
                      .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.getResponseHeaders().set("Set-Cookie", "session=" + SIGNATURE);
          exchange.getResponseHeaders().set("x-requests-remaining", "497");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v4");
  }

  private UpstreamRequest oddsRequest(UpstreamClient client) {
    return UpstreamRequest.get(
            "odds.nba",
            client.resolve("/sports/basketball_nba/odds?apiKey=" + ODDS_KEY + "&regions=us"),
            3)
        .withHeader("X-Api-Key", ODDS_KEY)
        .withHeader("Authorization", "Bearer " + ODDS_KEY)
        .withHeader("KALSHI-ACCESS-SIGNATURE", SIGNATURE)
        .withHeader("X-Trace", "t-1");
  }

  @Test
  void send_signedRequestWithApiKey_writesNoSecret() throws IOException {
    Path file = dir.resolve("odds.jsonl");
    UpstreamClient client =
        UpstreamClient.builder("odds", base())
            .signer(
                (method, uri) ->
                    Map.of(
                        "KALSHI-ACCESS-KEY", KEY_ID,
                        "KALSHI-ACCESS-SIGNATURE", SIGNATURE,
                        "KALSHI-ACCESS-TIMESTAMP", "1767999600000"))
            .transport(t -> RecordingTransport.appendTo(file, t, clock))
            .build();

    client.send(oddsRequest(client));

    String written = Files.readString(file);
    assertThat(written)
        .doesNotContain(KEY_ID)
        .doesNotContain(SIGNATURE)
        .doesNotContain(ODDS_KEY)
        .doesNotContainIgnoringCase("kalshi-access")
        .doesNotContainIgnoringCase("authorization")
        .doesNotContainIgnoringCase("set-cookie")
        .contains("apiKey=REDACTED&regions=us")
        .contains("\"X-Trace\":\"t-1\"")
        .contains("x-requests-remaining");
  }

  @Test
  void replay_ofARecording_answersLikeTheUpstreamDid() throws IOException {
    Path file = dir.resolve("roundtrip.jsonl");
    UpstreamClient live =
        UpstreamClient.builder("odds", base())
            .transport(t -> RecordingTransport.appendTo(file, t, clock))
            .build();
    UpstreamResponse liveJson = live.send(oddsRequest(live));
    UpstreamResponse liveLogo =
        live.send(UpstreamRequest.get("odds.logo", live.resolve("/logo?size=small"), 0));
    UpstreamClient replayed =
        UpstreamClient.builder("odds", URI.create("http://127.0.0.1:9/v4"))
            .transport(t -> ReplayTransport.from(file))
            .build();

    UpstreamResponse json = replayed.send(oddsRequest(replayed));
    UpstreamResponse logo =
        replayed.send(UpstreamRequest.get("odds.logo", replayed.resolve("/logo?size=small"), 0));

    assertThat(json.status()).isEqualTo(200);
    assertThat(json.bodyText()).isEqualTo(liveJson.bodyText());
    assertThat(json.header("x-requests-remaining")).hasValue("497");
    assertThat(json.header("Content-Type")).isEqualTo(liveJson.header("Content-Type"));
    assertThat(json.latency()).isEqualTo(liveJson.latency());
    assertThat(logo.body()).isEqualTo(liveLogo.body());
    assertThat(Files.readString(file)).contains("\"bodyBase64\"");
  }

  @Test
  void send_transportFails_recordsTheFailureAndReplaysIt() throws IOException {
    Path file = dir.resolve("failure.jsonl");
    UpstreamRequest request =
        UpstreamRequest.get("kalshi.markets", URI.create("https://k.example/markets?limit=5"), 10);
    RecordingTransport recorder =
        RecordingTransport.appendTo(
            file,
            r -> {
              clock.advance(Duration.ofMillis(10));
              throw new UpstreamException(
                  r.endpoint(), Outcome.TIMEOUT, 0, "no answer within 10 ms");
            },
            clock);
    catchThrowableOfType(UpstreamException.class, () -> recorder.send(request));

    UpstreamException replayed =
        catchThrowableOfType(
            UpstreamException.class, () -> ReplayTransport.from(file).send(request));

    assertThat(replayed.outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(replayed).hasMessage("kalshi.markets: no answer within 10 ms");
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0))
        .contains("\"latencyNanos\":10000000")
        .contains("\"wallTime\":\"2026-01-09T23:00:00Z\"")
        .contains("\"status\":0");
  }
}
