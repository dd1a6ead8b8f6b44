package io.marketgate.server.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes a method and a decoded path to a handler: path templates of literal segments and {@code
 * {name}} parameters that match one segment each. Immutable after construction; thread-safe.
 */
final class Router {

  /** Who may call a route. */
  enum Access {
    /** Anyone (health, metrics). */
    PUBLIC,
    /** Callers with the read scope. */
    READ,
    /** Callers with the admin scope. */
    ADMIN
  }

  /** Route code; runs on the IO thread and must not block (it may dispatch). */
  @FunctionalInterface
  interface Handler {
    /** Answers one call. */
    void handle(Call call) throws Exception;
  }

  /** One route: method, path template, accepted query parameters, access and handler. */
  record Route(
      String method,
      String pattern,
      List<String> segments,
      Set<String> params,
      Access access,
      Handler handler) {}

  /** The outcome of matching a request. */
  sealed interface Match {}

  /** A route matched; {@code params} holds the decoded path parameters. */
  record Found(Route route, Map<String, String> params) implements Match {}

  /** The path matched routes of other methods only. */
  record WrongMethod(Set<String> allowed) implements Match {}

  /** No route has this path. */
  record NoRoute() implements Match {}

  private final List<Route> routes = new ArrayList<>();

  /** Adds a route; {@code params} are the query parameters it accepts. */
  Router add(String method, String pattern, Access access, Set<String> params, Handler handler) {
    if (!pattern.startsWith("/")) {
      throw new IllegalArgumentException("route pattern must start with '/': " + pattern);
    }
    List<String> segments = List.of(pattern.substring(1).split("/", -1));
    routes.add(new Route(method, pattern, segments, Set.copyOf(params), access, handler));
    return this;
  }

  /** Every route, in the order added; for the API description's contract test. */
  List<Route> routes() {
    return List.copyOf(routes);
  }

  /** Matches {@code method} (HEAD counts as GET) and decoded path {@code segments}. */
  Match match(String method, List<String> segments) {
    String effective = method.equals("HEAD") ? "GET" : method;
    Set<String> allowed = new LinkedHashSet<>();
    for (Route r : routes) {
      Map<String, String> params = bind(r, segments);
      if (params == null) {
        continue;
      }
      if (r.method().equals(effective)) {
        return new Found(r, params);
      }
      allowed.add(r.method());
      if (r.method().equals("GET")) {
        allowed.add("HEAD");
      }
    }
    return allowed.isEmpty() ? new NoRoute() : new WrongMethod(allowed);
  }

  private static Map<String, String> bind(Route r, List<String> segments) {
    if (r.segments().size() != segments.size()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < segments.size(); i++) {
      String template = r.segments().get(i);
      String actual = segments.get(i);
      if (template.startsWith("{") && template.endsWith("}")) {
        if (actual.isEmpty()) {
          return null;
        }
        params.put(template.substring(1, template.length() - 1), actual);
      } else if (!template.equals(actual)) {
        return null;
      }
    }
    return params;
  }
}
