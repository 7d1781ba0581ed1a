package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.tiered.runtime.TieredStats;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code RACE} reads: both tiers start together, the first hit wins at once, a miss or an error waits for the other
 * tier; the loser is finished in the background ({@code OFFLOAD}) or abandoned ({@code DROP}). "Not waited for" is
 * shown by a tier that is stalled until the test releases it, never by timing.
 *
 * <p>A tier that is to be stalled without stalling the caller is marked remote: an in-process tier is called inline
 * by design (a map lookup is not worth an executor hop), so a stalled in-process tier holds its caller.
 */
class RaceReadTest extends PolicyFixture {
  private static final String KEY = key("race", "find", 1);
  private static final String ASYNC_KEY = key("race", "findAsync", 1);
  private static final String DROP_KEY = key("droprace", "find", 1);

  @Test
  void inProcessL1HitWinsBeforeL2IsRead() {
    l1Store.put(KEY, live("from-l1"));
    l2Store.put(KEY, live("from-l2"));
    TieredRaceCatalog cached = race();

    assertEquals("from-l1", cached.find(1));

    assertEquals(0, l2.reads());
    assertEquals(1, cached.stats().l1Hits());
    assertEquals(0, script.calls("find"));
  }

  @Test
  void l2HitWinsAfterAnL1MissAndRefillsL1() {
    l2Store.put(KEY, live("from-l2"));
    TieredRaceCatalog cached = race();

    assertEquals("from-l2", cached.find(1));

    assertEquals(1, cached.stats().l2Hits());
    assertEquals("from-l2", l1Store.value(KEY));
    assertEquals(0, script.calls("find"));
  }

  @Test
  void bothMissCallsTheDelegateOnceAndWritesBothTiers() {
    TieredRaceCatalog cached = race();

    assertEquals("find-1#1", cached.find(1));

    assertEquals(1, script.calls("find"));
    assertEquals(1, cached.stats().misses());
    assertEquals("find-1#1", l1Store.value(KEY));
    assertEquals("find-1#1", l2Store.value(KEY));
  }

  @Test
  void l1ErrorWaitsForTheL2Hit() {
    l1.failReads(true);
    l2Store.put(KEY, live("from-l2"));
    TieredRaceCatalog cached = race();

    assertEquals("from-l2", cached.find(1));

    TieredStats stats = cached.stats();
    assertEquals(1, stats.l1Errors());
    assertEquals(1, stats.l2Hits());
    assertEquals(0, script.calls("find"));
  }

  @Test
  void aMissWaitsForTheOtherTier() throws Exception {
    l1.remote(true).stall();
    l1Store.put(KEY, live("from-l1"));
    TieredRaceCatalog cached = race();

    Future<String> call = call(() -> cached.find(1));
    awaitStalled(l1, 1);
    Await.until("L2 was read", () -> l2.reads() == 1);
    assertFalse(call.isDone(), "L2's miss is not the end of the race: L1 may still have it");
    l1.unstall();

    assertEquals("from-l1", Await.get(call));
    assertEquals(0, script.calls("find"));
    assertEquals(1, cached.stats().l1Hits());
  }

  @Test
  void stalledL1DoesNotHoldTheCallWhenL2HasTheEntry() throws Exception {
    l1.remote(true).stall();
    l1Store.put(KEY, live("from-l1"));
    l2Store.put(KEY, live("from-l2"));
    TieredRaceCatalog cached = race();

    Future<String> call = call(() -> cached.find(1));

    // L1 was stalled before the call started, so its read cannot have completed: the call did not wait for it.
    assertEquals("from-l2", Await.get(call));
    awaitStalled(l1, 1);
    assertEquals(0, cached.stats().offloaded(), "the loser has not finished: it is still stalled");
    assertEquals(1, cached.stats().l2Hits());

    // OFFLOAD: once released, the loser runs to completion in the background and is counted.
    l1.unstall();
    Await.until("the offloaded L1 read completes", () -> cached.stats().offloaded() == 1);
    assertEquals(0, cached.stats().l1Hits(), "the loser's late hit is not counted as a hit");
  }

  @Test
  void stalledL2DoesNotHoldTheCallWhenL1HasTheEntry() throws Exception {
    l1.remote(true).stall();
    l2.stall();
    l1Store.put(KEY, live("from-l1"));
    l2Store.put(KEY, live("from-l2"));
    TieredRaceCatalog cached = race();

    // L1 is held too until L2's read is under way: an L1 that answers before L2 starts wins without reading L2.
    Future<String> call = call(() -> cached.find(1));
    awaitStalled(l2, 1);
    l1.unstall();

    assertEquals("from-l1", Await.get(call));
    assertEquals(1, l2.stalledCalls(), "L2's read is still stalled");
    assertEquals(0, cached.stats().offloaded());
    l2.unstall();
    Await.until("the offloaded L2 read completes", () -> cached.stats().offloaded() == 1);
  }

  @Test
  void dropAbandonsTheStalledLoser() throws Exception {
    l1.remote(true).stall();
    l2Store.put(DROP_KEY, live("from-l2"));
    TieredDropRaceCatalog cached = dropRace();

    Future<String> call = call(() -> cached.find(1));

    // Returned while every L1 call is held; a dropped read that had not started yet never runs at all.
    assertEquals("from-l2", Await.get(call));
    l1.unstall();
    quiesce();
    assertEquals(0, cached.stats().offloaded(), "a dropped loser is never counted as offloaded");
  }

  @Test
  void asyncRaceIsAnsweredByL2WhileL1IsStalled() throws Exception {
    l1.remote(true).stall();
    l2Store.put(ASYNC_KEY, live("from-l2"));
    TieredRaceCatalog cached = race();

    CompletableFuture<String> result = Await.get(call(() -> cached.findAsync(1)));

    assertEquals("from-l2", Await.get(result));
    awaitStalled(l1, 1);
    assertEquals(0, cached.stats("findAsync").offloaded());
    l1.unstall();
    Await.until("the offloaded L1 read completes", () -> cached.stats("findAsync").offloaded() == 1);
  }

  @Test
  void asyncRaceNeverHoldsTheCallerEvenWhenBothTiersStall() throws Exception {
    l1.remote(true).stall();
    l2.stall();
    TieredRaceCatalog cached = race();

    // The call itself returns while both reads are stalled: only its future waits.
    CompletableFuture<String> result = Await.get(call(() -> cached.findAsync(1)));
    awaitStalled(l1, 1);
    awaitStalled(l2, 1);
    assertFalse(result.isDone());

    l1.unstall();
    l2.unstall();
    assertEquals("findAsync-1#1", Await.get(result));
  }
}
