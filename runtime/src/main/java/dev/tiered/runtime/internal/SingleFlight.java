package dev.tiered.runtime.internal;

import dev.tiered.runtime.CacheKey;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Concurrent misses of one key share one load: the first caller leads and runs it, the others wait for its outcome.
 * What the load throws reaches every waiter as the same instance, unwrapped. A key is in flight only while its load
 * runs; nothing is remembered after it.
 *
 * @param <V> the loaded value's type
 */
final class SingleFlight<V> {
  private final ConcurrentHashMap<CacheKey, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();

  /** Runs {@code load} on this thread, or waits for the load of {@code key} already running. */
  V load(CacheKey key, Callable<V> load) {
    CompletableFuture<V> flight = new CompletableFuture<>();
    CompletableFuture<V> leader = inFlight.putIfAbsent(key, flight);
    if (leader != null) {
      return Futures.await(leader);
    }
    try {
      V value = load.call();
      flight.complete(value);
      return value;
    } catch (Throwable t) {
      flight.completeExceptionally(t);
      throw Sneaky.rethrow(t);
    } finally {
      inFlight.remove(key, flight);
    }
  }

  /**
   * Starts {@code load}, or joins the load of {@code key} already running; returns at once. The future fails with
   * the load's own exception, unwrapped, and completing it does not complete the shared load. {@code onValue} runs
   * for each caller whose future completes normally, before it does.
   */
  CompletableFuture<V> loadAsync(
      CacheKey key, Supplier<CompletableFuture<V>> load, Consumer<? super V> onValue) {
    CompletableFuture<V> flight = new CompletableFuture<>();
    CompletableFuture<V> leader = inFlight.putIfAbsent(key, flight);
    if (leader != null) {
      return Futures.relay(leader, onValue);
    }
    load.get()
        .whenComplete(
            (value, error) -> {
              inFlight.remove(key, flight);
              if (error != null) {
                flight.completeExceptionally(Futures.unwrap(error));
              } else {
                flight.complete(value);
              }
            });
    return Futures.relay(flight, onValue);
  }
}
