package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code @Invalidate}: after the delegate returns normally, the entries are removed from both tiers concurrently;
 * one tier failing still removes the other.
 */
class InvalidationTest extends PolicyFixture {
  private static final String FIND = key("inv", "find", 1);
  private static final String FIND_ASYNC = key("inv", "findAsync", 1);

  @Test
  void removesTheEntriesOfEveryNamedMethodFromBothTiers() {
    TieredInvalidatingCatalog cached = invalidating();
    cached.find(1);
    Await.get(cached.findAsync(1));
    cached.find(2);

    cached.evict(1);

    assertNull(l1Store.entry(FIND));
    assertNull(l2Store.entry(FIND));
    assertNull(l1Store.entry(FIND_ASYNC));
    assertNull(l2Store.entry(FIND_ASYNC));
    assertEquals("find-2#2", l1Store.value(key("inv", "find", 2)), "other ids keep their entries");
    assertEquals("find-1#3", cached.find(1));
  }

  @Test
  void oneTierFailingStillRemovesTheOther() {
    TieredInvalidatingCatalog cached = invalidating();
    cached.find(1);
    cached.find(2);

    l1.failWrites(true);
    cached.evict(1);
    l1.failWrites(false);
    l2.failWrites(true);
    cached.evict(2);

    assertEquals("find-1#1", l1Store.value(FIND), "L1 failed to remove");
    assertNull(l2Store.entry(FIND), "L2 removed all the same");
    assertNull(l1Store.entry(key("inv", "find", 2)), "L1 removed all the same");
    assertEquals("find-2#2", l2Store.value(key("inv", "find", 2)), "L2 failed to remove");
    assertEquals(2, cached.stats().l1Errors(), "evict(1) failed in L1 for find and findAsync");
    assertEquals(2, cached.stats().l2Errors());
  }

  @Test
  void bothTiersAreRemovedConcurrentlyAndAwaited() throws Exception {
    l1.remote(true);
    TieredInvalidatingCatalog cached = invalidating();
    cached.find(1);
    l1.stall();

    Future<Void> call = call(() -> {
      cached.evict(1);
      return null;
    });

    // L2's removal does not wait for L1's, which is held.
    Await.until("L2's entry removed while L1's removal is held", () -> l2Store.entry(FIND) == null);
    awaitStalled(l1, 1);
    assertEquals("find-1#1", l1Store.value(FIND));
    assertFalse(call.isDone(), "the invalidating call waits for both removals");
    l1.unstall();
    Await.get(call);
    assertNull(l1Store.entry(FIND));
  }

  @Test
  void aFailingDelegateInvalidatesNothing() {
    TieredInvalidatingCatalog cached = invalidating();
    cached.find(1);
    IllegalStateException boom = new IllegalStateException("boom");
    script.fail(boom);

    assertSame(boom, assertThrows(IllegalStateException.class, () -> cached.evict(1)));

    assertEquals("find-1#1", l1Store.value(FIND));
    assertEquals("find-1#1", l2Store.value(FIND));
    assertEquals(0, l1.removes() + l2.removes());
  }

  @Test
  void asyncInvalidationRemovesOnceTheDelegatesFutureCompletes() {
    TieredInvalidatingCatalog cached = invalidating();
    cached.find(1);
    script.holdFutures();

    CompletableFuture<Void> done = cached.evictAsync(1);

    assertEquals("find-1#1", l2Store.value(FIND), "nothing removed before the delegate completed");
    script.pending(0).complete("ok");
    Await.get(done);
    assertNull(l1Store.entry(FIND));
    assertNull(l2Store.entry(FIND));
  }
}
