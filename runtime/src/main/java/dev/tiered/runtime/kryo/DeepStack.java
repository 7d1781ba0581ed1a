package dev.tiered.runtime.kryo;

import com.esotericsoftware.kryo.KryoException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Where a value is encoded or decoded: on the caller's thread while it nests no deeper than {@link #INLINE_DEPTH},
 * and otherwise again, from the start, on a thread of this format whose stack is known to hold {@link
 * KryoSetup#MAX_DEPTH} levels. So any value that encodes also decodes, whatever stack the caller has: a caller on a
 * 128 KiB thread has about 40 KiB for Java frames (the JVM keeps the rest for its guard zones), and Kryo takes up to
 * ~700 bytes of stack per level of nesting when it runs interpreted, so 250 levels cannot be read there.
 *
 * <p>Values deeper than {@link #INLINE_DEPTH} are rare (a record holding a list of records holding maps is 6 deep),
 * so the hand-over, and the work the first attempt did, cost little overall; bytes that claim a deep value cost at
 * most one hand-over per read. Each hand-over runs on a daemon thread of its own that ends with the operation, so
 * no thread of the format outlives its work (a closed application keeps no {@code tiered-*} thread).
 */
final class DeepStack {
  /** The nesting that is encoded and decoded on the caller's thread: about 22 KiB of stack at worst. */
  static final int INLINE_DEPTH = 32;
  /** The stack of the deep threads: 256 levels measured to fit in 256 KiB; the rest is margin for agents. */
  static final long STACK_BYTES = 4L << 20;

  private final AtomicInteger names = new AtomicInteger();
  /** How many operations were handed over, for tests. */
  private final AtomicLong handOvers = new AtomicLong();

  /**
   * Runs {@code operation} with the inline depth limit on this thread; when the value is deeper, or this thread's
   * stack is smaller than the inline limit needs, runs it again with the full limit on a deep thread.
   *
   * @param operation encodes or decodes with the maximum depth it is given, on the thread it is called on
   */
  <T> T run(IntFunction<T> operation) {
    try {
      return operation.apply(INLINE_DEPTH);
    } catch (KryoException e) {
      if (!isDepthExceeded(e)) {
        throw e;
      }
    } catch (StackOverflowError e) {
      // Less stack than INLINE_DEPTH needs; the worker that overflowed was dropped. A deep thread has room.
    }
    return onDeepThread(operation);
  }

  private <T> T onDeepThread(IntFunction<T> operation) {
    handOvers.incrementAndGet();
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(
        null,
        () -> {
          try {
            result.complete(operation.apply(KryoSetup.MAX_DEPTH));
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        },
        "tiered-kryo-deep-" + names.incrementAndGet(),
        STACK_BYTES);
    thread.setDaemon(true);
    thread.start();
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return result.get();
        } catch (InterruptedException e) {
          // The operation is bounded by the entry's size: finish it rather than fail a read (whose entry would
          // then be deleted as corrupt) because the caller was interrupted. The interrupt is kept.
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
          }
          throw new KryoException("failed even on a deep stack: " + cause, cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  long handOvers() {
    return handOvers.get();
  }

  /** Whether {@code e} is Kryo's depth limit (Kryo.beginObject), rather than anything wrong with the bytes. */
  private static boolean isDepthExceeded(KryoException e) {
    String message = e.getMessage();
    return message != null && message.startsWith("Max depth exceeded");
  }
}
