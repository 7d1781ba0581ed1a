package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tiered.runtime.TieredStats;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@code SEQUENTIAL} reads: L1; on a miss or an error, L2; L2 is never touched on an L1 hit. */
class SequentialReadTest extends PolicyFixture {
  private static final String KEY = key("seq", "find", 1);
  private static final String ASYNC_KEY = key("seq", "findAsync", 1);

  @Test
  void l1HitIsReturnedWithoutTouchingL2() {
    l1Store.put(KEY, live("from-l1"));
    l2Store.put(KEY, live("from-l2"));
    TieredSequentialCatalog cached = sequential();

    assertEquals("from-l1", cached.find(1));

    assertEquals(0, l2.reads());
    assertEquals(0, script.calls("find"));
    TieredStats stats = cached.stats();
    assertEquals(1, stats.l1Hits());
    assertEquals(0, stats.l2Hits());
  }

  @Test
  void l2HitIsReturnedAfterAnL1MissAndRefillsL1() {
    l2Store.put(KEY, live("from-l2"));
    TieredSequentialCatalog cached = sequential();

    assertEquals("from-l2", cached.find(1));

    assertEquals(1, l1.reads());
    assertEquals(1, l2.reads());
    assertEquals("from-l2", l1Store.value(KEY), "refill ALWAYS copies the L2 hit into L1");
    assertEquals(0, script.calls("find"));
    assertEquals(1, cached.stats().l2Hits());
    // The refilled L1 answers the next call alone.
    assertEquals("from-l2", cached.find(1));
    assertEquals(1, l2.reads());
    assertEquals(1, cached.stats().l1Hits());
  }

  @Test
  void bothMissCallsTheDelegateOnceAndWritesBothTiers() {
    TieredSequentialCatalog cached = sequential();

    assertEquals("find-1#1", cached.find(1));

    assertEquals(1, script.calls("find"));
    assertEquals("find-1#1", l1Store.value(KEY));
    assertEquals("find-1#1", l2Store.value(KEY));
    TieredStats stats = cached.stats();
    assertEquals(1, stats.misses());
    assertEquals(1, stats.delegateCalls());
    assertEquals("find-1#1", cached.find(1));
    assertEquals(1, script.calls("find"));
  }

  @Test
  void l1ErrorIsAMissAndL2Answers() {
    l1.failReads(true);
    l1Store.put(KEY, live("unreadable-l1"));
    l2Store.put(KEY, live("from-l2"));
    TieredSequentialCatalog cached = sequential();

    assertEquals("from-l2", cached.find(1));

    TieredStats stats = cached.stats();
    assertEquals(1, stats.l1Errors());
    assertEquals(1, stats.l2Hits());
    assertEquals(0, stats.misses());
    assertEquals(0, script.calls("find"));
  }

  @Test
  void expiredL1EntryIsAMissAndL2Answers() {
    l1Store.put(KEY, expiringIn("old-l1", Duration.ofMinutes(1)));
    l2Store.put(KEY, expiringIn("from-l2", Duration.ofMinutes(10)));
    clock.advance(Duration.ofMinutes(1));

    assertEquals("from-l2", sequential().find(1));
  }

  @Test
  void l2IsReadOnlyAfterL1Answered() throws Exception {
    l2Store.put(KEY, live("from-l2"));
    l1.stall();
    TieredSequentialCatalog cached = sequential();

    Future<String> call = call(() -> cached.find(1));
    awaitStalled(l1, 1);

    assertEquals(0, l2.reads(), "L2 must not be read while L1 has not answered");
    assertFalse(call.isDone());
    l1.unstall();
    assertEquals("from-l2", Await.get(call));
    assertEquals(1, l2.reads());
  }

  @Test
  void asyncReadsFollowTheSameOrder() {
    l1.remote(true).failReads(true);
    l2Store.put(ASYNC_KEY, live("from-l2"));
    TieredSequentialCatalog cached = sequential();

    CompletableFuture<String> l2Hit = cached.findAsync(1);
    assertEquals("from-l2", Await.get(l2Hit));
    // L1 is remote here, so the refill runs on the decorator's executor.
    Await.until("the L2 hit refilled L1", () -> "from-l2".equals(l1Store.value(ASYNC_KEY)));

    l1.failReads(false);
    assertEquals("from-l2", Await.get(cached.findAsync(1)));
    assertEquals(1, l2.reads(), "the second call is answered by the refilled L1");
    TieredStats stats = cached.stats("findAsync");
    assertEquals(1, stats.l1Errors());
    assertEquals(1, stats.l2Hits());
    assertEquals(1, stats.l1Hits());
    assertEquals(0, script.calls("findAsync"));
  }
}
