package io.marketgate.upstream.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.marketgate.upstream.Outcome;
import io.marketgate.upstream.UpstreamException;
import io.marketgate.upstream.UpstreamRequest;
import io.marketgate.upstream.UpstreamResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayTransportTest {

  @TempDir Path dir;

  private static UpstreamRequest get(String uri) {
    return UpstreamRequest.get("t.x", URI.create(uri), 1);
  }

  /** Records one 200 answer with {@code body} for each request, in order. */
  private Path recording(List<UpstreamRequest> requests, List<String> bodies) {
    Path file = dir.resolve("r.jsonl");
    int[] i = {0};
    RecordingTransport recorder =
        RecordingTransport.appendTo(
            file,
            r ->
                new UpstreamResponse(
                    200,
                    Map.of("Content-Type", List.of("application/json")),
                    bodies.get(i[0]++).getBytes(StandardCharsets.UTF_8),
                    Duration.ofMillis(3),
                    1));
    requests.forEach(recorder::send);
    return file;
  }

  @Test
  void send_keyRecordedTwice_answersInOrderThenRepeatsTheLast() {
    UpstreamRequest book = get("https://clob.example/book?token_id=1");
    UpstreamRequest other = get("https://clob.example/book?token_id=2");
    ReplayTransport replay =
        ReplayTransport.from(
            recording(List.of(book, other, book), List.of("{\"v\":1}", "{\"o\":1}", "{\"v\":2}")));

    assertThat(replay.send(book).bodyText()).isEqualTo("{\"v\":1}");
    assertThat(replay.send(book).bodyText()).isEqualTo("{\"v\":2}");
    assertThat(replay.send(book).bodyText()).isEqualTo("{\"v\":2}");
    assertThat(replay.send(other).bodyText()).isEqualTo("{\"o\":1}");
  }

  @Test
  void send_unrecordedRequest_throwsNamingItAndWhatWasRecorded() {
    ReplayTransport replay =
        ReplayTransport.from(
            recording(List.of(get("https://clob.example/book?token_id=1")), List.of("{}")));

    UpstreamException e =
        catchThrowableOfType(
            UpstreamException.class,
            () -> replay.send(get("https://clob.example/book?token_id=9")));

    assertThat(e.outcome()).isEqualTo(Outcome.CLIENT_ERROR);
    assertThat(e)
        .hasMessageContaining("no recorded exchange for GET /book?token_id=9")
        .hasMessageContaining("recorded: GET /book?token_id=1");
  }

  @Test
  void send_liveApiKeyDiffersFromRecordedOne_matchesTheRedactedRecording() {
    ReplayTransport replay =
        ReplayTransport.from(
            recording(
                List.of(get("https://odds.example/v4/sports?apiKey=recorded-key&all=true")),
                List.of("[]")));

    UpstreamResponse r =
        replay.send(get("https://odds.example/v4/sports?apiKey=live-key&all=true"));

    assertThat(r.bodyText()).isEqualTo("[]");
    assertThat(r.latency()).isEqualTo(Duration.ofMillis(3));
  }

  @Test
  void from_lineOfAnotherFormat_throwsNamingTheLine() throws IOException {
    Path file = dir.resolve("foreign.jsonl");
    Files.writeString(file, "{\"v\":1,\"method\":\"GET\",\"path\":\"/a\"}\n{\"hello\":\n");

    assertThatThrownBy(() -> ReplayTransport.from(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2 of recording " + file);
  }
}
