package io.marketgate.server.slate;

import io.marketgate.model.BinaryBook;
import io.marketgate.model.OddsEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one slate build reads, taken from one frozen run context: the builders are pure
 * functions of it. Immutable.
 *
 * @param league the league
 * @param date the US/Eastern date
 * @param now when the context was taken
 * @param version the run context's version
 * @param odds the odds-feed events (any date; the builder filters)
 * @param oddsFreshness age and provenance of the odds
 * @param games the scheduled games of the date, when the games list could be read
 * @param manifest the Kalshi manifest of the date, or why it is missing
 * @param manifestFreshness age and provenance of the manifest
 * @param books the books read, by market ticker; a ticker absent here was not planned
 * @param calls upstream calls the build caused, by resource
 */
public record SlateFrame(
    String league,
    LocalDate date,
    Instant now,
    long version,
    List<OddsEvent> odds,
    Slate.InputFreshness oddsFreshness,
    Optional<GameList> games,
    Input<SlateManifest> manifest,
    Slate.InputFreshness manifestFreshness,
    Map<String, BookRead> books,
    Map<String, Long> calls) {

  /** Validates the parts and copies the collections. */
  public SlateFrame {
    Objects.requireNonNull(league, "league");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(now, "now");
    odds = List.copyOf(odds);
    Objects.requireNonNull(oddsFreshness, "oddsFreshness");
    Objects.requireNonNull(games, "games");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(manifestFreshness, "manifestFreshness");
    books = Map.copyOf(books);
    calls = Map.copyOf(calls);
  }

  /**
   * An input that was read, or why it could not be.
   *
   * @param <T> the input's type
   */
  public sealed interface Input<T> {

    /**
     * The value.
     *
     * @param value the value
     * @param <T> its type
     */
    record Found<T>(T value) implements Input<T> {
      /** Validates the value. */
      public Found {
        Objects.requireNonNull(value, "value");
      }
    }

    /**
     * No value.
     *
     * @param reason why
     * @param <T> the type that is missing
     */
    record Missing<T>(String reason) implements Input<T> {
      /** Validates the reason. */
      public Missing {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }

  /** One book as the context holds it. */
  public sealed interface BookRead {

    /**
     * A book.
     *
     * @param book the book
     * @param ageMs its age
     * @param staleReason why it is stale; empty when live
     */
    record Found(BinaryBook book, long ageMs, Optional<String> staleReason) implements BookRead {
      /** Validates the parts. */
      public Found {
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(staleReason, "staleReason");
      }
    }

    /**
     * No book.
     *
     * @param reason why
     */
    record Missing(String reason) implements BookRead {
      /** Validates the reason. */
      public Missing {
        Objects.requireNonNull(reason, "reason");
      }
    }
  }
}
