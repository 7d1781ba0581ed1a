package dev.tiered.runtime.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default executor of every decorator: a bounded pool of daemon threads ({@code tiered-1}, ...) with a bounded
 * queue. Tier work blocks on I/O, and against a frozen Redis an unbounded executor would start a thread per call
 * (thousands, measured); bounded, a full executor rejects the task instead, and the decorator skips that tier
 * operation and counts it ({@code TieredStats.skipped()}), never failing the caller's call. The circuit breaker of a
 * remote backend keeps the number of tasks blocked on a dead server small, so the bound is rarely reached.
 *
 * <p>Lifecycle. Each decorator holds a {@link Lease} on the pool from its first cached method until it is closed;
 * the pool starts with the first lease and is shut down when the last one is released, so that an application that
 * closes its decorators (a Spring context, a demo's {@code main}) leaves no thread behind, and a redeployed
 * application does not leak them. A decorator made afterwards starts a new pool. Idle threads also end after a
 * while, for applications that never close their decorators.
 */
final class SharedExecutor {
  /** Threads: enough for the blocking calls of a busy service, few enough to bound a stall. */
  static final int THREADS = Math.max(8, Math.min(64, 4 * Runtime.getRuntime().availableProcessors()));
  /** Tasks waiting for a thread, at most. */
  static final int QUEUE = 4_096;
  /** How long the last release waits for running tier operations (bounded by the backends' timeouts) to end. */
  private static final long DRAIN_MILLIS = 5_000;

  private static final AtomicInteger POOLS = new AtomicInteger();
  /** The threads of the current pool, so that the last release can wait until they have ended, not just stopped. */
  private static final Set<Thread> THREADS_STARTED = ConcurrentHashMap.newKeySet();
  private static ThreadPoolExecutor pool;
  private static int leases;

  private SharedExecutor() {}

  /** A lease on the shared pool, starting the pool if no lease is held. */
  static synchronized Lease acquire() {
    if (pool == null) {
      pool = create();
    }
    leases++;
    return new Lease(pool);
  }

  /** The number of leases held; for tests. */
  static synchronized int leases() {
    return leases;
  }

  private static void release(ThreadPoolExecutor leased) {
    List<Thread> threads;
    synchronized (SharedExecutor.class) {
      if (leased != pool || --leases > 0) {
        return;
      }
      pool = null;
      leased.shutdown(); // idle threads end now; queued tier operations still run, nothing new is accepted
      threads = List.copyOf(THREADS_STARTED);
      THREADS_STARTED.clear();
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
    try {
      if (!leased.awaitTermination(DRAIN_MILLIS, TimeUnit.MILLISECONDS)) {
        leased.shutdownNow();
      }
      // A terminated pool's last workers may still be on their way out of run(): wait until they have ended.
      for (Thread thread : threads) {
        thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      leased.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadPoolExecutor create() {
    AtomicInteger count = new AtomicInteger();
    int generation = POOLS.incrementAndGet();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(
        THREADS,
        THREADS,
        30,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE),
        task -> {
          // The first pool's threads are tiered-1, tiered-2, ...; a later pool's tiered-<pool>.<n>.
          String name = generation == 1 ? "tiered-" + count.incrementAndGet()
              : "tiered-" + generation + "." + count.incrementAndGet();
          Thread thread = new Thread(() -> {
            try {
              task.run();
            } finally {
              THREADS_STARTED.remove(Thread.currentThread()); // an idle thread that timed out is forgotten
            }
          }, name);
          thread.setDaemon(true);
          THREADS_STARTED.add(thread);
          return thread;
        },
        new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /**
   * One decorator's use of the shared pool. After {@link #close()} it rejects every task, as a full pool would: the
   * decorator skips that background work and counts it, and its calls go on.
   */
  static final class Lease implements Executor, AutoCloseable {
    private final ThreadPoolExecutor leased;
    private volatile boolean closed;

    private Lease(ThreadPoolExecutor leased) {
      this.leased = leased;
    }

    @Override
    public void execute(Runnable task) {
      if (closed) {
        throw new RejectedExecutionException("the decorator was closed");
      }
      leased.execute(task);
    }

    /** Releases the lease; the last one shuts the pool down and waits briefly for its threads to end. Idempotent. */
    @Override
    public void close() {
      synchronized (this) {
        if (closed) {
          return;
        }
        closed = true;
      }
      release(leased);
    }
  }
}
