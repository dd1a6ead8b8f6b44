package io.marketgate.upstream.binance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
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
import java.util.function.Function;

/**
 * A loopback Binance REST host: canned or computed replies per path, in order (the last repeats),
 * and a record of every request. Test-only; thread-safe.
 */
final class FakeBinanceRest implements AutoCloseable {

  /** One reply. */
  record Reply(int status, Map<String, String> headers, String body) {
    static Reply json(String body) {
      return new Reply(200, Map.of(), body);
    }
  }

  private final HttpServer server;
  private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();
  private final Map<String, Function<String, Reply>> computed = new ConcurrentHashMap<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();

  FakeBinanceRest() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** Serves {@code replies} at {@code path} in order, repeating the last. */
  FakeBinanceRest on(String path, Reply... r) {
    replies.put(path, new ArrayDeque<>(List.of(r)));
    return this;
  }

  /** Serves {@code path} with a reply computed from the query string. */
  FakeBinanceRest compute(String path, Function<String, Reply> reply) {
    computed.put(path, reply);
    return this;
  }

  /** Paths with query strings of every request so far. */
  List<String> seen() {
    return List.copyOf(seen);
  }

  /** How many requests went to {@code path}. */
  long count(String path) {
    return seen.stream().filter(s -> s.startsWith(path)).count();
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String query = ex.getRequestURI().getRawQuery();
    seen.add(path + (query == null ? "" : "?" + query));
    Reply reply;
    Function<String, Reply> f = computed.get(path);
    if (f != null) {
      reply = f.apply(query == null ? "" : query);
    } else {
      Deque<Reply> q = replies.get(path);
      if (q == null) {
        reply = new Reply(404, Map.of(), "{\"code\":-1,\"msg\":\"not found\"}");
      } else {
        synchronized (q) {
          reply = q.size() > 1 ? q.poll() : q.peek();
        }
      }
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
