package io.marketgate.server.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketgate.cache.Provenance;
import io.marketgate.cache.Snapshot;
import io.marketgate.model.BetSide;
import io.marketgate.model.Bookmaker;
import io.marketgate.model.DeVigMethod;
import io.marketgate.model.MarketType;
import io.marketgate.model.ModelException;
import io.marketgate.model.OddsEvent;
import io.marketgate.model.OddsLine;
import io.marketgate.model.OddsOutcome;
import io.marketgate.model.OddsPrice;
import io.marketgate.server.api.ModelJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The JSON of the events API: one event with, per bookmaker, its latest lines, each with its
 * freshness and de-vigged fair probabilities, and the consensus (median) line of every market with
 * its fair probabilities. Immutable and thread-safe; pure functions of their arguments, so a body
 * built from one store version is the same however often it is built.
 */
public final class EventsView {

  /** Changes kept per bookmaker line in an event's detail. */
  public static final int LINE_HISTORY = 16;

  /** Decimal places of fair probabilities (a millionth is far below any price step). */
  static final int FAIR_PLACES = 6;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final DeVigMethod method;

  /** A view that de-vigs with {@code method}. */
  public EventsView(DeVigMethod method) {
    this.method = Objects.requireNonNull(method, "method");
  }

  /** The de-vig method of the fair probabilities. */
  public DeVigMethod method() {
    return method;
  }

  /**
   * One event of the list: the lines of the bookmakers in {@code bookmakers} (all when empty),
   * labelled {@code provenance} as of {@code asOf}, and the consensus over those bookmakers.
   */
  public ObjectNode summary(
      OddsEvent event, Provenance provenance, Instant asOf, Set<String> bookmakers) {
    List<OddsLine> lines =
        bookmakers.isEmpty()
            ? event.lines()
            : event.lines().stream().filter(l -> bookmakers.contains(l.bookmaker().id())).toList();
    return document(event, lines, provenance, asOf, List.of());
  }

  /**
   * One event in full: every bookmaker's lines with their recent changes from {@code history}
   * (oldest first, as the store's ring gives it; empty for an event read from the journal).
   */
  public ObjectNode detail(
      OddsEvent event, Provenance provenance, Instant asOf, List<Snapshot<OddsEvent>> history) {
    return document(event, event.lines(), provenance, asOf, history);
  }

  /** Whether {@code event} has a line of any of {@code bookmakers} (any when empty). */
  public static boolean pricedBy(OddsEvent event, Set<String> bookmakers) {
    return bookmakers.isEmpty()
        || event.lines().stream().anyMatch(l -> bookmakers.contains(l.bookmaker().id()));
  }

  private ObjectNode document(
      OddsEvent event,
      List<OddsLine> lines,
      Provenance provenance,
      Instant asOf,
      List<Snapshot<OddsEvent>> history) {
    ObjectNode n = NODES.objectNode();
    n.put("id", event.key().toString());
    n.put("league", event.league());
    n.put("start", event.start().toString());
    n.set("home", ModelJson.team(event.home()));
    n.set("away", ModelJson.team(event.away()));
    n.put("devig", wire(method));
    Map<Bookmaker, List<OddsLine>> byBook = new LinkedHashMap<>();
    for (OddsLine l : lines) {
      byBook.computeIfAbsent(l.bookmaker(), b -> new ArrayList<>()).add(l);
    }
    ArrayNode books = n.putArray("bookmakers");
    for (Map.Entry<Bookmaker, List<OddsLine>> e : byBook.entrySet()) {
      ObjectNode b = books.addObject();
      b.put("id", e.getKey().id());
      b.put("name", e.getKey().name());
      ArrayNode markets = b.putArray("lines");
      for (OddsLine l : e.getValue()) {
        ObjectNode ln = line(l, provenance, asOf);
        if (!history.isEmpty()) {
          ln.set("history", history(history, l.bookmaker().id(), l.market()));
        }
        markets.add(ln);
      }
    }
    ObjectNode consensus = n.putObject("consensus");
    for (MarketType m : MarketType.values()) {
      List<OddsLine> of = lines.stream().filter(l -> l.market() == m).toList();
      Optional<ConsensusLine> c = ConsensusLine.of(m, of);
      if (c.isPresent()) {
        consensus.set(wire(m), consensus(c.get()));
      }
    }
    return n;
  }

