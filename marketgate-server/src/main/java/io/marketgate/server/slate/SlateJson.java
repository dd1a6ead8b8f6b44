package io.marketgate.server.slate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** The JSON form of a {@link Slate}, the body of {@code GET /v1/slate}. Stateless. */
public final class SlateJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Probabilities, edges and EVs are written with this many decimals. */
  static final int DECIMALS = 6;

  private SlateJson() {}

  /** The document of {@code slate}. */
  public static ObjectNode encode(Slate slate) {
    ObjectNode o = NODES.objectNode();
    o.put("league", slate.league());
    o.put("date", slate.date().toString());
    o.put("generated_at", slate.generatedAt().toString());
    o.put("version", slate.version());
    ObjectNode freshness = o.putObject("freshness");
    input(freshness.putObject("odds"), slate.freshness().odds());
    input(freshness.putObject("manifest"), slate.freshness().manifest());
    ObjectNode books = freshness.putObject("books");
    books.put("max_age_ms", slate.freshness().books().maxAgeMs());
    books.put("missing", slate.freshness().books().missing());
    books.put("stale", slate.freshness().books().stale());
    ObjectNode calls = o.putObject("calls");
    calls.put("total", slate.calls().total());
    ObjectNode by = calls.putObject("by_resource");
    new TreeMap<>(slate.calls().byResource()).forEach(by::put);
    ArrayNode games = o.putArray("games");
    for (Slate.Game g : slate.games()) {
      games
          .addObject()
          .put("game_key", g.key().toString())
          .put("event_ticker", g.eventTicker())
          .put("start", g.start().toString())
          .put("away", g.away())
          .put("home", g.home())
          .put("away_name", g.awayName())
          .put("home_name", g.homeName());
    }
    rows(o.putArray("moneylines"), slate.moneylines());
    rows(o.putArray("spreads"), slate.spreads());
    rows(o.putArray("totals"), slate.totals());
    ArrayNode unmatched = o.putArray("unmatched");
    for (Slate.Unmatched u : slate.unmatched()) {
      unmatched
          .addObject()
          .put("side", u.side())
          .put("id", u.id())
          .put("description", u.description())
          .put("reason", u.reason());
    }
    return o;
  }

  private static void input(ObjectNode o, Slate.InputFreshness f) {
    o.put("age_ms", f.ageMs());
    o.put("source", f.source());
  }

  private static void rows(ArrayNode out, List<Slate.Row> rows) {
    for (Slate.Row r : rows) {
      ObjectNode o = out.addObject();
      o.put("game_key", r.gameKey().toString());
      o.put("ticker", r.ticker());
      o.put("label", r.label());
      text(o, "team", r.team());
      o.put("side", r.side());
      number(o, "strike", r.strike());
      number(o, "consensus_line", r.consensusLine());
      o.put("fair", round(r.fair()));
      o.put("fair_source", r.fairSource());
      price(o, "yes_bid", r.yesBid());
      price(o, "yes_ask", r.yesAsk());
      price(o, "no_bid", r.noBid());
      price(o, "no_ask", r.noAsk());
      number(o, "edge", r.edge());
      number(o, "ev", r.ev());
      ObjectNode book = o.putObject("book");
      book.put("state", r.book().state());
      if (r.book().ageMs().isPresent()) {
        book.put("age_ms", r.book().ageMs().getAsLong());
      } else {
        book.putNull("age_ms");
      }
      text(book, "reason", r.book().reason());
    }
  }

  private static void text(ObjectNode o, String name, Optional<String> value) {
    if (value.isPresent()) {
      o.put(name, value.get());
    } else {
      o.putNull(name);
    }
  }

  private static void number(ObjectNode o, String name, OptionalDouble value) {
    if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
      o.put(name, round(value.getAsDouble()));
    } else {
      o.putNull(name);
    }
  }

  private static void price(ObjectNode o, String name, Optional<BigDecimal> value) {
    if (value.isPresent()) {
      o.put(name, value.get().stripTrailingZeros());
    } else {
      o.putNull(name);
    }
  }

  private static double round(double v) {
    return BigDecimal.valueOf(v).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
  }
}
