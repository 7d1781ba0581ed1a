package dev.tiered.runtime.internal;

import java.util.concurrent.CompletableFuture;

/**
 * Calls an asynchronous delegate method for one key and writes the result to the tiers once it completes.
 *
 * @param <V> the cached value's type
 */
@FunctionalInterface
public interface AsyncLoader<V> {
  /** Starts the load; the future fails with what the delegate failed with. */
  CompletableFuture<V> load() throws Exception;
}
