package io.marketgate.sim;

/** Base of the unchecked exceptions of the simulator: bad configuration or a failed start. */
public class SimException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** An exception with a message that names what was wrong. */
  public SimException(String message) {
    super(message);
  }

  /** An exception caused by {@code cause}, with a message that names what was wrong. */
  public SimException(String message, Throwable cause) {
    super(message, cause);
  }
}
