package io.marketgate.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.sim.calls.CallCounter;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultPlan;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The request pipeline of one venue: route, count, draw an injected fault, then serve. Undertow
 * calls it on an IO thread; it is stateless apart from the shared counter and fault plan, so one
 * instance serves every connection.
 */
public final class SimHttpHandler implements HttpHandler {

  /*
   * Cheap work (routing, counting, drawing a fault, answering a forced status) stays on the IO
   * thread. Computing a data reply is dispatched to a worker thread. Added latency never blocks a
   * thread: the exchange is dispatched without a task and the scheduler resumes it later on its IO
   * thread through Connectors.executeRootHandler. A hang dispatches without a task and never
   * resumes, so the request stays open until the client gives up or the server stops. A data
   * call's status is counted just before its reply is written (so a client that has the reply
   * also sees it counted); an upgrade's status when its exchange completes; a hung call counts as
   * received only.
   */
  private final Router router;
  private final CallCounter counter;
  private final FaultPlan faults;
  private final ScheduledExecutorService scheduler;

  /** A pipeline for the venue of {@code router}. */
  public SimHttpHandler(
      Router router, CallCounter counter, FaultPlan faults, ScheduledExecutorService scheduler) {
    this.router = router;
    this.counter = counter;
    this.faults = faults;
    this.scheduler = scheduler;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    SimRequest request = request(exchange);
    Endpoint endpoint = router.route(request);
    String route = endpoint.route();
    counter.received(route);
    if (endpoint instanceof Endpoint.Upgrade) {
      exchange.addExchangeCompleteListener(
          (ex, next) -> {
            counter.answered(route, ex.getStatusCode());
            next.proceed();
          });
    }
    Optional<Fault> fault = faults.nextHttp(route);
    HttpHandler serve = serve(endpoint, request, fault);
    if (fault.isEmpty()) {
      serve.handleRequest(exchange);
      return;
    }
    switch (fault.get()) {
      case Fault.Latency latency -> later(exchange, serve, latency.delay());
      case Fault.Status status -> answer(exchange, route, statusReply(status));
      case Fault.Hang hang -> exchange.dispatch(SameThreadExecutor.INSTANCE, () -> {});
      case Fault.Malformed malformed -> serve.handleRequest(exchange);
      case Fault.Disconnect d -> serve.handleRequest(exchange);
      case Fault.SequenceGap g -> serve.handleRequest(exchange);
      case Fault.Freeze f -> serve.handleRequest(exchange);
    }
  }

  private HttpHandler serve(Endpoint endpoint, SimRequest request, Optional<Fault> fault) {
    return switch (endpoint) {
      case Endpoint.Upgrade upgrade -> upgrade.handler();
      case Endpoint.Data data ->
          new HttpHandler() {
            @Override
            public void handleRequest(HttpServerExchange exchange) {
              if (exchange.isInIoThread()) {
                exchange.dispatch(this);
                return;
              }
              Reply reply = data.handler().apply(request);
              if (fault.isPresent() && fault.get() instanceof Fault.Malformed m) {
                reply = reply.withBody(corrupt(reply.body(), m.kind()));
              }
              answer(exchange, data.route(), reply);
            }
          };
    };
  }

  private void later(HttpServerExchange exchange, HttpHandler serve, Duration delay) {
    exchange.dispatch(
        SameThreadExecutor.INSTANCE,
        () ->
            scheduler.schedule(
                () ->
                    exchange
                        .getIoThread()
                        .execute(() -> Connectors.executeRootHandler(serve, exchange)),
                delay.toNanos(),
                TimeUnit.NANOSECONDS));
  }

  private Reply statusReply(Fault.Status status) {
    Reply reply = router.faultReply(status.status());
    if (status.retryAfter().isPresent()) {
      Duration d = status.retryAfter().get();
      long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
      reply = reply.withHeader("Retry-After", Long.toString(seconds));
    }
    return reply;
  }

  /** Counts {@code reply}'s status for {@code route}, then sends it. */
  private void answer(HttpServerExchange exchange, String route, Reply reply) {
    counter.answered(route, reply.status());
    send(exchange, reply);
  }

  /** Writes {@code reply} as the JSON response of {@code exchange}. */
  public static void send(HttpServerExchange exchange, Reply reply) {
    exchange.setStatusCode(reply.status());
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    reply.headers().forEach((k, v) -> exchange.getResponseHeaders().put(new HttpString(k), v));
    exchange.getResponseSender().send(ByteBuffer.wrap(reply.body()));
  }

  /** The request of {@code exchange} as a {@link SimRequest}. */
  public static SimRequest request(HttpServerExchange exchange) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    exchange.getQueryParameters().forEach((k, v) -> query.put(k, List.copyOf(new ArrayList<>(v))));
    Map<String, String> headers = new HashMap<>();
    for (HeaderValues values : exchange.getRequestHeaders()) {
      headers.put(values.getHeaderName().toString().toLowerCase(Locale.ROOT), values.getFirst());
    }
    return new SimRequest(
        exchange.getRequestMethod().toString().toUpperCase(Locale.ROOT),
        exchange.getRequestPath(),
        query,
        headers);
  }

  /** {@code body} broken the way {@code kind} says. */
  static byte[] corrupt(byte[] body, Fault.MalformedKind kind) {
    return switch (kind) {
      case TRUNCATED -> Arrays.copyOf(body, Math.max(1, body.length / 2));
      case WRONG_TYPES -> {
        try {
          yield Json.bytes(wrongTypes(Json.parse(body)));
        } catch (IOException e) {
          yield body;
        }
      }
    };
  }

  private static JsonNode wrongTypes(JsonNode node) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (node.isObject()) {
      ObjectNode out = nodes.objectNode();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        out.set(e.getKey(), wrongTypes(e.getValue()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = nodes.arrayNode();
      node.forEach(child -> out.add(wrongTypes(child)));
      return out;
    }
    if (node.isNumber()) {
      return nodes.textNode(node.asText());
    }
    if (node.isBoolean()) {
      return nodes.textNode(node.asText());
    }
    if (node.isTextual()) {
      try {
        return nodes.numberNode(new java.math.BigDecimal(node.asText()));
      } catch (NumberFormatException e) {
        return nodes.numberNode(node.asText().length());
      }
    }
    return node;
  }
}