  private ObjectNode line(OddsLine l, Provenance provenance, Instant asOf) {
    ObjectNode n = NODES.objectNode();
    n.put("market", wire(l.market()));
    n.put("updated_at", l.updatedAt().toString());
    ArrayNode outcomes = n.putArray("outcomes");
    for (OddsOutcome o : l.outcomes()) {
      outcome(outcomes, o.side(), o.points(), o.price());
    }
    n.put("source", provenance.label());
    n.put("as_of", asOf.toString());
    if (l.isTwoWay()) {
      fair(n, l.market(), fairOf(l));
    } else {
      n.putNull("fair");
    }
    return n;
  }

  private Optional<double[]> fairOf(OddsLine l) {
    try {
      return Optional.of(l.fairProbabilities(method));
    } catch (ModelException e) {
      return Optional.empty();
    }
  }

  private ObjectNode consensus(ConsensusLine c) {
    ObjectNode n = NODES.objectNode();
    if (c.points().isPresent()) {
      n.put("points", c.points().getAsDouble());
    }
    n.put("bookmakers", c.bookmakers());
    n.put("lines", c.lines());
    ArrayNode outcomes = n.putArray("outcomes");
    List<BetSide> sides = c.market().sides();
    OptionalDouble second =
        c.market() == MarketType.SPREAD ? OptionalDouble.of(-c.points().getAsDouble()) : c.points();
    outcome(outcomes, sides.get(0), c.points(), c.first());
    outcome(outcomes, sides.get(1), second, c.second());
    fair(n, c.market(), c.fair(method));
    return n;
  }

  /** One priced side: American odds (whole when whole), decimal odds to 4 places. */
  private static void outcome(
      ArrayNode outcomes, BetSide side, OptionalDouble points, OddsPrice price) {
    ObjectNode o = outcomes.addObject();
    o.put("side", wire(side));
    if (points.isPresent()) {
      o.put("points", points.getAsDouble());
    }
    number(o, "american", price.american(), 2);
    number(o, "decimal", price.decimal(), 4);
  }

  /** {@code value} rounded to {@code places} decimals, written as an integer when whole. */
  private static void number(ObjectNode n, String name, double value, int places) {
    BigDecimal d = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_EVEN);
    BigDecimal stripped = d.stripTrailingZeros();
    if (stripped.scale() <= 0) {
      n.put(name, d.longValue());
    } else {
      n.put(name, stripped);
    }
  }

  private static void fair(ObjectNode n, MarketType market, Optional<double[]> fair) {
    if (fair.isEmpty()) {
      n.putNull("fair");
      return;
    }
    ObjectNode f = n.putObject("fair");
    number(f, wire(market.sides().get(0)), fair.get()[0], FAIR_PLACES);
    number(f, wire(market.sides().get(1)), fair.get()[1], FAIR_PLACES);
  }

  /** The distinct prices of one bookmaker's line in {@code history}, the last few, oldest first. */
  private static ArrayNode history(
      List<Snapshot<OddsEvent>> history, String bookmaker, MarketType market) {
    List<ObjectNode> changes = new ArrayList<>();
    List<OddsOutcome> last = null;
    for (Snapshot<OddsEvent> s : history) {
      Optional<OddsLine> l = s.value().line(bookmaker, market);
      if (l.isEmpty()) {
        last = null;
        continue;
      }
      if (l.get().outcomes().equals(last)) {
        continue;
      }
      last = l.get().outcomes();
      ObjectNode c = NODES.objectNode();
      c.put("seq", s.seq());
      c.put("as_of", s.wallTime().toString());
      c.put("updated_at", l.get().updatedAt().toString());
      ArrayNode outs = c.putArray("outcomes");
      for (OddsOutcome o : last) {
        ObjectNode on = outs.addObject();
        on.put("side", wire(o.side()));
        if (o.points().isPresent()) {
          on.put("points", o.points().getAsDouble());
        }
        number(on, "american", o.price().american(), 2);
      }
      changes.add(c);
    }
    ArrayNode out = NODES.arrayNode();
    changes.subList(Math.max(0, changes.size() - LINE_HISTORY), changes.size()).forEach(out::add);
    return out;
  }

  private static String wire(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
