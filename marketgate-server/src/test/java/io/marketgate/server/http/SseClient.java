package io.marketgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketgate.server.api.ModelJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A test client of {@code /v1/stream} that reads events on its own thread. */
final class SseClient implements AutoCloseable {

  /** One received event. */
  record Event(Optional<String> id, String type, JsonNode data) {
    long seq() {
      return data.get("seq").asLong();
    }
  }

  final List<Event> events = new CopyOnWriteArrayList<>();
  final List<String> comments = new CopyOnWriteArrayList<>();
  final HttpResponse<InputStream> response;
  private final Thread reader;

  SseClient(HttpFixture f, String topics, Optional<String> lastEventId) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(f.uri("/v1/stream?topics=" + topics))
            .header("Authorization", "Bearer " + HttpFixture.READ_KEY);
    lastEventId.ifPresent(id -> b.header("Last-Event-ID", id));
    try {
      response = f.client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    reader = Thread.ofVirtual().start(this::read);
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String id = null;
      String type = "message";
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (!data.isEmpty()) {
            events.add(
                new Event(
                    Optional.ofNullable(id), type, ModelJson.mapper().readTree(data.toString())));
          }
          id = null;
          type = "message";
          data.setLength(0);
        } else if (line.startsWith(":")) {
          comments.add(line);
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("event:")) {
          type = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
    } catch (IOException e) {
      // closed by the test or the server
    }
  }

  /** The id of the last event that carried one. */
  String lastId() {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).id().isPresent()) {
        return events.get(i).id().get();
      }
    }
    throw new AssertionError("no event with an id yet: " + events);
  }

  /** Events of {@code key} (canonical form) in arrival order. */
  List<Event> of(String key) {
    return events.stream().filter(e -> e.data().get("key").asText().equals(key)).toList();
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      // already closed
    }
    try {
      reader.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
