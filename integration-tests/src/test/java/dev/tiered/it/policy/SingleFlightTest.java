package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.TieredStats;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Concurrent misses of one key in one process share one delegate call; its exception reaches every waiter as the
 * same instance and nothing is cached.
 */
class SingleFlightTest extends PolicyFixture {
  private static final int CALLERS = 32;

  @Test
  void concurrentMissesShareOneDelegateCall() throws Exception {
    TieredSequentialCatalog cached = sequential();
    script.hold();

    Callers<String> callers = Callers.start(CALLERS, () -> cached.find(1));
    awaitAllWaiting(callers, cached::stats);
    script.release();

    for (int i = 0; i < CALLERS; i++) {
      assertEquals("find-1#1", callers.result(i));
    }
    assertEquals(1, script.calls("find"));
    assertEquals(CALLERS, cached.stats().misses());
    assertEquals(1, cached.stats().delegateCalls());
  }

  @Test
  void theDelegatesExceptionReachesEveryWaiterAsTheSameInstanceAndNothingIsCached() throws Exception {
    TieredSequentialCatalog cached = sequential();
    IllegalStateException boom = new IllegalStateException("boom");
    script.hold().fail(boom);

    Callers<String> callers = Callers.start(CALLERS, () -> cached.find(1));
    awaitAllWaiting(callers, cached::stats);
    script.release();

    for (int i = 0; i < CALLERS; i++) {
      assertSame(boom, callers.failure(i));
    }
    assertEquals(1, script.calls("find"));
    TieredStats stats = cached.stats();
    assertEquals(1, stats.delegateCalls());
    assertEquals(1, stats.delegateFailures());
    assertEquals(0, l1.writes());
    assertEquals(0, l2.writes());
    assertTrue(l1Store.isEmpty() && l2Store.isEmpty());

    script.fail(null);
    assertEquals("find-1#2", cached.find(1), "the failure was not cached");
  }

