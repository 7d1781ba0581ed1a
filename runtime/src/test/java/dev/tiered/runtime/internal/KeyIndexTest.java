package dev.tiered.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.tiered.runtime.CacheKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The index of synced L1 keys holds each key object as long as something else does, and no longer. */
class KeyIndexTest {
  private static final KeySpace SPACE = new KeySpace("c", 1, "m");

  @Test
  void theFirstObjectUnderAHashStaysTheOneWhileItIsHeld() {
    KeyIndex index = new KeyIndex();
    CacheKey first = new MethodCacheTest.IdKey(SPACE, 1);

    assertSame(first, index.putIfAbsent(7, first));
    assertSame(first, index.putIfAbsent(7, new MethodCacheTest.IdKey(SPACE, 1)), "L1 keeps writing under it");
    assertSame(first, index.get(7));
    assertNull(index.get(8));
    assertEquals(List.of(first), index.keys());
  }

  @Test
  void aCollectedObjectLeavesItsHashToTheNextKey() throws Exception {
    KeyIndex index = new KeyIndex();
    index.putIfAbsent(7, new MethodCacheTest.IdKey(SPACE, 1)); // held by nothing else, as an evicted L1 entry's key
    for (int i = 0; i < 100 && index.get(7) != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(index.get(7), "collected");

    CacheKey next = new MethodCacheTest.IdKey(SPACE, 1);
    assertSame(next, index.putIfAbsent(7, next));
    assertEquals(List.of(next), index.keys());
  }
}
