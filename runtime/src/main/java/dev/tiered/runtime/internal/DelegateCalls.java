package dev.tiered.runtime.internal;

import java.util.concurrent.CompletableFuture;

/** Calls of the delegate, counted: every call, and every call that failed. */
final class DelegateCalls {
  private DelegateCalls() {}

  /** Calls {@code loader}; what it throws is counted and rethrown. */
  static <V> V call(Loader<V> loader, Counters counters) throws Exception {
    counters.delegateCalls.increment();
    try {
      return loader.load();
    } catch (Throwable t) {
      counters.delegateFailures.increment();
      throw t;
    }
  }

  /**
   * Starts {@code loader}: a future of its answer, failed with what it threw or with the failure of the future it
   * returned (a {@code null} future is a failure too), counted when it fails.
   */
  static <V> CompletableFuture<V> start(AsyncLoader<V> loader, Counters counters, String methodName) {
    counters.delegateCalls.increment();
    CompletableFuture<V> started;
    try {
      started = loader.load();
      if (started == null) {
        started = CompletableFuture.failedFuture(
            new NullPointerException("the delegate returned a null future for " + methodName));
      }
    } catch (Throwable t) {
      started = CompletableFuture.failedFuture(t);
    }
    started.whenComplete(
        (value, error) -> {
          if (error != null) {
            counters.delegateFailures.increment();
          }
        });
    return Futures.relay(started);
  }
}
