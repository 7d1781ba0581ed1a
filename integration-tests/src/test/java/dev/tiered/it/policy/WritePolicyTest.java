package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tiered.runtime.TieredStats;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Write policies, after a delegate call. A tier is stalled for its write only, by stalling it from inside the
 * delegate call, after the reads are done ({@link PolicyFixture#stallOnDelegateCall}).
 */
class WritePolicyTest extends PolicyFixture {

  // ------------------------------------------------------------------------------------------------ SEQUENTIAL

  @Test
  void sequentialWriteWithL1FailingLeavesL2Untouched() {
    l1.failWrites(true);
    TieredSequentialWriteCatalog cached = sequentialWrite();

    assertEquals("find-1#1", cached.find(1));

    assertEquals(1, l1.writes());
    assertEquals(0, l2.writes(), "L2 is not attempted when L1 failed");
    assertNull(l2Store.value(key("seqwrite", "find", 1)));
    assertEquals(1, cached.stats().l1Errors());
    assertEquals(0, cached.stats().l2Errors());
  }

  @Test
  void sequentialWriteWithL2FailingKeepsL1() {
    l2.failWrites(true);
    TieredSequentialWriteCatalog cached = sequentialWrite();

    assertEquals("find-1#1", cached.find(1));

    assertEquals("find-1#1", l1Store.value(key("seqwrite", "find", 1)));
    assertEquals(1, l2.writes());
    assertEquals(1, cached.stats().l2Errors());
    assertEquals("find-1#1", cached.find(1));
    assertEquals(1, cached.stats().l1Hits());
    assertEquals(1, script.calls("find"));
  }

  @Test
  void sequentialWriteWritesL2OnlyAfterL1() throws Exception {
    l1.remote(true);
    stallOnDelegateCall(l1);
    TieredSequentialWriteCatalog cached = sequentialWrite();

    Future<String> call = call(() -> cached.find(1));
    awaitStalled(l1, 1);
    assertEquals(0, l2.writes(), "L2 waits for L1's write");
    l1.unstall();

    assertEquals("find-1#1", Await.get(call));
    assertEquals("find-1#1", l2Store.value(key("seqwrite", "find", 1)));
  }

  @Test
  void asyncSequentialWriteWithL1FailingLeavesL2Untouched() {
    l1.failWrites(true);
    TieredSequentialWriteCatalog cached = sequentialWrite();

    assertEquals("findAsync-1#1", Await.get(cached.findAsync(1)));

    assertEquals(0, l2.writes());
    assertEquals(1, cached.stats("findAsync").l1Errors());
  }

  // ------------------------------------------------------------------------------------------------ OPTIMISTIC

  @Test
  void optimisticWriteWithL1FailingStillFillsL2() {
    l1.failWrites(true);
    TieredOptimisticWriteCatalog cached = optimisticWrite();

    assertEquals("find-1#1", cached.find(1));

    assertEquals("find-1#1", l2Store.value(key("optwrite", "find", 1)));
    assertNull(l1Store.value(key("optwrite", "find", 1)));
    assertEquals(1, cached.stats().l1Errors());
  }

  @Test
  void optimisticWriteWithL2FailingStillFillsL1() {
    l2.failWrites(true);
    TieredOptimisticWriteCatalog cached = optimisticWrite();

    assertEquals("find-1#1", cached.find(1));

    assertEquals("find-1#1", l1Store.value(key("optwrite", "find", 1)));
    assertEquals(1, cached.stats().l2Errors());
  }

  @Test
  void optimisticWriteWithBothFailingIsCountedAndTheCallerStillGetsItsValue() {
    l1.failWrites(true);
    l2.failWrites(true);
    TieredOptimisticWriteCatalog cached = optimisticWrite();

    assertEquals("find-1#1", cached.find(1));
    assertEquals("find-1#2", cached.find(1), "nothing was cached");

    TieredStats stats = cached.stats();
    assertEquals(2, stats.l1Errors());
    assertEquals(2, stats.l2Errors());
    assertEquals(2, stats.misses());
    assertEquals(0, stats.delegateFailures());
  }

  @Test
  void asyncOptimisticWriteWithBothFailingStillCompletesWithTheValue() {
    l1.remote(true).failWrites(true);
    l2.failWrites(true);
    TieredOptimisticWriteCatalog cached = optimisticWrite();

    assertEquals("findAsync-1#1", Await.get(cached.findAsync(1)));

    TieredStats stats = cached.stats("findAsync");
    assertEquals(1, stats.l1Errors());
    assertEquals(1, stats.l2Errors());
  }

  @Test
  void optimisticWriteAwaitsBothTiers() throws Exception {
    stallOnDelegateCall(l2);
    TieredOptimisticWriteCatalog cached = optimisticWrite();

    Future<String> call = call(() -> cached.find(1));
    awaitStalled(l2, 1);
    assertFalse(call.isDone());
    l2.unstall();

    assertEquals("find-1#1", Await.get(call));
    // Both writes were done before the call returned.
    assertEquals("find-1#1", l1Store.value(key("optwrite", "find", 1)));
    assertEquals("find-1#1", l2Store.value(key("optwrite", "find", 1)));
  }

  // ------------------------------------------------------------------------------------------------ RACE

  @Test
  void raceWriteReturnsAfterTheFirstTierWhileTheOtherIsStalled() throws Exception {
    String key = key("racewrite", "find", 1);
    stallOnDelegateCall(l2);
    TieredRaceWriteCatalog cached = raceWrite();

    Future<String> call = call(() -> cached.find(1));

    // L2 was stalled before the write started, so it cannot have taken the entry: the call did not wait for it.
    assertEquals("find-1#1", Await.get(call));
    assertEquals("find-1#1", l1Store.value(key));
    awaitStalled(l2, 1);
    assertNull(l2Store.value(key));
    assertEquals(0, cached.stats().offloaded());

    // OFFLOAD: the stalled write finishes in the background once released, and is counted.
    l2.unstall();
    Await.until("the offloaded L2 write completes", () -> cached.stats().offloaded() == 1);
    assertEquals("find-1#1", l2Store.value(key));
  }

  @Test
  void raceWriteWaitsForTheSecondTierWhenTheFirstFails() throws Exception {
    String key = key("racewrite", "find", 1);
    l1.failWrites(true);
    stallOnDelegateCall(l2);
    TieredRaceWriteCatalog cached = raceWrite();

    Future<String> call = call(() -> cached.find(1));
    awaitStalled(l2, 1);
    assertFalse(call.isDone(), "L1 failed: the write is not done until L2 took it");
    l2.unstall();

    assertEquals("find-1#1", Await.get(call));
    assertEquals("find-1#1", l2Store.value(key));
    assertEquals(1, cached.stats().l1Errors());
  }

  @Test
  void raceWriteWithBothFailingStillReturnsTheValue() {
    l1.failWrites(true);
    l2.failWrites(true);
    TieredRaceWriteCatalog cached = raceWrite();

    assertEquals("find-1#1", cached.find(1));

    assertEquals(1, cached.stats().l1Errors());
    assertEquals(1, cached.stats().l2Errors());
  }

  @Test
  void droppedRaceWriteIsNotAwaitedNorCounted() throws Exception {
    stallOnDelegateCall(l2);
    TieredDropRaceWriteCatalog cached = dropRaceWrite();

    Future<String> call = call(() -> cached.find(1));

    assertEquals("find-1#1", Await.get(call));
    assertEquals("find-1#1", l1Store.value(key("dropwrite", "find", 1)));
    l2.unstall();
    quiesce();
    assertEquals(0, cached.stats().offloaded());
  }

  @Test
  void asyncRaceWriteCompletesWhileTheOtherTierIsStalled() throws Exception {
    String key = key("racewrite", "findAsync", 1);
    stallOnDelegateCall(l2);
    TieredRaceWriteCatalog cached = raceWrite();

    CompletableFuture<String> result = cached.findAsync(1);

    assertEquals("findAsync-1#1", Await.get(result));
    awaitStalled(l2, 1);
    assertNull(l2Store.value(key));
    l2.unstall();
    Await.until("the offloaded L2 write completes", () -> "findAsync-1#1".equals(l2Store.value(key)));
    Await.until("the offloaded L2 write is counted", () -> cached.stats("findAsync").offloaded() == 1);
  }
}
