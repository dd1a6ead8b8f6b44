package io.marketgate.model;

import java.util.Optional;

/**
 * A team as an odds feed identifies it: the feed's own id and/or a name and/or an abbreviation,
 * whichever the feed gives (The Odds API gives names only, Unabated numeric ids with names from its
 * team table). At least one part is present.
 *
 * @param id the feed's team id, for example {@code 11}
 * @param name the full name, for example {@code Boston Celtics}
 * @param abbreviation a short code, for example {@code BOS}
 */
public record Team(Optional<String> id, Optional<String> name, Optional<String> abbreviation) {

  private static final String RECORD = "Team";

  /** Validates that at least one part is present and every present part is well-formed. */
  public Team {
    KeyText.present(RECORD, "id", id);
    KeyText.present(RECORD, "name", name);
    KeyText.present(RECORD, "abbreviation", abbreviation);
    id.ifPresent(v -> KeyText.require(RECORD, "id", v, ""));
    name.ifPresent(v -> DisplayText.require(RECORD, "name", v));
    abbreviation.ifPresent(v -> DisplayText.require(RECORD, "abbreviation", v));
    if (id.isEmpty() && name.isEmpty() && abbreviation.isEmpty()) {
      throw new ModelException(RECORD + ": needs at least one of id, name or abbreviation");
    }
  }

  /** A team known only by its full name. */
  public static Team named(String name) {
    return new Team(Optional.empty(), Optional.of(name), Optional.empty());
  }

  /** A team known by the feed's id, with a name and abbreviation when the feed has them. */
  public static Team withId(String id, Optional<String> name, Optional<String> abbreviation) {
    return new Team(Optional.of(id), name, abbreviation);
  }

  /** The best text to show: the name, else the abbreviation, else the id. */
  public String label() {
    return name.or(() -> abbreviation).or(() -> id).orElseThrow();
  }
}
