package io.marketgate.cache;

/** Base of the unchecked exceptions thrown by the cache module. */
public class CacheException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with a message that names the input that was wrong. */
  public CacheException(String message) {
    super(message);
  }

  /** An exception caused by {@code cause}. */
  public CacheException(String message, Throwable cause) {
    super(message, cause);
  }
}
