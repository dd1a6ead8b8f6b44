package io.marketgate.model.layeringfixture;

import io.marketgate.cache.Clock;

/** A deliberate layering violation (model → cache), used to prove the layering rules can fail. */
public final class ReachesIntoCache {

  private ReachesIntoCache() {}

  /** Reaches into the cache module, which the model module must never do. */
  public static long now() {
    return Clock.system().nanoTime();
  }
}
