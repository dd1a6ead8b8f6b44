package io.marketgate.upstream.odds;

/**
 * Signals, inside a mapper, that one wire item (an event, a line) is malformed and is skipped; the
 * message says what was wrong. Never leaves the package.
 */
final class MalformedWire extends RuntimeException {

  private static final long serialVersionUID = 1L;

  MalformedWire(String message) {
    super(message, null, false, false);
  }
}
