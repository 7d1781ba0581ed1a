package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.Entry;
import dev.tiered.runtime.TieredStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Staleness ({@link StaleCatalog}: stale after 1m, expires after 10m): a stale hit is returned at once, and one
 * background refresh per key calls the delegate and rewrites both tiers, however many callers see the entry stale.
 */
class StaleRefreshTest extends PolicyFixture {
  private static final String KEY = key("stale", "find", 1);
  private static final String ASYNC_KEY = key("stale", "findAsync", 1);
  private static final int CALLERS = 32;

  @Test
  void staleEntryIsServedToEveryCallerAndRefreshedExactlyOnce() throws Exception {
    TieredStaleCatalog cached = stale();
    assertEquals("find-1#1", cached.find(1));
    clock.advance(Duration.ofMinutes(2));
    // The refresh's delegate call is held until every caller has been served: all of them saw the entry stale
    // while one refresh was running.
    script.hold();

    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> calls = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      calls.add(call(() -> {
        assertTrue(start.await(5, TimeUnit.SECONDS));
        return cached.find(1);
      }));
    }
    start.countDown();

    for (Future<String> call : calls) {
      assertEquals("find-1#1", Await.get(call), "the stale value, at once");
    }
    script.awaitHeld(1);
    assertEquals(2, script.calls("find"), "the load, then exactly one refresh");
    TieredStats stats = cached.stats();
    assertEquals(CALLERS, stats.staleHits());
    assertEquals(1, stats.refreshes());

    script.release();
    long refreshedAt = clock.millis();
    Await.until("the refresh rewrote both tiers", () -> "find-1#2".equals(l1Store.value(KEY))
        && "find-1#2".equals(l2Store.value(KEY)));
    for (MemoryBackend tier : List.of(l1Store, l2Store)) {
      Entry<?> entry = tier.entry(KEY);
      assertEquals(refreshedAt + Duration.ofMinutes(10).toMillis(), entry.expiresAt(), tier.toString());
      assertEquals(refreshedAt + Duration.ofMinutes(1).toMillis(), entry.staleAt(), tier.toString());
    }
    assertEquals("find-1#2", cached.find(1));
    assertEquals(1, cached.stats().l1Hits(), "the refreshed entry is fresh");
    assertEquals(2, script.calls("find"));
  }

  @Test
  void aFailedRefreshKeepsServingTheStaleEntry() {
    TieredStaleCatalog cached = stale();
    cached.find(1);
    clock.advance(Duration.ofMinutes(2));
    script.fail(new IllegalStateException("refresh failed"));

    assertEquals("find-1#1", cached.find(1));
    Await.until("the refresh failed", () -> cached.stats().delegateFailures() == 1);

    // The failed refresh does not stop later ones: callers keep getting the stale entry and starting refreshes.
    Await.until("a later stale hit started another refresh", () -> {
      assertEquals("find-1#1", cached.find(1));
      return cached.stats().delegateFailures() >= 2;
    });
    assertEquals("find-1#1", l2Store.value(KEY));
  }

  @Test
  void anExpiredEntryIsAMissNotAStaleHit() {
    TieredStaleCatalog cached = stale();
    cached.find(1);
    clock.advance(Duration.ofMinutes(10));

    assertEquals("find-1#2", cached.find(1));

    assertEquals(0, cached.stats().staleHits());
    assertEquals(2, cached.stats().misses());
  }

  @Test
  void aRefreshCompletesOnAOneThreadExecutorWithTwoRemoteTiers() {
    l1.remote(true);
    ExecutorService oneThread = Executors.newSingleThreadExecutor(threads("one-thread"));
    try {
      TieredStaleCatalog cached = TieredStaleCatalog.builder()
          .delegate(catalog).l1(l1).l2(l2).executor(oneThread).clock(clock).build();
      cached.find(1);
      clock.advance(Duration.ofMinutes(2));

      assertEquals("find-1#1", cached.find(1));

      // The refresh runs on the executor's only thread: it must not wait there for a write queued behind itself.
      Await.until("the refresh rewrote both tiers", () -> "find-1#2".equals(l1Store.value(KEY))
          && "find-1#2".equals(l2Store.value(KEY)));
    } finally {
      oneThread.shutdownNow();
    }
  }

  @Test
  void aRaceWrittenRefreshCompletesOnAOneThreadExecutorWithTwoRemoteTiers() {
    l1.remote(true);
    ExecutorService oneThread = Executors.newSingleThreadExecutor(threads("one-thread"));
    String key = key("oexp", "inherited", 1);
    try {
      // RACE reads and writes, stale after 20m, expiring after 1h.
      TieredOverridingExplicit cached = TieredOverridingExplicit.builder()
          .delegate(new ScriptedOverrides(script)).l1(l1).l2(l2).executor(oneThread).clock(clock).build();
      l1Store.put(key, new Entry<>("old", clock.millis() + Duration.ofMinutes(10).toMillis(), clock.millis()));

      assertEquals("old", cached.inherited(1));

      Await.until("the refresh rewrote both tiers", () -> "inherited-1#1".equals(l1Store.value(key))
          && "inherited-1#1".equals(l2Store.value(key)));
    } finally {
      oneThread.shutdownNow();
    }
  }

  @Test
  void asyncStaleHitCompletesAtOnceAndRefreshesOnce() {
    TieredStaleCatalog cached = stale();
    assertEquals("findAsync-1#1", Await.get(cached.findAsync(1)));
    clock.advance(Duration.ofMinutes(2));
    script.holdFutures();

    CompletableFuture<String> first = cached.findAsync(1);
    CompletableFuture<String> second = cached.findAsync(1);

    assertTrue(first.isDone() && second.isDone(), "a stale hit does not wait for the refresh");
    assertEquals("findAsync-1#1", first.join());
    assertEquals("findAsync-1#1", second.join());
    assertEquals(1, script.pendingCount(), "one refresh");
    script.pending(0).complete("refreshed");
    Await.until("the refresh rewrote both tiers", () -> "refreshed".equals(l1Store.value(ASYNC_KEY))
        && "refreshed".equals(l2Store.value(ASYNC_KEY)));
    assertEquals("refreshed", Await.get(cached.findAsync(1)));
  }
}
