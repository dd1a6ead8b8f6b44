package io.marketgate.model;

/** Validation of free display texts (names, titles, labels) of the odds records. */
final class DisplayText {

  /** Longest accepted display text, in chars. */
  static final int MAX_LENGTH = 200;

  private DisplayText() {}

  /**
   * Returns {@code value} if it is a valid display text: present, not blank, at most {@link
   * #MAX_LENGTH} chars, without control characters; spaces are allowed.
   */
  static String require(String record, String part, String value) {
    if (value == null) {
      throw new ModelException(record + ": " + part + " is missing");
    }
    if (value.isBlank()) {
      throw new ModelException(record + ": " + part + " is blank");
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
              + KeyText.quote(value));
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new ModelException(
            record
                + ": "
                + part
                + " must not contain control characters (index "
                + i
                + "): "
                + KeyText.quote(value));
      }
    }
    return value;
  }
}
