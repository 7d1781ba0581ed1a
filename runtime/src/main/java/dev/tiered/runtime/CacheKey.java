package dev.tiered.runtime;

/**
 * The key of one cached call: which method of which cache, and the values of its key arguments. Decorators make
 * keys; backends store entries under them.
 *
 * <p>The contract a backend relies on:
 *
 * <ul>
 *   <li>{@link #equals} and {@link #hashCode} are cheap and exact, so an in-process backend can use the key object
 *       itself as a map key. Keys of different methods, caches or generations are never equal.
 *   <li>{@link #toString()} is the readable form that remote backends store entries under, e.g. {@code
 *       users:v1:find:42}: the cache's name, its version, the method, then each argument, separated by {@code ':'}.
 *       Two keys are equal exactly when their readable forms are.
 *   <li>Keys are immutable and safe to share between threads.
 * </ul>
 */
public interface CacheKey {

  /** The name of the cache the key belongs to, the first part of its readable form. */
  String cacheName();

  @Override
  boolean equals(Object other);

  @Override
  int hashCode();

  /** The readable form, e.g. {@code users:v1:find:42}. */
  @Override
  String toString();
}
