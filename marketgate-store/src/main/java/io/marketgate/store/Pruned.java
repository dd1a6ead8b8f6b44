package io.marketgate.store;

/**
 * What one retention pass removed.
 *
 * @param events events that started before the cut-off, with all their lines
 * @param lines superseded lines captured before the cut-off
 * @param marketStates superseded market states captured before the cut-off
 * @param bookTops superseded book tops captured before the cut-off
 */
public record Pruned(long events, long lines, long marketStates, long bookTops) {

  /** Rows removed in all. */
  public long total() {
    return events + lines + marketStates + bookTops;
  }
}
