package dev.tiered.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.ValueType;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared default executor starts with the first decorator and stops, threads and all, with the last one. */
class SharedExecutorTest {

  @Test
  void theLastReleaseStopsEveryThreadAndTheNextDecoratorStartsAFreshPool() throws Exception {
    assertEquals(0, SharedExecutor.leases(), "every other test closes what it opened");
    SharedExecutor.Lease first = SharedExecutor.acquire();
    SharedExecutor.Lease second = SharedExecutor.acquire();
    runOn(first);
    runOn(second);
    assertTrue(tieredThreads() > 0);

    first.close();
    first.close(); // idempotent: releases once
    assertThrows(RejectedExecutionException.class, () -> first.execute(() -> {}));
    runOn(second);
    assertEquals(1, SharedExecutor.leases());

    second.close();
    assertEquals(0, SharedExecutor.leases());
    assertEquals(0, tieredThreads(), "no tiered-* thread outlives the last release");

    SharedExecutor.Lease later = SharedExecutor.acquire();
    runOn(later);
    later.close();
    assertEquals(0, tieredThreads());
  }

  @Test
  void aDecoratorTakesItsLeaseWithItsFirstMethodAndClosingAnyMethodReleasesItOnce() throws Exception {
    CacheContext context = new CacheContext(
        "users", 1, CaffeineBackend.create(10), CaffeineBackend.create(10), TieredOptions.defaults());
    assertEquals(0, SharedExecutor.leases(), "no cached method yet, no lease");
    MethodCache<String> find = context.method("find", ValueType.of(String.class)).ttl(Duration.ofMinutes(1)).build();
    MethodCache<String> list = context.method("list", ValueType.of(String.class)).ttl(Duration.ofMinutes(1)).build();
    assertEquals(1, SharedExecutor.leases());

    find.close();
    list.close();

    assertEquals(0, SharedExecutor.leases());
    assertEquals(0, tieredThreads());
  }

  private static void runOn(SharedExecutor.Lease lease) throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    lease.execute(ran::countDown);
    assertTrue(ran.await(5, TimeUnit.SECONDS));
  }

  private static long tieredThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().matches("tiered-[0-9].*")) // the pool's, not tiered-tick
        .count();
  }
}
