package dev.tiered.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredStats;
import dev.tiered.testing.RedisServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Callers against a Redis that is killed, paused and frozen: no call fails, no value is wrong, and the circuit
 * breaker keeps a hung server from costing every caller its timeout. Latency figures are printed, not asserted (a
 * test never asserts a wall-clock time); {@code -Dsoak.seconds=30} runs the soak in full, by hand.
 */
class RedisFaultsTest {
  private static final long SOAK_SECONDS = Long.getLong("soak.seconds", 8);

  private RedisServerProcess redis;
  private RedisBackend l2;

  @BeforeEach
  void start() {
    redis = RedisServerProcess.launch();
    l2 = RedisBackend.connect(redis.uri());
  }

  @AfterEach
  void stop() {
    l2.close();
    redis.close();
  }

  @Test
  void asynchronousCallsAgainstAFrozenRedisDoNotMultiplyThreads() throws Exception {
    TieredSoak cached = new TieredSoak(new SoakService(new AtomicInteger()), CaffeineBackend.create(100), l2);
    cached.findAsync(-1).get(5, TimeUnit.SECONDS);
    int before = tieredThreads();
    redis.freeze();
    try {
      List<CompletableFuture<String>> calls = new ArrayList<>();
      for (int i = 0; i < 20_000; i++) {
        calls.add(cached.findAsync(i));
      }
      // Before: 20,000 calls started 285 threads on an unbounded executor.
      int during = tieredThreads();
      for (int i = 0; i < calls.size(); i++) {
        assertEquals("findAsync:" + i, calls.get(i).get(30, TimeUnit.SECONDS));
      }
      System.out.printf("20,000 async calls on a frozen Redis: %d tiered threads before, %d during; %s%n",
          before, during, cached.stats());
      assertTrue(during <= 64, during + " tiered threads");
      assertTrue(cached.stats().skipped() > 0, "the breaker or the full executor skipped work: " + cached.stats());
    } finally {
      redis.thaw();
    }
  }

  /** 8 threads over 1,000 keys with a small L1, while Redis is killed, paused and frozen in turn. */
  @Test
  void soakThroughEveryKindOfOutage() throws Exception {
    TieredSoak cached = new TieredSoak(new SoakService(new AtomicInteger()), CaffeineBackend.create(100), l2);
    AtomicReference<String> phase = new AtomicReference<>("healthy");
    Map<String, Stats> byPhase = Collections.synchronizedMap(new LinkedHashMap<>());
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    AtomicLong wrong = new AtomicLong();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SOAK_SECONDS);
    ExecutorService callers = Executors.newFixedThreadPool(8);
    List<Future<?>> runs = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      runs.add(callers.submit(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
          long id = random.nextInt(1_000);
          int kind = random.nextInt(3);
          String current = phase.get();
          long began = System.nanoTime();
          String value;
          String expected;
          try {
            if (kind == 0) {
              value = cached.find(id);
              expected = "find:" + id;
            } else if (kind == 1) {
              value = cached.race(id);
              expected = "race:" + id;
            } else {
              value = cached.findAsync(id).get(10, TimeUnit.SECONDS);
              expected = "findAsync:" + id;
            }
          } catch (Throwable e) {
            failures.add(e);
            continue;
          }
          if (!expected.equals(value)) {
            wrong.incrementAndGet();
          }
          byPhase.computeIfAbsent(current, p -> new Stats()).record(System.nanoTime() - began);
        }
        return null;
      }));
    }
    long slice = TimeUnit.SECONDS.toMillis(SOAK_SECONDS) / 8;
    long skippedBeforeFreeze;
    Thread.sleep(slice);
    phase.set("killed");
    redis.stop();
    Thread.sleep(slice);
    phase.set("restarted");
    redis.start();
    Thread.sleep(slice);
    phase.set("paused");
    redis.pauseClients(Duration.ofMillis(slice));
    Thread.sleep(slice);
    phase.set("after pause");
    Thread.sleep(slice);
    skippedBeforeFreeze = l2.skippedCalls();
    phase.set("frozen");
    redis.freeze();
    Thread.sleep(slice);
    long skippedWhileFrozen = l2.skippedCalls() - skippedBeforeFreeze;
    phase.set("thawed");
    redis.thaw();
    for (Future<?> run : runs) {
      run.get(60, TimeUnit.SECONDS);
    }
    callers.shutdown();

    TieredStats stats = cached.stats();
    System.out.printf("Soak of %d s, 8 threads, 1,000 keys, L1 of 100: %s%n", SOAK_SECONDS, stats);
    synchronized (byPhase) {
      byPhase.forEach((name, s) -> System.out.printf("  %-12s %s%n", name, s));
    }
    assertEquals(List.of(), List.copyOf(failures), "no caller saw an exception");
    assertEquals(0, wrong.get(), "no caller saw a wrong value");
    assertTrue(skippedWhileFrozen > 0, "the breaker skipped Redis while it was frozen");
  }

  /** Calls, the worst and how many took over 200 ms, in one phase. */
  private static final class Stats {
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong over200ms = new AtomicLong();
    private final AtomicLong worstNanos = new AtomicLong();

    void record(long nanos) {
      calls.incrementAndGet();
      if (nanos > 200_000_000L) {
        over200ms.incrementAndGet();
      }
      worstNanos.accumulateAndGet(nanos, Math::max);
    }

    @Override
    public String toString() {
      return String.format("calls=%d, over 200 ms=%d, worst=%d ms", calls.get(), over200ms.get(),
          worstNanos.get() / 1_000_000);
    }
  }

  private static int tieredThreads() {
    return (int) Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("tiered-"))
        .count();
  }
}
