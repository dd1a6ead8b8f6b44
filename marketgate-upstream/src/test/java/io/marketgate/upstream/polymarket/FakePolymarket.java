package io.marketgate.upstream.polymarket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback Polymarket CLOB: REST {@code /book}, {@code /books}, {@code /price}, {@code /midpoint}
 * from canned bodies, and the market WebSocket at {@code /ws/market}, which answers {@code PING}
 * with {@code PONG} and sends the canned initial books on subscribe; the test scripts the rest.
 */
final class FakePolymarket implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Undertow server;
  private final Map<String, String> restBooks = new ConcurrentHashMap<>();
  private final Map<String, String> wsBooks = new ConcurrentHashMap<>();
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> posted = new CopyOnWriteArrayList<>();
  private final List<JsonNode> subscriptions = new CopyOnWriteArrayList<>();
  private final AtomicInteger pings = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile int restStatus = 200;
  private volatile boolean refuseWebSocket;
  private volatile WebSocketChannel channel;

  FakePolymarket() {
    server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(
                Handlers.path()
                    .addPrefixPath("/ws/market", this::upgrade)
                    .addPrefixPath("/", this::rest))
            .build();
    server.start();
  }

  private final io.undertow.server.HttpHandler webSocket =
      Handlers.websocket(
          (exchange, ch) -> {
            connections.incrementAndGet();
            channel = ch;
            ch.getReceiveSetter().set(new Receiver());
            ch.resumeReceives();
          });

  private void upgrade(HttpServerExchange ex) throws Exception {
    if (refuseWebSocket) {
      reply(ex, 503, "{\"error\":\"unavailable\"}");
      return;
    }
    webSocket.handleRequest(ex);
  }

  private void rest(HttpServerExchange ex) {
    if (ex.isInIoThread()) {
      ex.dispatch(this::rest);
      return;
    }
    ex.startBlocking();
    String path = ex.getRequestPath();
    requests.add(ex.getRequestMethod() + " " + path + "?" + ex.getQueryString());
    String body;
    try {
      body = new String(ex.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (restStatus != 200) {
      reply(ex, restStatus, "{\"error\":\"forced\"}");
      return;
    }
    String token =
        ex.getQueryParameters().getOrDefault("token_id", new java.util.ArrayDeque<>()).stream()
            .findFirst()
            .orElse("");
    switch (path) {
      case "/book" -> {
        String b = restBooks.get(token);
        reply(ex, b == null ? 404 : 200, b == null ? "{\"error\":\"No orderbook exists\"}" : b);
      }
      case "/books" -> {
        posted.add(body);
        StringBuilder out = new StringBuilder("[");
        try {
          for (JsonNode t : JSON.readTree(body)) {
            String b = restBooks.get(t.path("token_id").asText());
            if (b != null) {
              out.append(out.length() > 1 ? "," : "").append(b);
            }
          }
        } catch (IOException e) {
          reply(ex, 400, "{\"error\":\"bad body\"}");
          return;
        }
        reply(ex, 200, out.append(']').toString());
      }
      default -> {
        String canned = bodies.get(path);
        reply(ex, canned == null ? 404 : 200, canned == null ? "{}" : canned);
      }
    }
  }

  private static void reply(HttpServerExchange ex, int status, String body) {
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    ex.getResponseSender().send(body);
  }

  private final class Receiver extends AbstractReceiveListener {
    @Override
    protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message)
        throws IOException {
      String text = message.getData();
      if (text.equals("PING")) {
        pings.incrementAndGet();
        WebSockets.sendText("PONG", ch, null);
        return;
      }
      JsonNode sub = JSON.readTree(text);
      subscriptions.add(sub);
      if (sub.path("initial_dump").asBoolean(false)) {
        for (JsonNode id : sub.path("assets_ids")) {
          String b = wsBooks.get(id.asText());
          if (b != null) {
            WebSockets.sendText(b, ch, null);
          }
        }
      }
    }
  }

  /** The REST book body of {@code token} (a book summary object). */
  FakePolymarket restBook(String token, String body) {
    restBooks.put(token, body);
    return this;
  }

  /** The {@code book} event sent for {@code token} on subscribe with initial_dump. */
  FakePolymarket wsBook(String token, String event) {
    wsBooks.put(token, event);
    return this;
  }

  /** A canned body for GET {@code path} ({@code /price}, {@code /midpoint}). */
  FakePolymarket body(String path, String body) {
    bodies.put(path, body);
    return this;
  }

  /** Makes every REST call answer {@code status} (200 restores the canned answers). */
  void restStatus(int status) {
    this.restStatus = status;
  }

  /** Makes WebSocket handshakes fail with 503 (true) or succeed again (false). */
  void refuseWebSocket(boolean refuse) {
    this.refuseWebSocket = refuse;
  }

  /** Sends {@code text} on the current connection. */
  void send(String text) {
    WebSockets.sendText(text, channel, null);
  }

  /** Drops the current connection without a close handshake. */
  void drop() throws IOException {
    channel.close();
  }

  /** REST requests seen, as {@code METHOD path?query}. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  /** Bodies posted to {@code /books}. */
  List<String> posted() {
    return List.copyOf(posted);
  }

  /** Subscription messages received. */
  List<JsonNode> subscriptions() {
    return List.copyOf(subscriptions);
  }

  int pings() {
    return pings.get();
  }

  int connections() {
    return connections.get();
  }

  URI restUri() {
    return URI.create("http://127.0.0.1:" + port());
  }

  URI wsUri() {
    return URI.create("ws://127.0.0.1:" + port() + "/ws/market");
  }

  private int port() {
    return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  @Override
  public void close() {
    server.stop();
  }
}
