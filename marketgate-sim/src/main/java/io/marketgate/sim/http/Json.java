package io.marketgate.sim.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The simulator's one Jackson mapper and small helpers to build JSON trees. */
public final class Json {

  /** The shared mapper; thread-safe once configured. */
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** A new empty JSON object. */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** A new empty JSON array. */
  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /** {@code value} (a tree or any Jackson-serializable value) as UTF-8 JSON bytes. */
  public static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode simulator JSON", e);
    }
  }

  /** Parses {@code body} as a JSON tree. */
  public static JsonNode parse(byte[] body) throws IOException {
    return MAPPER.readTree(body);
  }

  /** Parses {@code text} as a JSON tree. */
  public static JsonNode parse(String text) throws IOException {
    return MAPPER.readTree(text);
  }
}
