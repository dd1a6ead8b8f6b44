package io.marketgate.sim.http;

/** Maps requests of one venue to endpoints and writes that venue's error bodies. */
public interface Router {

  /** The endpoint for {@code request}; an unknown path maps to an endpoint that answers 404. */
  Endpoint route(SimRequest request);

  /** The reply this venue sends for an error {@code status} forced by an injected fault. */
  Reply faultReply(int status);
}
