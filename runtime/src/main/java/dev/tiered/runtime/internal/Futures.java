package dev.tiered.runtime.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** The few future operations the decorators need, with the delegate's exceptions kept as they were thrown. */
final class Futures {
  private Futures() {}

  /**
   * A new future that completes like {@code source}, with its exception unwrapped from the {@link
   * CompletionException} that dependent stages add, and that cannot complete {@code source}. {@code onValue} runs
   * before a normal completion is passed on.
   */
  static <T> CompletableFuture<T> relay(CompletableFuture<T> source, Consumer<? super T> onValue) {
    CompletableFuture<T> copy = new CompletableFuture<>();
    source.whenComplete(
        (value, error) -> {
          if (error != null) {
            copy.completeExceptionally(unwrap(error));
          } else {
            onValue.accept(value);
            copy.complete(value);
          }
        });
    return copy;
  }

  /** {@link #relay(CompletableFuture, Consumer)} with nothing to run on a value. */
  static <T> CompletableFuture<T> relay(CompletableFuture<T> source) {
    return relay(source, value -> {});
  }

  /** Waits for {@code future} and throws what it failed with, unwrapped. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw Sneaky.rethrow(unwrap(e));
    }
  }

  /** The exception a dependent stage wraps, or {@code t} itself. */
  static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }
}
