package io.marketgate.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.sim.calls.CallCounts;
import io.marketgate.sim.fault.Fault;
import io.marketgate.sim.fault.FaultPlan;
import io.marketgate.sim.fault.FaultTrigger;
import io.marketgate.sim.http.Json;
import io.marketgate.sim.http.Reply;
import io.marketgate.sim.http.SimHttpHandler;
import io.marketgate.sim.slate.Game;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The simulator's own admin routes under {@code /_sim}: call counters, faults, stepping, the slate
 * and true books. Not counted and never faulted. Runs on the IO thread (all work is cheap).
 *
 * <ul>
 *   <li>{@code GET /_sim/calls}, {@code POST /_sim/calls/reset}
 *   <li>{@code GET /_sim/faults}, {@code POST /_sim/faults} with {@code {"route":…,"kind":…,
 *       …,"next":N | "probability":p}}, {@code DELETE /_sim/faults[/{id}]}
 *   <li>{@code POST /_sim/step?n=N}, {@code GET /_sim/slate}, {@code GET /_sim/books/{ticker}}
 * </ul>
 */
final class AdminRoutes implements HttpHandler {

  private final VenueSimulator sim;

  AdminRoutes(VenueSimulator sim) {
    this.sim = sim;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String method = exchange.getRequestMethod().toString();
    String path = exchange.getRequestPath();
    if (method.equals("POST") && path.equals("/_sim/faults")) {
      exchange
          .getRequestReceiver()
          .receiveFullString((ex, body) -> SimHttpHandler.send(ex, injectFault(body)));
      return;
    }
    SimHttpHandler.send(exchange, route(method, path, exchange));
  }

  private Reply route(String method, String path, HttpServerExchange exchange) {
    switch (method + " " + path) {
      case "GET /_sim/calls":
        return Reply.json(200, calls(sim.calls()));
      case "POST /_sim/calls/reset":
        sim.resetCalls();
        return Reply.json(200, calls(sim.calls()));
      case "GET /_sim/faults":
        return Reply.json(200, faults(sim.faults()));
      case "DELETE /_sim/faults":
        sim.faults().clear();
        return Reply.json(200, faults(sim.faults()));
      case "POST /_sim/step":
        int n =
            Optional.ofNullable(exchange.getQueryParameters().get("n"))
                .map(d -> Integer.parseInt(d.getFirst()))
                .orElse(1);
        sim.step(n);
        ObjectNode o = Json.object();
        o.put("steps", n);
        return Reply.json(200, o);
      case "GET /_sim/slate":
        return Reply.json(200, slate());
      default:
        break;
    }
    if (method.equals("DELETE") && path.startsWith("/_sim/faults/")) {
      try {
        boolean removed = sim.faults().remove(Long.parseLong(path.substring(13)));
        return removed ? Reply.json(200, faults(sim.faults())) : error(404, "no such fault");
      } catch (NumberFormatException e) {
        return error(400, "fault id must be a number");
      }
    }
    if (method.equals("GET") && path.startsWith("/_sim/books/")) {
      String ticker = path.substring(12);
      return sim.kalshiBook(ticker)
          .map(b -> Reply.json(200, book(ticker, b)))
          .orElseGet(() -> error(404, "no market " + ticker));
    }
    return error(404, "no route " + method + " " + path);
  }

  private Reply injectFault(String body) {
    try {
      JsonNode in = Json.parse(body);
      String route = in.path("route").asText("");
      if (route.isBlank()) {
        return error(400, "route is required, for example \"kalshi.orderbook\" or \"kalshi.*\"");
      }
      Fault fault = fault(in);
      FaultTrigger trigger =
          in.has("probability")
              ? FaultTrigger.probability(in.path("probability").asDouble())
              : FaultTrigger.next(in.path("next").asInt(1));
      long id = sim.faults().inject(route, fault, trigger);
      ObjectNode o = Json.object();
      o.put("id", id);
      return Reply.json(201, o);
    } catch (IOException | IllegalArgumentException e) {
      return error(400, e.getMessage());
    }
  }

  private static Fault fault(JsonNode in) {
    String kind = in.path("kind").asText("");
    return switch (kind) {
      case "latency" -> Fault.latency(Duration.ofMillis(in.path("millis").asLong()));
      case "status" ->
          in.has("retry_after_seconds")
              ? new Fault.Status(
                  in.path("status").asInt(),
                  Optional.of(Duration.ofSeconds(in.path("retry_after_seconds").asLong())))
              : Fault.status(in.path("status").asInt());
      case "hang" -> Fault.hang();
      case "truncated_json" -> Fault.truncatedJson();
      case "wrong_types" -> Fault.wrongTypes();
      case "disconnect" -> Fault.disconnect();
      case "sequence_gap" -> Fault.sequenceGap();
      case "freeze" -> Fault.freeze();
      default ->
          throw new IllegalArgumentException(
              "kind must be latency, status, hang, truncated_json, wrong_types, disconnect,"
                  + " sequence_gap or freeze but was \""
                  + kind
                  + "\"");
    };
  }

  static ObjectNode calls(CallCounts counts) {
    ObjectNode o = Json.object();
    o.put("total", counts.total());
    ObjectNode routes = o.putObject("routes");
    counts
        .routes()
        .forEach(
            (route, rc) -> {
              ObjectNode r = routes.putObject(route);
              r.put("calls", rc.calls());
              ObjectNode statuses = r.putObject("by_status");
              rc.byStatus().forEach((s, n) -> statuses.put(Integer.toString(s), n));
            });
    return o;
  }

  private static ObjectNode faults(FaultPlan plan) {
    ObjectNode o = Json.object();
    ArrayNode a = o.putArray("faults");
    for (FaultPlan.Injected f : plan.injected()) {
      ObjectNode e = a.addObject();
      e.put("id", f.id());
      e.put("route", f.routePattern());
      e.put("fault", f.fault().toString());
      e.put("trigger", f.trigger().toString());
      if (f.remaining() >= 0) {
        e.put("remaining", f.remaining());
      }
    }
    return o;
  }

  private ObjectNode slate() {
    ObjectNode o = Json.object();
    o.put("date", sim.slate().date().toString());
    o.put("seed", sim.slate().seed());
    ArrayNode games = o.putArray("games");
    for (Game g : sim.slate().games()) {
      ObjectNode game = games.addObject();
      game.put("away", g.away().code());
      game.put("home", g.home().code());
      game.put("start", g.start().toString());
      game.put("home_win_probability", g.homeWinProbability());
      game.put("expected_margin", g.expectedMargin());
      game.put("expected_total", g.expectedTotal());
    }
    return o;
  }

  private static ObjectNode book(String ticker, BinaryBook book) {
    ObjectNode o = Json.object();
    o.put("ticker", ticker);
    o.set("yes", levels(book.yesBids()));
    o.set("no", levels(book.noBids()));
    return o;
  }

  private static ArrayNode levels(List<PriceLevel> levels) {
    ArrayNode a = Json.array();
    for (PriceLevel l : levels) {
      a.addArray().add(l.price().toPlainString()).add(l.size().toPlainString());
    }
    return a;
  }

  private static Reply error(int status, String message) {
    ObjectNode o = Json.object();
    o.put("error", status == 404 ? "not_found" : "bad_request");
    o.put("message", message);
    return Reply.json(status, o);
  }
}