  @Test
  void concurrentAsyncMissesShareOneDelegateCallAndItsException() throws Exception {
    TieredSequentialCatalog cached = sequential();
    script.holdFutures();

    List<CompletableFuture<String>> futures = asyncCallers(cached::findAsync);
    // L2 is remote: the reads, and then the loads, run on the decorator's executor.
    Await.until("every caller joined the one load", () -> cached.stats("findAsync").misses() == CALLERS);
    assertEquals(1, script.calls("findAsync"));
    for (CompletableFuture<String> f : futures) {
      assertFalse(f.isDone(), "nothing completes before the delegate's future does");
    }
    IllegalStateException boom = new IllegalStateException("boom");
    script.pending(0).completeExceptionally(boom);

    for (CompletableFuture<String> f : futures) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
      assertSame(boom, e.getCause());
    }
    assertEquals(1, cached.stats("findAsync").delegateFailures());
    assertEquals(0, l1.writes());
    assertEquals(0, l2.writes());
  }

  @Test
  void concurrentAsyncMissesShareOneDelegateValue() throws Exception {
    TieredRaceCatalog cached = race();
    script.holdFutures();

    List<CompletableFuture<String>> futures = asyncCallers(cached::findAsync);
    Await.until("every caller joined the one load", () -> cached.stats("findAsync").misses() == CALLERS);
    assertEquals(1, script.calls("findAsync"));
    script.pending(0).complete("shared");

    for (CompletableFuture<String> f : futures) {
      assertEquals("shared", Await.get(f));
    }
    assertEquals("shared", l2Store.value(key("race", "findAsync", 1)));
  }

  @Test
  void asyncMissIsNotCompletedBeforeTheDelegateCompletes() {
    TieredSequentialCatalog cached = sequential();
    script.holdFutures();

    CompletableFuture<String> result = cached.findAsync(7);

    assertFalse(result.isDone(), "the call returned before the delegate's future completed");
    CompletableFuture<String> delegate = script.pending(0);
    assertFalse(result.isDone());
    delegate.complete("late");
    assertEquals("late", Await.get(result));
    assertEquals("late", l1Store.value(key("seq", "findAsync", 7)));
  }

  @Test
  void asyncDelegateFailureReachesTheCallerUnwrapped() {
    TieredSequentialCatalog cached = sequential();
    IllegalStateException boom = new IllegalStateException("boom");
    script.fail(boom);

    CompletableFuture<String> result = cached.findAsync(1);

    assertSame(boom, assertThrows(ExecutionException.class, () -> result.get(5, TimeUnit.SECONDS)).getCause());
  }

  @Test
  void asyncDelegateThatThrowsInsteadOfReturningAFutureFailsTheFutureNotTheCall() {
    TieredSequentialCatalog cached = sequential();
    IllegalStateException boom = new IllegalStateException("boom");
    script.fail(boom).throwFromAsync();

    CompletableFuture<String> first = cached.findAsync(1);
    CompletableFuture<String> second = cached.findAsync(1);

    assertSame(boom, assertThrows(ExecutionException.class, () -> first.get(5, TimeUnit.SECONDS)).getCause());
    assertSame(boom, assertThrows(ExecutionException.class, () -> second.get(5, TimeUnit.SECONDS)).getCause());
    assertEquals(0, l1.writes() + l2.writes());
  }

  /**
   * Waits until every caller is inside the decorator's load and parked: the leader in the delegate, held at the
   * script's gate; the others waiting for the leader's result. Only then may the delegate answer, or a caller that
   * was slow to arrive would start a load of its own after the first one finished.
   */
  private void awaitAllWaiting(Callers<String> callers, Supplier<TieredStats> stats) {
    script.awaitHeld(1);
    Await.until(() -> stats.get().misses() == CALLERS, () -> "misses: " + stats.get().misses());
    Await.parked(callers.threads());
  }

  /** Calls {@code call(1)} from {@link #CALLERS} threads at once, and returns their futures. */
  private List<CompletableFuture<String>> asyncCallers(LongFunction<CompletableFuture<String>> call)
      throws InterruptedException {
    Callers<CompletableFuture<String>> callers = Callers.start(CALLERS, () -> call.apply(1));
    List<CompletableFuture<String>> futures = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      futures.add(callers.result(i));
    }
    return futures;
  }

  /** Threads released together by a latch, each making one call; its result or failure is kept. */
  static final class Callers<T> {
    private final List<Thread> threads = new ArrayList<>();
    private final Object[] results;
    private final Throwable[] failures;

    private Callers(int n) {
      results = new Object[n];
      failures = new Throwable[n];
    }

    static <T> Callers<T> start(int n, Callable<T> call) {
      Callers<T> callers = new Callers<>(n);
      CountDownLatch start = new CountDownLatch(1);
      for (int i = 0; i < n; i++) {
        int index = i;
        Thread t = new Thread(() -> {
          try {
            if (!start.await(5, TimeUnit.SECONDS)) {
              throw new IllegalStateException("never started");
            }
            callers.results[index] = call.call();
          } catch (Throwable e) {
            callers.failures[index] = e;
          }
        }, "single-flight-caller-" + i);
        t.setDaemon(true);
        callers.threads.add(t);
        t.start();
      }
      start.countDown();
      return callers;
    }

    List<Thread> threads() {
      return threads;
    }

    @SuppressWarnings("unchecked") // results[i] was returned by the Callable<T>.
    T result(int i) throws InterruptedException {
      join(i);
      if (failures[i] != null) {
        throw new AssertionError("caller " + i + " failed", failures[i]);
      }
      return (T) results[i];
    }

    Throwable failure(int i) throws InterruptedException {
      join(i);
      assertTrue(failures[i] != null, "caller " + i + " returned " + results[i]);
      return failures[i];
    }

    private void join(int i) throws InterruptedException {
      Thread t = threads.get(i);
      t.join(Await.TIMEOUT.toMillis());
      assertFalse(t.isAlive(), "caller " + i + " is still running");
    }
  }
}
