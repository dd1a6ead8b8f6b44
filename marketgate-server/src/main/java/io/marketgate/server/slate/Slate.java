package io.marketgate.server.slate;

import io.marketgate.model.GameKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One built slate board: tonight's games joined across the odds feeds and Kalshi, the moneyline,
 * spread and total rows with fair probabilities against Kalshi prices, the games that could not be
 * joined, and the freshness and upstream cost of the inputs it was built from. Immutable; the
 * {@code GET /v1/slate} answer is {@link SlateJson#encode} of it.
 *
 * @param league the league, {@code nba}
 * @param date the US/Eastern date
 * @param generatedAt when it was built
 * @param version the version of the run context it was built from: equal versions, equal inputs
 * @param freshness ages and provenance of the inputs
 * @param calls the upstream calls the build caused
 * @param games the joined games, by start
 * @param moneylines one row per team per game
 * @param spreads the spread strikes nearest each game's consensus line
 * @param totals the total strikes nearest each game's consensus total
 * @param unmatched games of either side that could not be joined, with the reason
 */
public record Slate(
    String league,
    LocalDate date,
    Instant generatedAt,
    long version,
    Freshness freshness,
    Calls calls,
    List<Game> games,
    List<Row> moneylines,
    List<Row> spreads,
    List<Row> totals,
    List<Unmatched> unmatched) {

  /** Validates the parts and copies the lists. */
  public Slate {
    Objects.requireNonNull(league, "league");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(generatedAt, "generatedAt");
    Objects.requireNonNull(freshness, "freshness");
    Objects.requireNonNull(calls, "calls");
    games = List.copyOf(games);
    moneylines = List.copyOf(moneylines);
    spreads = List.copyOf(spreads);
    totals = List.copyOf(totals);
    unmatched = List.copyOf(unmatched);
  }

  /** The store key of a slate, {@code nba:2026-11-21}. */
  public static String key(String league, LocalDate date) {
    return league + ":" + date;
  }

  /**
   * Age and provenance of one input.
   *
   * @param ageMs age in milliseconds when the slate was built
   * @param source {@code live}, {@code stale} or {@code warm}
   */
  public record InputFreshness(long ageMs, String source) {

    /** Validates the parts. */
    public InputFreshness {
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * Freshness of the books the rows read.
   *
   * @param maxAgeMs age of the oldest book read
   * @param missing rows whose book could not be read
   * @param stale rows whose book is stale
   */
  public record BooksFreshness(long maxAgeMs, int missing, int stale) {}

  /**
   * Freshness of every input.
   *
   * @param odds the odds snapshot
   * @param manifest the Kalshi manifest
   * @param books the order books
   */
  public record Freshness(InputFreshness odds, InputFreshness manifest, BooksFreshness books) {

    /** Validates the parts. */
    public Freshness {
      Objects.requireNonNull(odds, "odds");
      Objects.requireNonNull(manifest, "manifest");
      Objects.requireNonNull(books, "books");
    }
  }

  /**
   * Upstream calls a build caused.
   *
   * @param total all of them
   * @param byResource by the slate's resource ({@code odds}, {@code games}, {@code manifest},
   *     {@code books}); zero when warm
   */
  public record Calls(long total, Map<String, Long> byResource) {

    /** Copies the map. */
    public Calls {
      byResource = Map.copyOf(byResource);
    }
  }

  /**
   * One joined game.
   *
   * @param key the canonical key, {@code KXNBAGAME event ticker|start}
   * @param eventTicker the Kalshi game event ticker
   * @param start the scheduled tip-off from the odds feed
   * @param away the away team's code
   * @param home the home team's code
   * @param awayName the away team's full name
   * @param homeName the home team's full name
   */
  public record Game(
      GameKey key,
      String eventTicker,
      Instant start,
      String away,
      String home,
      String awayName,
      String homeName) {

    /** Validates the parts. */
    public Game {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(eventTicker, "eventTicker");
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(away, "away");
      Objects.requireNonNull(home, "home");
      Objects.requireNonNull(awayName, "awayName");
      Objects.requireNonNull(homeName, "homeName");
    }
  }

  /**
   * State of the book behind a row.
   *
   * @param state {@code live}, {@code stale} or {@code missing}
   * @param ageMs the book's age; empty when missing
   * @param reason why it is stale or missing
   */
  public record BookState(String state, OptionalLong ageMs, Optional<String> reason) {

    /** Validates the parts. */
    public BookState {
      Objects.requireNonNull(state, "state");
      Objects.requireNonNull(ageMs, "ageMs");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * One row: a Kalshi market against its fair probability.
   *
   * @param gameKey the game
   * @param ticker the Kalshi market ticker
   * @param label what YES is, for example {@code LAL}, {@code BOS -4.5}, {@code Over 221.5}
   * @param team the team YES is about, for moneylines and spreads
   * @param side what YES means: {@code win}, {@code cover} or {@code over}
   * @param strike the market's half-point line (spread: wins by more than it; total: over it)
   * @param consensusLine the fair source's line: the row team's handicap, or the total
   * @param fair the fair probability that YES wins
   * @param fairSource where the fair line came from, {@code venue:bookmaker} or {@code consensus}
   * @param yesBid best YES bid, dollars
   * @param yesAsk best YES ask, dollars
   * @param noBid best NO bid, dollars
   * @param noAsk best NO ask, dollars
   * @param edge {@code fair − yesAsk}
   * @param ev expected profit per contract bought at {@code yesAsk} after the taker fee, dollars
   * @param book the book's state
   */
  public record Row(
      GameKey gameKey,
      String ticker,
      String label,
      Optional<String> team,
      String side,
      OptionalDouble strike,
      OptionalDouble consensusLine,
      double fair,
      String fairSource,
      Optional<BigDecimal> yesBid,
      Optional<BigDecimal> yesAsk,
      Optional<BigDecimal> noBid,
      Optional<BigDecimal> noAsk,
      OptionalDouble edge,
      OptionalDouble ev,
      BookState book) {

    /** Validates the parts. */
    public Row {
      Objects.requireNonNull(gameKey, "gameKey");
      Objects.requireNonNull(ticker, "ticker");
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(team, "team");
      Objects.requireNonNull(side, "side");
      Objects.requireNonNull(strike, "strike");
      Objects.requireNonNull(consensusLine, "consensusLine");
      Objects.requireNonNull(fairSource, "fairSource");
      Objects.requireNonNull(yesBid, "yesBid");
      Objects.requireNonNull(yesAsk, "yesAsk");
      Objects.requireNonNull(noBid, "noBid");
      Objects.requireNonNull(noAsk, "noAsk");
      Objects.requireNonNull(edge, "edge");
      Objects.requireNonNull(ev, "ev");
      Objects.requireNonNull(book, "book");
      if (!(fair >= 0 && fair <= 1)) {
        throw new IllegalArgumentException(
            "Row " + ticker + ": fair must be in [0, 1], was " + fair);
      }
    }
  }

  /**
   * A game of one side that could not be joined to the other.
   *
   * @param side {@code odds} or {@code kalshi}
   * @param id the odds event key or the Kalshi event ticker
   * @param description the matchup, for example {@code LAL@BOS 2026-11-21}
   * @param reason why it could not be joined
   */
  public record Unmatched(String side, String id, String description, String reason) {

    /** Validates the parts. */
    public Unmatched {
      Objects.requireNonNull(side, "side");
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
