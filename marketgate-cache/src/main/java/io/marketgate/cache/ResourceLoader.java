package io.marketgate.cache;

/**
 * Loads the current value of one key of a {@link CachedResource} from its upstream.
 *
 * <p>Called on the resource's executor, never on the caller's thread, and at most once at a time
 * per key. May block (it usually makes a network call) and may throw; a failure is remembered
 * according to the resource's {@link ResourcePolicy} and never replaces a good value.
 *
 * @param <K> type of the key
 * @param <V> type of the value; must be immutable
 */
@FunctionalInterface
public interface ResourceLoader<K, V> {

  /** The current value for {@code key}; never {@code null}. */
  V load(K key) throws Exception;
}
