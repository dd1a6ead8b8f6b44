package io.marketgate.cache;

/**
 * Thrown when a {@link CachedResource} has nothing it may serve for a key: the load failed (now or
 * recently enough to be remembered) and no value younger than the policy's {@code maxStale} is
 * cached.
 */
public final class ResourceUnavailableException extends CacheException {

  private static final long serialVersionUID = 1L;

  private final String resource;
  private final String key;

  /**
   * An exception for {@code key} of {@code resource}, caused by the loader failure {@code cause}.
   */
  ResourceUnavailableException(String resource, String key, Throwable cause) {
    super(
        "resource '"
            + resource
            + "' has no value to serve for key '"
            + key
            + "': load failed with "
            + cause,
        cause);
    this.resource = resource;
    this.key = key;
  }

  /** Name of the resource that could not answer. */
  public String resource() {
    return resource;
  }

  /** The key that could not be answered, as text. */
  public String key() {
    return key;
  }
}
