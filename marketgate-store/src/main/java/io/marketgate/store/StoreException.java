package io.marketgate.store;

/** A journal operation failed: a bad setting, a failed migration or a database error. */
public class StoreException extends RuntimeException {

  /** A failure described by {@code message}. */
  public StoreException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
