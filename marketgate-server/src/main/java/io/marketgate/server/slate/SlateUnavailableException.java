package io.marketgate.server.slate;

/** A slate cannot be built at all: there are no odds data, so no row could be priced. */
public final class SlateUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception saying why. */
  public SlateUnavailableException(String reason) {
    super(reason);
  }
}
