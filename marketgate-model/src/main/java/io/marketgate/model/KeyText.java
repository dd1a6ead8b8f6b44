package io.marketgate.model;

/** Validation and quoting of the text parts of canonical keys; shared by the key records. */
final class KeyText {

  /** Longest accepted key part, in chars. */
  static final int MAX_LENGTH = 200;

  /** Longest excerpt of a bad input quoted back in an error message, in chars. */
  private static final int MAX_QUOTED = 60;

  private KeyText() {}

  /**
   * Returns {@code value} if it is a valid key part: present, non-blank, at most {@link
   * #MAX_LENGTH} chars, without whitespace, control chars or any of {@code forbidden}.
   *
   * @param record the record being built, for the message (e.g. {@code MarketKey})
   * @param part the component name, for the message (e.g. {@code ticker})
   */
  static String require(String record, String part, String value, String forbidden) {
    if (value == null) {
      throw new ModelException(record + ": " + part + " is missing");
    }
    if (value.isEmpty()) {
      throw new ModelException(record + ": " + part + " is empty");
    }
    if (value.length() > MAX_LENGTH) {
      throw new ModelException(
          record
              + ": "
              + part
              + " is "
              + value.length()
              + " chars, longer than the maximum "
              + MAX_LENGTH
              + ": "
              + quote(value));
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
        throw new ModelException(
            record
                + ": "
                + part
                + " must not contain whitespace or control characters (found U+"
                + String.format("%04X", (int) c)
                + " at index "
                + i
                + "): "
                + quote(value));
      }
      if (forbidden.indexOf(c) >= 0) {
        throw new ModelException(
            record
                + ": "
                + part
                + " must not contain '"
                + c
                + "' (index "
                + i
                + "): "
                + quote(value));
      }
    }
    return value;
  }

  /** Returns {@code value} if non-null, else throws naming the record and the part. */
  static <T> T present(String record, String part, T value) {
    if (value == null) {
      throw new ModelException(record + ": " + part + " is missing");
    }
    return value;
  }

  /** {@code value} in double quotes, shortened if long, or {@code null} for a null value. */
  static String quote(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED) + "...";
    return '"' + shown + '"';
  }
}
