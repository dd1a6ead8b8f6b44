package io.marketgate.server.http;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The encoded answers of the data routes, keyed by route and query, each valid for one data version
 * (its ETag). Bounded; thread-safe; concurrent misses for one key and version share one encoding.
 */
final class EncodedBodyCache {

  /*
   * A slot holds the ETag it was encoded for and a future of the body. A lookup whose ETag equals
   * the slot's is a hit (the future may still be running: requests then wait on it without holding
   * a thread). Otherwise compute() installs a fresh slot, so one encoding runs per key and version.
   * A failed encoding removes its slot so the next request retries. When the map outgrows its bound
   * a tenth of it is dropped in hash order, which is as good as random for these keys and costs no
   * bookkeeping on the hit path.
   */

  private record Slot(String etag, CompletableFuture<EncodedBody> body) {}

  /** Whether a lookup found a body (or an encoding in flight) or started an encoding. */
  enum Result {
    HIT,
    MISS
  }

  /** A lookup's body and whether it was a hit. */
  record Lookup(CompletableFuture<EncodedBody> body, Result result) {}

  private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();
  private final int capacity;

  EncodedBodyCache(int capacity) {
    this.capacity = capacity;
  }

  /**
   * The body for {@code key} at version {@code etag}, encoding it with {@code encoder} on {@code
   * executor} when it is not cached yet.
   */
  Lookup get(String key, String etag, Supplier<EncodedBody> encoder, Executor executor) {
    Slot slot = slots.get(key);
    if (slot != null && slot.etag().equals(etag) && !slot.body().isCompletedExceptionally()) {
      return new Lookup(slot.body(), Result.HIT);
    }
    Slot mine = new Slot(etag, new CompletableFuture<>());
    Slot winner =
        slots.compute(
            key,
            (k, old) ->
                old != null && old.etag().equals(etag) && !old.body().isCompletedExceptionally()
                    ? old
                    : mine);
    if (winner != mine) {
      return new Lookup(winner.body(), Result.HIT);
    }
    if (slots.size() > capacity) {
      evict();
    }
    executor.execute(
        () -> {
          try {
            mine.body().complete(encoder.get());
          } catch (RuntimeException | Error e) {
            slots.remove(key, mine);
            mine.body().completeExceptionally(e);
          }
        });
    return new Lookup(mine.body(), Result.MISS);
  }

  /** Drops every body. */
  int clear() {
    int n = slots.size();
    slots.clear();
    return n;
  }

  /** Number of cached bodies. */
  int size() {
    return slots.size();
  }

  private void evict() {
    int drop = Math.max(1, capacity / 10);
    Iterator<String> it = slots.keySet().iterator();
    while (drop-- > 0 && it.hasNext()) {
      it.next();
      it.remove();
    }
  }
}
