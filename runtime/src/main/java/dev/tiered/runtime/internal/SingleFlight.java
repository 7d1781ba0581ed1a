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
 * <p>A load that calls back into the decorator for its own key (a delegate that calls its own decorator) would wait
 * for itself forever, and every later caller of the key with it. The flight remembers the thread that leads it
 * (while a synchronous load runs, or while an asynchronous load is being started), and such a call fails at once
 * with an {@link IllegalStateException}, as Caffeine does for a recursive compute; the key stays usable.
 *
 * @param <V> the loaded value's type
 */
final class SingleFlight<V> {
  private final ConcurrentHashMap<CacheKey, Flight<V>> inFlight = new ConcurrentHashMap<>();
  /**
   * The key whose asynchronous load this thread is starting. The delegate's call back into the decorator starts on
   * this thread, but its tier reads may hop to the executor before they reach {@link #loadAsync}, so the leader's
   * thread alone cannot tell; the decorator asks {@link #isStartingHere} before it reads.
   */
  private final ThreadLocal<CacheKey> starting = new ThreadLocal<>();
  private final String methodName;

  /** A load in flight, and the thread running it while it runs on one (else {@code null}). */
  static final class Flight<V> {
    final CompletableFuture<V> outcome = new CompletableFuture<>();
    volatile Thread leader = Thread.currentThread();
  }

  SingleFlight(String methodName) {
    this.methodName = methodName;
  }

  /** Runs {@code load} on this thread, or waits for the load of {@code key} already running. */
  V load(CacheKey key, Callable<V> load) {
    Flight<V> flight = new Flight<>();
    Flight<V> leader = inFlight.putIfAbsent(key, flight);
    if (leader != null) {
      checkNotRecursive(leader, key);
      return Futures.await(leader.outcome);
    }
    try {
      V value = load.call();
      flight.outcome.complete(value);
      return value;
    } catch (Throwable t) {
      flight.outcome.completeExceptionally(t);
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
    Flight<V> flight = new Flight<>();
    Flight<V> leader = inFlight.putIfAbsent(key, flight);
    if (leader != null) {
      try {
        checkNotRecursive(leader, key);
      } catch (IllegalStateException e) {
        return CompletableFuture.failedFuture(e);
      }
      return Futures.relay(leader.outcome, onValue);
    }
    CompletableFuture<V> started;
    CacheKey outer = starting.get();
    starting.set(key);
    try {
      started = load.get();
    } finally {
      flight.leader = null; // started: from now on the load runs on no thread of ours
      if (outer == null) {
        starting.remove();
      } else {
        starting.set(outer);
      }
    }
    started.whenComplete(
        (value, error) -> {
          inFlight.remove(key, flight);
          if (error != null) {
            flight.outcome.completeExceptionally(Futures.unwrap(error));
          } else {
            flight.outcome.complete(value);
          }
        });
    return Futures.relay(flight.outcome, onValue);
  }

  /**
   * Claims the load of {@code key} for a bulk load, which loads many keys in one delegate call: returns {@code ours},
   * now in flight and led by this thread, which must {@link #settle} it; or the flight already running, whose
   * outcome the caller awaits. Fails like a recursive {@link #load} when that flight is led by this very thread.
   */
  Flight<V> claim(CacheKey key, Flight<V> ours) {
    Flight<V> running = inFlight.putIfAbsent(key, ours);
    if (running == null) {
      return ours;
    }
    checkNotRecursive(running, key);
    return running;
  }

  /** Ends {@code flight} of {@code key}, claimed by {@link #claim}: with {@code value}, or failed, {@code error}. */
  void settle(CacheKey key, Flight<V> flight, V value, Throwable error) {
    inFlight.remove(key, flight);
    if (error == null) {
      flight.outcome.complete(value);
    } else {
      flight.outcome.completeExceptionally(error);
    }
  }

  /** Whether this thread is starting the asynchronous load of {@code key}: a call for it now would wait for itself. */
  boolean isStartingHere(CacheKey key) {
    CacheKey current = starting.get();
    return current != null && current.equals(key);
  }

  private void checkNotRecursive(Flight<V> leader, CacheKey key) {
    if (leader.leader == Thread.currentThread()) {
      throw recursiveLoad(key);
    }
  }

  /** The failure of a load that would wait for itself. */
  IllegalStateException recursiveLoad(CacheKey key) {
    return new IllegalStateException(
        "Recursive load: the delegate of " + methodName + " called the decorator for the key it is loading ("
            + LogText.escape(key.toString()) + "); it would wait for itself forever. Call the delegate's own"
            + " method instead of the decorator's from inside the delegate.");
  }
}
