package io.marketgate.model;

/**
 * Base of the unchecked exceptions thrown by the model module: invalid keys, prices, sizes, odds
 * and de-vig inputs. Messages name the record or method, the bad part, and what was expected.
 */
public class ModelException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with a message that names the input that was wrong. */
  public ModelException(String message) {
    super(message);
  }

  /** An exception caused by {@code cause}, with a message that names the input that was wrong. */
  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
