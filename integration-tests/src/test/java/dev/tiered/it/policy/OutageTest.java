package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.TieredStats;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Both tiers down: every call of every policy is served by the delegate, and every tier error is counted. */
class OutageTest extends PolicyFixture {
  private static final int CALLS = 3;

  /** One decorator under test: its sync and async method and its stats. */
  private record Subject(
      String name, LongFunction<String> find, LongFunction<CompletableFuture<String>> findAsync,
      Supplier<TieredStats> stats) {}

  private List<Subject> subjects() {
    TieredSequentialCatalog seq = sequential();
    TieredRaceCatalog race = race();
    TieredDropRaceCatalog dropRace = dropRace();
    TieredParallelCatalog par = parallel();
    TieredSequentialWriteCatalog seqWrite = sequentialWrite();
    TieredOptimisticWriteCatalog optWrite = optimisticWrite();
    TieredRaceWriteCatalog raceWrite = raceWrite();
    TieredDropRaceWriteCatalog dropWrite = dropRaceWrite();
    TieredStaleCatalog stale = stale();
    return List.of(
        new Subject("seq", seq::find, seq::findAsync, seq::stats),
        new Subject("race", race::find, race::findAsync, race::stats),
        new Subject("droprace", dropRace::find, dropRace::findAsync, dropRace::stats),
        new Subject("par", par::find, par::findAsync, par::stats),
        new Subject("seqwrite", seqWrite::find, seqWrite::findAsync, seqWrite::stats),
        new Subject("optwrite", optWrite::find, optWrite::findAsync, optWrite::stats),
        new Subject("racewrite", raceWrite::find, raceWrite::findAsync, raceWrite::stats),
        new Subject("dropwrite", dropWrite::find, dropWrite::findAsync, dropWrite::stats),
        new Subject("stale", stale::find, stale::findAsync, stale::stats));
  }

  @Test
  void bothTiersDownEveryCallIsServedByTheDelegate() {
    l1.failAll(true);
    l2.failAll(true);
    int delegateCalls = 0;
    for (Subject s : subjects()) {
      for (int i = 0; i < CALLS; i++) {
        assertEquals(Script.value("find", 1, ++delegateCalls), s.find().apply(1), s.name());
      }
      TieredStats stats = s.stats().get();
      assertEquals(CALLS, stats.misses(), s.name());
      assertEquals(CALLS, stats.delegateCalls(), s.name());
      assertEquals(0, stats.l1Hits() + stats.l2Hits() + stats.staleHits(), s.name());
      assertTrue(stats.l1Errors() >= CALLS, s.name() + ": every L1 read failed " + stats);
      assertTrue(stats.l2Errors() >= CALLS, s.name() + ": every L2 read failed " + stats);
    }
  }

  @Test
  void bothTiersDownEveryAsyncCallIsServedByTheDelegate() {
    l1.remote(true).failAll(true);
    l2.failAll(true);
    int delegateCalls = 0;
    for (Subject s : subjects()) {
      for (int i = 0; i < CALLS; i++) {
        assertEquals(Script.value("findAsync", 1, ++delegateCalls), Await.get(s.findAsync().apply(1)), s.name());
      }
      TieredStats stats = s.stats().get();
      assertEquals(CALLS, stats.misses(), s.name());
      assertTrue(stats.l1Errors() >= CALLS, s.name() + ": every L1 read failed " + stats);
      assertTrue(stats.l2Errors() >= CALLS, s.name() + ": every L2 read failed " + stats);
    }
  }

  @Test
  void everyReadAndWriteErrorIsCounted() {
    l1.failAll(true);
    l2.failAll(true);
    TieredSequentialCatalog cached = sequential();

    for (int i = 0; i < CALLS; i++) {
      cached.find(1);
    }

    // Per call: a failed read and a failed write of each tier.
    TieredStats stats = cached.stats();
    assertEquals(2 * CALLS, stats.l1Errors());
    assertEquals(2 * CALLS, stats.l2Errors());
    assertEquals(CALLS, l1.reads());
    assertEquals(CALLS, l2.reads());
    assertEquals(CALLS, l1.writes());
    assertEquals(CALLS, l2.writes());
  }
}
