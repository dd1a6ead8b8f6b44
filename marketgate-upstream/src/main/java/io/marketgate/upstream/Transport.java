package io.marketgate.upstream;

/** Sends one attempt of a request and returns the answer whatever its status. */
@FunctionalInterface
public interface Transport {

  /**
   * Sends {@code request} once.
   *
   * @throws UpstreamException with {@link Outcome#TIMEOUT} or {@link Outcome#MALFORMED} when no
   *     answer arrived
   */
  UpstreamResponse send(UpstreamRequest request);
}
