package io.marketgate.upstream.odds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a loopback port that replays canned replies per exact path and records
 * every request it saw. Replies for a path are served in order; the last one repeats. Unknown paths
 * get 404. Test-only; thread-safe.
 */
final class LoopbackServer implements AutoCloseable {

  /** One canned reply. */
  record Reply(int status, Map<String, String> headers, String body) {

    /** A 200 with a JSON body. */
    static Reply json(String body) {
      return new Reply(200, Map.of(), body);
    }
  }

  /** One request the server saw. */
  record Seen(String method, String path, String query) {}

  private final HttpServer server;
  private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();

  private LoopbackServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a server on a free loopback port. */
  static LoopbackServer start() {
    try {
      return new LoopbackServer();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serves {@code replies} in order at {@code path}, repeating the last. */
  LoopbackServer on(String path, Reply... replies) {
    this.replies.put(path, new ArrayDeque<>(List.of(replies)));
    return this;
  }

  /** The server's root URI. */
  URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every request seen so far, in arrival order. */
  List<Seen> seen() {
    return List.copyOf(seen);
  }

  /** The requests seen at exactly {@code path}. */
  List<Seen> seen(String path) {
    return seen.stream().filter(s -> s.path().equals(path)).toList();
  }

  /** A classpath fixture of this package as text. */
  static String fixture(String name) {
    try (InputStream in = LoopbackServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    seen.add(new Seen(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery()));
    Deque<Reply> queue = replies.get(uri.getRawPath());
    Reply reply;
    if (queue == null) {
      reply = new Reply(404, Map.of(), "{\"message\":\"no route\"}");
    } else {
      synchronized (queue) {
        reply = queue.size() > 1 ? queue.poll() : queue.peek();
      }
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
