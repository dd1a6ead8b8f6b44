package io.marketgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A JDK WebSocket client that records every text message, ping and close, for the tests. */
final class WsClient implements WebSocket.Listener {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  final List<JsonNode> messages = new CopyOnWriteArrayList<>();
  final AtomicInteger pings = new AtomicInteger();
  volatile boolean closed;
  private final StringBuilder partial = new StringBuilder();
  private WebSocket socket;

  static WsClient connect(URI uri) {
    WsClient client = new WsClient();
    try {
      client.socket =
          Http.CLIENT.newWebSocketBuilder().buildAsync(uri, client).get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect to " + uri, e);
    }
    return client;
  }

  void send(String json) {
    socket.sendText(json, true).join();
  }

  List<JsonNode> ofType(String type) {
    return messages.stream().filter(m -> m.path("type").asText().equals(type)).toList();
  }

  void close() {
    if (!closed) {
      socket.abort();
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      try {
        messages.add(MAPPER.readTree(partial.toString()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      partial.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
    pings.incrementAndGet();
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    closed = true;
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    closed = true;
  }
}
