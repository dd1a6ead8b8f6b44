package io.marketgate.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.model.BinaryBook;
import io.marketgate.model.Market;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.OrderBook;
import io.marketgate.model.PriceLevel;
import io.marketgate.model.Team;
import io.marketgate.server.ingest.SourceStatus;
import io.marketgate.upstream.BudgetStatus;
import io.marketgate.upstream.Outcome;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  /**
   * A two-sided order book (Binance, Polymarket): best bid and ask, mid and spread, and the levels
   * of both sides sorted best-first.
   */
  public static ObjectNode orderBook(String venue, String ticker, OrderBook book) {
    ObjectNode n = NODES.objectNode();
    n.put("venue", venue);
    n.put("ticker", ticker);
    level(n, "bid", book.bestBid());
    level(n, "ask", book.bestAsk());
    decimal(n, "mid", book.mid());
    decimal(n, "spread", book.spread());
    n.put("crossed", book.isCrossed());
    ObjectNode levels = n.putObject("levels");
    levels.set("bids", levels(book.bids()));
    levels.set("asks", levels(book.asks()));
    return n;
  }

  /**
   * A market: identity, grouping, state and the venue's top-of-book summary, prices as decimal
   * strings, absent values as {@code null}.
   */
  public static ObjectNode market(Market m) {
    ObjectNode n = NODES.objectNode();
    n.put("venue", m.key().venue().id());
    n.put("ticker", m.key().ticker());
    n.put("event_ticker", m.eventTicker());
    optionalText(n, "series_ticker", m.seriesTicker());
    n.put("title", m.title());
    n.put("status", m.status());
    decimal(n, "yes_bid", m.yesBid());
    decimal(n, "yes_ask", m.yesAsk());
    decimal(n, "last_price", m.lastPrice());
    decimal(n, "volume", m.volume());
    decimal(n, "open_interest", m.openInterest());
    optionalText(n, "close_time", m.closeTime().map(Object::toString));
    ObjectNode attributes = n.putObject("attributes");
    new java.util.TreeMap<>(m.attributes()).forEach(attributes::put);
    return n;
  }

  /**
   * The top of a binary book: best bids, implied asks and mid, without the levels (for lists and
   * histories).
   */
  public static ObjectNode bookTop(BinaryBook book) {
    ObjectNode n = NODES.objectNode();
    decimal(n, "yes_bid", book.bestYesBid().map(PriceLevel::price));
    decimal(n, "yes_ask", book.yesAsk().map(PriceLevel::price));
    decimal(n, "no_bid", book.bestNoBid().map(PriceLevel::price));
    decimal(n, "no_ask", book.noAsk().map(PriceLevel::price));
    decimal(n, "yes_mid", book.yesMid());
    decimal(n, "yes_spread", book.yesSpread());
    return n;
  }

  /**
   * What one ingest source is doing: state, ages, last error, keys fed, continuity breaks, its
   * budget and its counters ({@code /v1/sources}).
   */
  public static ObjectNode sourceStatus(SourceStatus s) {
    ObjectNode n = NODES.objectNode();
    n.put("name", s.name());
    n.put("venue", s.venue());
    n.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
    n.put("state", s.state().name().toLowerCase(Locale.ROOT));
    optionalText(n, "last_data", s.lastData().map(Object::toString));
    if (s.age().isPresent()) {
      n.put("age_ms", s.age().get().toMillis());
    } else {
      n.putNull("age_ms");
    }
    n.put("silent_after_ms", s.silentAfter().toMillis());
    optionalText(n, "last_error", s.lastError());
    n.put("keys", s.keys());
    n.put("epoch_bumps", s.epochBumps());
    n.set("budget", budgetStatus(s.budget()));
    ObjectNode counters = n.putObject("counters");
    new java.util.TreeMap<>(s.counters()).forEach(counters::put);
    return n;
  }

  /**
   * A rate budget: circuit state, headroom (tokens and credits left), calls by outcome in total and
   * per endpoint, and the last failure.
   */
  public static ObjectNode budgetStatus(BudgetStatus b) {
    ObjectNode n = NODES.objectNode();
    n.put("name", b.name());
    n.put("circuit", b.circuit().name().toLowerCase(Locale.ROOT));
    if (b.availableTokens().isPresent()) {
      n.put("available_tokens", b.availableTokens().getAsLong());
    } else {
      n.putNull("available_tokens");
    }
    if (b.remainingCredits().isPresent()) {
      n.put("remaining_credits", b.remainingCredits().getAsLong());
    } else {
      n.putNull("remaining_credits");
    }
    n.put("attempts", b.attempts());
    n.put("retries", b.retries());
    ObjectNode outcomes = n.putObject("outcomes");
    for (Outcome o : Outcome.values()) {
      outcomes.put(o.label(), b.count(o));
    }
    if (b.lastError().isPresent()) {
      BudgetStatus.Failure f = b.lastError().get();
      ObjectNode e = n.putObject("last_error");
      e.put("endpoint", f.endpoint());
      e.put("outcome", f.outcome().label());
      e.put("message", f.message());
      e.put("at", f.at().toString());
    } else {
      n.putNull("last_error");
    }
    ObjectNode endpoints = n.putObject("endpoints");
    for (Map.Entry<String, BudgetStatus.EndpointStatus> e : b.endpoints().entrySet()) {
      ObjectNode en = endpoints.putObject(e.getKey());
      en.put("calls", e.getValue().calls());
      en.put("attempts", e.getValue().attempts());
      en.put("retries", e.getValue().retries());
      ObjectNode eo = en.putObject("outcomes");
      for (Outcome o : Outcome.values()) {
        eo.put(o.label(), e.getValue().count(o));
      }
    }
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

  private static void optionalText(ObjectNode parent, String name, Optional<String> value) {
    if (value.isEmpty()) {
      parent.putNull(name);
    } else {
      parent.put(name, value.get());
    }
  }

  private static String plain(BigDecimal d) {
    return d.toPlainString();
  }
}
