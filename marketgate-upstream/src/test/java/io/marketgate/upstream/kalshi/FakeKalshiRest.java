package io.marketgate.upstream.kalshi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A loopback HTTP server that records requests and answers them from a scripted responder. */
final class FakeKalshiRest implements AutoCloseable {

  /** One recorded request. */
  record Call(String method, String path, String rawQuery, Map<String, List<String>> headers) {

    /** All values of query parameter {@code name}, decoded, in order. */
    List<String> params(String name) {
      List<String> out = new ArrayList<>();
      if (rawQuery == null) {
        return out;
      }
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        if (k.equals(name)) {
          out.add(URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      return out;
    }

    /** The single value of query parameter {@code name}, or null. */
    String param(String name) {
      List<String> v = params(name);
      return v.isEmpty() ? null : v.get(0);
    }

    /** The first value of header {@code name}, or null. */
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** One scripted answer. */
  record Reply(int status, String body) {
    static Reply ok(String body) {
      return new Reply(200, body);
    }
  }

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile Function<Call, Reply> responder = call -> new Reply(404, "{}");

  FakeKalshiRest() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange ex) throws IOException {
    URI uri = ex.getRequestURI();
    Call call =
        new Call(
            ex.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), ex.getRequestHeaders());
    calls.add(call);
    Reply reply;
    try {
      reply = responder.apply(call);
    } catch (RuntimeException e) {
      reply = new Reply(500, "{\"error\":\"" + e.getMessage() + "\"}");
    }
    byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  /** Answers every request with {@code responder}. */
  FakeKalshiRest respond(Function<Call, Reply> responder) {
    this.responder = responder;
    return this;
  }

  /** Answers every request with 200 and {@code body}. */
  FakeKalshiRest respondWith(String body) {
    return respond(call -> Reply.ok(body));
  }

  /** The REST root of this server, like {@code https://…/trade-api/v2}. */
  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/trade-api/v2");
  }

  /** The requests received so far, in order. */
  List<Call> calls() {
    return List.copyOf(calls);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
