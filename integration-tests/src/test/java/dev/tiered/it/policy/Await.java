package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded waits for the policy scenarios. Every wait has a deadline, so a broken policy fails a test instead of
 * hanging it; no wait ever asserts how long something took.
 */
public final class Await {
  /** Generous, for a loaded two-core machine: a wait that succeeds takes milliseconds. */
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private Await() {}

  /** Waits until {@code condition} holds, failing with {@code what} when it does not within the timeout. */
  static void until(BooleanSupplier condition, Supplier<String> what) {
    until(TIMEOUT, condition, what);
  }

  /** {@link #until(BooleanSupplier, Supplier)} with a timeout of its own, for waits that span a failover. */
  public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("timed out after " + timeout + " waiting for: " + what.get());
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for: " + what.get());
      }
    }
  }

  /** {@link #until(BooleanSupplier, Supplier)} with a fixed description. */
  static void until(String what, BooleanSupplier condition) {
    until(condition, () -> what);
  }

  /** The value of {@code future}, waiting at most the timeout; a failure of the future is rethrown as is. */
  static <T> T get(Future<T> future) {
    return get(future, "the call");
  }

  /** {@link #get(Future)}, naming what is awaited in a failure. */
  static <T> T get(Future<T> future, String what) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new AssertionError(what + " failed", cause);
    } catch (TimeoutException e) {
      throw new AssertionError(what + " did not complete within " + TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Waits until every thread of {@code threads} is parked (waiting with or without a timeout) or done: e.g. until
   * every caller of a single-flight load waits for the leader's result.
   */
  static void parked(List<Thread> threads) {
    until(() -> threads.stream().allMatch(Await::isParked), () -> "threads parked: " + threads.stream()
        .map(t -> t.getName() + "=" + t.getState())
        .toList());
  }

  private static boolean isParked(Thread t) {
    Thread.State state = t.getState();
    return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.TERMINATED;
  }
}
