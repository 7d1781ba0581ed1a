package dev.tiered.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CacheKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A call's stamp is found wherever its writes run, however deep calls nest, and is gone once dropped. */
class CallStampsTest {
  private static final KeySpace SPACE = new KeySpace("c", 1, "m");

  private static CacheKey key(long id) {
    return new MethodCacheTest.IdKey(SPACE, id);
  }

  @Test
  void aSynchronousCallFindsItsStampOnItsThreadUntilItDropsIt() {
    CacheKey key = key(1);
    CallStamps.stamp(key, 7, true);
    CallStamps.stamp(key, 9, true); // stamped already: the first stamp stays

    assertEquals(7, CallStamps.find(key));
    assertEquals(CallStamps.NONE, CallStamps.find(key(1)), "by identity: another call of the same id has none");
    CallStamps.drop(key);
    assertEquals(CallStamps.NONE, CallStamps.find(key));
  }

  @Test
  void nestedCallsDeeperThanTheSlotsKeepEveryStamp() {
    List<CacheKey> calls = new ArrayList<>();
    for (int depth = 0; depth < 10; depth++) {
      CacheKey key = key(depth);
      calls.add(key);
      CallStamps.stamp(key, 100 + depth, true);
    }
    for (int depth = 9; depth >= 0; depth--) {
      assertEquals(100 + depth, CallStamps.find(calls.get(depth)), "depth " + depth);
      CallStamps.drop(calls.get(depth));
      assertEquals(CallStamps.NONE, CallStamps.find(calls.get(depth)));
    }
  }

  @Test
  void aCallThatMovesToOtherThreadsIsStampedWhereEveryThreadFindsIt() {
    CacheKey key = key(3);
    CallStamps.stamp(key, 5, false);

    assertEquals(5L, CompletableFuture.supplyAsync(() -> CallStamps.find(key)).join());
    CompletableFuture.runAsync(() -> CallStamps.drop(key)).join();
    assertEquals(CallStamps.NONE, CallStamps.find(key));
  }

  @Test
  void callsThatNeverDropTheirStampsDoNotCostLaterCallsTheirs() {
    for (int i = 0; i < 20; i++) {
      CallStamps.stamp(key(50 + i), i, true); // ended without a drop, as a skipped refill does
    }
    CacheKey key = key(99);
    CallStamps.stamp(key, 42, true);
    assertEquals(42, CallStamps.find(key));
    CallStamps.drop(key);
    assertEquals(CallStamps.NONE, CallStamps.find(key));
  }

  @Test
  void sharedStampsGoWithTheirKeyObjects() throws Exception {
    for (int i = 0; i < 10_000; i++) {
      CallStamps.stamp(key(i), i, false); // calls that never dropped their stamps: only the map holds their keys
    }
    CacheKey kept = key(1);
    CallStamps.stamp(kept, 7, false);
    System.gc();
    Thread.sleep(100);
    CallStamps.stamp(key(-1), 0, false); // expunges what was collected
    assertEquals(7, CallStamps.find(kept));
    assertTrue(CallStamps.shared() < 10_000, "collected keys are forgotten: " + CallStamps.shared());
  }
}
