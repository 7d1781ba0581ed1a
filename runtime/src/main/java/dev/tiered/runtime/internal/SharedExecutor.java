package dev.tiered.runtime.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor of every decorator: a bounded pool of daemon threads with a bounded queue. Tier work blocks
 * on I/O, and against a frozen Redis an unbounded executor would start a thread per call (thousands, measured);
 * bounded, a full executor rejects the task instead, and the decorator skips that tier operation and counts it
 * ({@code TieredStats.skipped()}), never failing the caller's call. The circuit breaker of a remote backend keeps the
 * number of tasks blocked on a dead server small, so the bound is rarely reached. Idle threads end after a while.
 */
final class SharedExecutor {
  /** Threads: enough for the blocking calls of a busy service, few enough to bound a stall. */
  static final int THREADS = Math.max(8, Math.min(64, 4 * Runtime.getRuntime().availableProcessors()));
  /** Tasks waiting for a thread, at most. */
  static final int QUEUE = 4_096;

  private SharedExecutor() {}

  /** The shared executor, made on first use. */
  static ThreadPoolExecutor get() {
    return Holder.EXECUTOR;
  }

  private static final class Holder {
    static final ThreadPoolExecutor EXECUTOR = create();

    private static ThreadPoolExecutor create() {
      AtomicInteger count = new AtomicInteger();
      ThreadPoolExecutor executor = new ThreadPoolExecutor(
          THREADS,
          THREADS,
          30,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(QUEUE),
          task -> {
            Thread thread = new Thread(task, "tiered-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          },
          new ThreadPoolExecutor.AbortPolicy());
      executor.allowCoreThreadTimeOut(true);
      return executor;
    }
  }
}
