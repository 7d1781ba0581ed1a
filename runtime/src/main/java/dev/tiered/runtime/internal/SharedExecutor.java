package dev.tiered.runtime.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor of every decorator: virtual threads when the JVM has them (Java 21 and later), otherwise a
 * cached pool of daemon threads. Tier operations block on I/O, so a bounded pool would let one stalled tier starve
 * the other; the cached pool grows with the stall instead, and its threads die after a minute of idleness.
 */
final class SharedExecutor {
  private SharedExecutor() {}

  /** The shared executor, made on first use. */
  static ExecutorService get() {
    return Holder.EXECUTOR;
  }

  private static final class Holder {
    static final ExecutorService EXECUTOR = create();

    private static ExecutorService create() {
      try {
        // Looked up reflectively: the runtime is compiled for Java 17, which lacks virtual threads.
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
      } catch (ReflectiveOperationException | RuntimeException e) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "tiered-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
      }
    }
  }
}
