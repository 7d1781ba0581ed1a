package dev.tiered.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.ValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default clock reads a tick, within a millisecond of the system clock, from a thread that runs only while a
 * decorator holds it and reads it.
 */
class SystemTickTest {
  private static final SystemTick TICK = SystemTick.INSTANCE;

  @Test
  void whileHeldTheTickFollowsTheSystemClockToTheMillisecond() throws Exception {
    SystemTick.Lease lease = TICK.acquire();
    try {
      TICK.millis(); // starts the thread
      assertTrue(TICK.ticking());
      List<Long> lags = new ArrayList<>();
      long end = System.currentTimeMillis() + 300;
      while (System.currentTimeMillis() < end) {
        long before = System.currentTimeMillis();
        long tick = TICK.millis();
        long after = System.currentTimeMillis();
        assertTrue(tick <= after, "never ahead of the system clock");
        lags.add(Math.max(0, before - tick));
        Thread.sleep(0, 100_000);
      }
      Collections.sort(lags);
      // A tick a millisecond; the worst lag depends on how busy the machine is (the thread must get a core), so only
      // the typical one is asserted.
      long median = lags.get(lags.size() / 2);
      assertTrue(median <= 1, "the tick lagged the system clock by " + median + " ms typically; " + lags);
      assertTrue(lags.get(0) == 0, "the tick reached the system clock's millisecond at least once");
    } finally {
      lease.close();
    }
  }

  @Test
  void theLastReleaseStopsTheThreadAndReadsFallBackToTheSystemClock() {
    SystemTick.Lease first = TICK.acquire();
    SystemTick.Lease second = TICK.acquire();
    TICK.millis();
    assertTrue(TICK.ticking());

    first.close();
    first.close(); // idempotent
    assertTrue(TICK.ticking(), "another lease holds it");
    second.close();

    assertFalse(TICK.ticking());
    assertFalse(tickThreadAlive(), "joined: no tiered-tick thread outlives the last release");
    long before = System.currentTimeMillis();
    long read = TICK.millis();
    assertTrue(read >= before && read <= System.currentTimeMillis(), "the system clock, read directly");
    assertFalse(TICK.ticking(), "no lease, no thread");
  }

  @Test
  void aTickSetWhileTheLastLeaseWasReleasedDoesNotOutliveTheThread() throws Exception {
    // The thread may set one more tick between a release's zeroing and its own exit: that tick must not stay.
    for (int round = 0; round < 300; round++) {
      SystemTick.Lease lease = TICK.acquire();
      TICK.millis();
      Thread.sleep(0, (round % 10) * 100_000); // release at different points of the thread's millisecond
      lease.close();
      Thread.sleep(2);
      long before = System.currentTimeMillis();
      long read = TICK.millis();
      assertTrue(read >= before, "round " + round + ": a stopped tick, " + (before - read) + " ms behind");
    }
  }

  @Test
  void theThreadStopsAfterASecondWithoutReadsAndTheNextReadStartsItAgain() throws Exception {
    SystemTick.Lease lease = TICK.acquire();
    try {
      TICK.millis();
      assertTrue(TICK.ticking());
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (TICK.ticking() && System.nanoTime() < deadline) {
        Thread.sleep(50); // sleeping is not reading
      }
      assertFalse(TICK.ticking(), "the idle thread stopped");

      TICK.millis();
      assertTrue(TICK.ticking(), "a read restarts it");
    } finally {
      lease.close();
    }
    assertFalse(TICK.ticking());
  }

  @Test
  void aDecoratorOnTheDefaultClockHoldsTheTickFromItsFirstMethodUntilClosed() {
    CacheContext context = new CacheContext(
        "users", 1, CaffeineBackend.create(10), CaffeineBackend.create(10), TieredOptions.defaults());
    MethodCache<String> find = context.method("find", ValueType.of(String.class)).ttl(Duration.ofMinutes(1)).build();
    assertSame(TICK, TieredOptions.defaults().clock());

    try {
      MethodCacheTest.IdKey key = new MethodCacheTest.IdKey(find.space(), 1);
      find.writeL1(key, find.newEntry("one")); // an entry's times come from the clock
      assertTrue(TICK.ticking());
      assertSame("one", find.readL1(key).value());
    } finally {
      find.close();
    }
    assertFalse(TICK.ticking(), "closing the only decorator stops the thread");
  }

  private static boolean tickThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals("tiered-tick"));
  }
}
