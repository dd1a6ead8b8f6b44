package io.marketgate.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Team;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The JSON shapes in which Marketgate shows model objects to people and programs: prices as decimal
 * strings (never binary floating point), levels best-first as {@code [price, size]}. Stateless and
 * thread-safe.
 */
public final class ModelJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .setPropertyNamingStrategy(
              com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
          .setDefaultPropertyInclusion(
              com.fasterxml.jackson.annotation.JsonInclude.Include.NON_ABSENT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ModelJson() {}

  /** A shared mapper configured for Marketgate's output. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * A binary (Kalshi) book: best YES/NO bids, implied asks, mid and spread, and the levels of both
   * sides sorted best-first.
   */
  public static ObjectNode binaryBook(String venue, String ticker, BinaryBook book) {
    ObjectNode n = NODES.objectNode();
    n.put("venue", venue);
    n.put("ticker", ticker);
    ObjectNode yes = n.putObject("yes");
    level(yes, "bid", book.bestYesBid());
    level(yes, "ask", book.yesAsk());
    ObjectNode no = n.putObject("no");
    level(no, "bid", book.bestNoBid());
    level(no, "ask", book.noAsk());
    decimal(n, "yes_mid", book.yesMid());
    decimal(n, "yes_spread", book.yesSpread());
    n.put("crossed", book.isCrossed());
    ObjectNode levels = n.putObject("levels");
    levels.set("yes_bids", levels(book.yesBids()));
    levels.set("no_bids", levels(book.noBids()));
    return n;
  }

  /** Levels as {@code [[price, size], …]} in the given (best-first) order. */
  public static ArrayNode levels(List<PriceLevel> levels) {
    ArrayNode a = NODES.arrayNode();
    for (PriceLevel l : levels) {
      a.addArray().add(plain(l.price())).add(plain(l.size()));
    }
    return a;
  }

  /** An odds event with every bookmaker's lines. */
  public static ObjectNode oddsEvent(OddsEvent e) {
    ObjectNode n = NODES.objectNode();
    n.put("id", e.key().toString());
    n.put("league", e.league());
    n.put("start", e.start().toString());
    n.set("home", team(e.home()));
    n.set("away", team(e.away()));
    ArrayNode lines = n.putArray("lines");
    for (OddsLine line : e.lines()) {
      lines.add(oddsLine(line));
    }
    return n;
  }

  /** One bookmaker's line of one market. */
  public static ObjectNode oddsLine(OddsLine line) {
    ObjectNode n = NODES.objectNode();
    n.put("bookmaker", line.bookmaker().id());
    n.put("bookmaker_name", line.bookmaker().name());
    n.put("market", line.market().name().toLowerCase(java.util.Locale.ROOT));
    n.put("updated_at", line.updatedAt().toString());
    ArrayNode outcomes = n.putArray("outcomes");
    for (OddsOutcome o : line.outcomes()) {
      ObjectNode on = outcomes.addObject();
      on.put("side", o.side().name().toLowerCase(java.util.Locale.ROOT));
      if (o.points().isPresent()) {
        on.put("points", o.points().getAsDouble());
      }
      on.put("american", o.price().american());
      on.put("decimal", o.price().decimal());
      on.put("implied_probability", o.price().impliedProbability());
    }
    return n;
  }

  /** A team by its known parts. */
  public static ObjectNode team(Team t) {
    ObjectNode n = NODES.objectNode();
    t.id().ifPresent(v -> n.put("id", v));
    t.name().ifPresent(v -> n.put("name", v));
    t.abbreviation().ifPresent(v -> n.put("abbreviation", v));
    return n;
  }

  /**
   * A value record (such as a venue's market) as a JSON tree, snake_case, absent parts left out.
   */
  public static JsonNode value(Object record) {
    return MAPPER.valueToTree(record);
  }

  /** Renders any node as indented JSON text. */
  public static String text(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  private static void level(ObjectNode parent, String name, Optional<PriceLevel> level) {
    if (level.isEmpty()) {
      parent.putNull(name);
      return;
    }
    ObjectNode n = parent.putObject(name);
    n.put("price", plain(level.get().price()));
    n.put("size", plain(level.get().size()));
  }

  private static void decimal(ObjectNode parent, String name, Optional<BigDecimal> value) {
    if (value.isEmpty()) {
      parent.putNull(name);
    } else {
      parent.put(name, plain(value.get()));
    }
  }

  private static String plain(BigDecimal d) {
    return d.toPlainString();
  }
}
