package io.marketgate.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.marketgate.cache.ManualClock;
import io.marketgate.server.ingest.MarketData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/openapi.yaml} says exactly what the server answers: the same paths and methods, the
 * same query parameters per route, and the same access (public, read key, admin key).
 */
class OpenApiContractTest {

  private static JsonNode api;
  private static List<Router.Route> routes;

  @BeforeAll
  static void load() throws Exception {
    Path file = Path.of("..", "docs", "openapi.yaml");
    assertThat(file).exists();
    api = new YAMLMapper().readTree(Files.readString(file));
    MarketData data = MarketData.create(new ManualClock());
    try (GatewayHttpServer server =
        GatewayHttpServer.builder(data, ApiKeys.open())
            .slate(io.marketgate.server.slate.SlateView.builder(data).build())
            .build()) {
      routes = server.routes();
    }
  }

  @Test
  void everyRoute_isDescribed_withItsQueryParametersAndAccess() {
    assertThat(routes).isNotEmpty();
    for (Router.Route route : routes) {
      JsonNode op =
          api.path("paths").path(route.pattern()).path(route.method().toLowerCase(Locale.ROOT));
      assertThat(op.isObject())
          .as("openapi.yaml describes %s %s", route.method(), route.pattern())
          .isTrue();
      assertThat(parameters(op, "query"))
          .as("query parameters of %s %s", route.method(), route.pattern())
          .isEqualTo(new TreeSet<>(route.params()));
      assertThat(parameters(op, "path"))
          .as("path parameters of %s %s", route.method(), route.pattern())
          .isEqualTo(pathParameters(route.pattern()));
      assertThat(access(op))
          .as("access of %s %s", route.method(), route.pattern())
          .isEqualTo(route.access());
    }
  }

  @Test
  void everyDescribedOperation_isARoute() {
    Set<String> served = new HashSet<>();
    routes.forEach(r -> served.add(r.method() + " " + r.pattern()));
    Set<String> described = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        described.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
      }
    }
    assertThat(described).allSatisfy(op -> assertThat(served).as("served routes").contains(op));
  }

  private static Set<String> parameters(JsonNode op, String in) {
    Set<String> names = new TreeSet<>();
    for (JsonNode p : op.path("parameters")) {
      JsonNode param = p.has("$ref") ? resolve(p.get("$ref").asText()) : p;
      if (param.path("in").asText().equals(in)) {
        names.add(param.path("name").asText());
      }
    }
    return names;
  }

  private static Set<String> pathParameters(String pattern) {
    Set<String> names = new TreeSet<>();
    for (String segment : pattern.split("/")) {
      if (segment.startsWith("{") && segment.endsWith("}")) {
        names.add(segment.substring(1, segment.length() - 1));
      }
    }
    return names;
  }

  private static Router.Access access(JsonNode op) {
    if (!op.has("security")) {
      return Router.Access.READ;
    }
    JsonNode security = op.get("security");
    if (security.isEmpty()) {
      return Router.Access.PUBLIC;
    }
    return security.toString().contains("admin") ? Router.Access.ADMIN : Router.Access.READ;
  }

  private static JsonNode resolve(String ref) {
    JsonNode node = api;
    for (String part : ref.substring(2).split("/")) {
      node = node.path(part);
    }
    return node;
  }
}
