package dev.tiered.runtime.internal;

/**
 * Calls the delegate for one key and writes the result to the tiers; generated per cached method.
 *
 * @param <V> the cached value's type
 */
@FunctionalInterface
public interface Loader<V> {
  /** Loads the value; throws what the delegate throws. */
  V load() throws Exception;
}
