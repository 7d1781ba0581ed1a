package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.Entry;
import dev.tiered.testing.FaultyBackend;
import dev.tiered.testing.ManualClock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;

/**
 * The world of one policy scenario: a scripted delegate, two in-memory tiers behind fault injectors (L1 in-process,
 * L2 remote unless a test says otherwise), a manual clock, a small executor of the decorator's own, and callers that
 * run calls off the test thread so that a test can watch a call that is held.
 */
abstract class PolicyFixture {
  /** How long entries that a test puts into a tier live, unless it says otherwise. */
  static final Duration LIVE = Duration.ofMinutes(5);

  final ManualClock clock = new ManualClock();
  final Script script = new Script();
  final ScriptedCatalog catalog = new ScriptedCatalog(script);
  final MemoryBackend l1Store = new MemoryBackend("l1", false);
  final MemoryBackend l2Store = new MemoryBackend("l2", true);
  final FaultyBackend l1 = FaultyBackend.wrap(l1Store);
  final FaultyBackend l2 = FaultyBackend.wrap(l2Store);
  /** The decorator's executor: remote tier work, race losers, refreshes. */
  final ExecutorService executor = Executors.newFixedThreadPool(8, threads("tiered-background"));
  /** Runs the calls under test, so that the test thread stays free to watch, stall and release. */
  final ExecutorService callers = Executors.newCachedThreadPool(threads("caller"));

  @AfterEach
  void releaseEverything() throws InterruptedException {
    l1.heal();
    l2.heal();
    script.releaseAll();
    executor.shutdownNow();
    callers.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
    callers.awaitTermination(5, TimeUnit.SECONDS);
  }

  // ------------------------------------------------------------------------------------------------ entries, keys

  /** The readable key of {@code method(id)} in cache {@code cache}, as the tiers store it. */
  static String key(String cache, String method, long id) {
    return cache + ":v1:" + method + ":" + id;
  }

  /** An entry of {@code value} that expires {@link #LIVE} from now and never becomes stale. */
  Entry<String> live(String value) {
    return expiringIn(value, LIVE);
  }

  /** An entry of {@code value} that expires {@code ttl} from now ({@code ttl} may be negative) and is never stale. */
  Entry<String> expiringIn(String value, Duration ttl) {
    return new Entry<>(value, clock.millis() + ttl.toMillis(), Entry.NEVER);
  }

  // ------------------------------------------------------------------------------------------------ calls

  /** Runs {@code call} on a caller thread. */
  <T> Future<T> call(Callable<T> call) {
    return callers.submit(call);
  }

  /** Waits until {@code calls} calls of {@code tier} are held by its stall. */
  static void awaitStalled(FaultyBackend tier, int calls) throws InterruptedException {
    assertTrue(tier.awaitStalled(calls, Await.TIMEOUT), () -> calls + " stalled calls of " + tier + ", but "
        + tier.stalledCalls() + " are");
  }

  /**
   * Stalls {@code tier} from inside the next delegate call, after the reads: its write is then held. Returns a latch
   * that opens once the stall is in place; the stall is set up by the first delegate call only.
   */
  CountDownLatch stallOnDelegateCall(FaultyBackend tier) {
    CountDownLatch stalled = new CountDownLatch(1);
    script.onCall(() -> {
      if (stalled.getCount() > 0) {
        tier.stall();
        stalled.countDown();
      }
    });
    return stalled;
  }

  /** Waits for {@code latch}, failing the test when it does not open in time. */
  static void await(CountDownLatch latch, String what) throws InterruptedException {
    assertTrue(latch.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), what);
  }

  /** Releases {@code tier}'s stall and waits until every call it held has gone on. */
  static void unstallAndDrain(FaultyBackend tier) {
    tier.unstall();
    Await.until(() -> tier.stalledCalls() == 0, () -> tier.stalledCalls() + " calls of " + tier + " still stalled");
  }

  /**
   * Lets the decorator's executor finish everything it was given (and accept nothing more): after this, no race
   * loser or refill is still on its way, so a counter that has not moved never will.
   */
  void quiesce() throws InterruptedException {
    executor.shutdown();
    assertTrue(executor.awaitTermination(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
        "the decorator's executor did not finish its work");
  }

  // ------------------------------------------------------------------------------------------------ decorators

  TieredSequentialCatalog sequential() {
    return TieredSequentialCatalog.builder().delegate(catalog).l1(l1).l2(l2).executor(executor).clock(clock).build();
  }

  TieredRaceCatalog race() {
    return TieredRaceCatalog.builder().delegate(catalog).l1(l1).l2(l2).executor(executor).clock(clock).build();
  }

  TieredDropRaceCatalog dropRace() {
    return TieredDropRaceCatalog.builder().delegate(catalog).l1(l1).l2(l2).executor(executor).clock(clock).build();
  }

  TieredParallelCatalog parallel() {
    return TieredParallelCatalog.builder().delegate(catalog).l1(l1).l2(l2).executor(executor).clock(clock).build();
  }

  TieredSequentialWriteCatalog sequentialWrite() {
    return TieredSequentialWriteCatalog.builder()
        .delegate(catalog).l1(l1).l2(l2).executor(executor).clock(clock).build();
  }

  TieredOptimisticWriteCatalog optimisticWrite() {
    return TieredOptimisticWriteCatalog.builder()
        .delegate(catalog).l1(l1).l2(l2).executor(executor).clock(clock).build();
  }

  TieredRaceWriteCatalog raceWrite() {
    return TieredRaceWriteCatalog.builder().delegate(catalog).l1(l1).l2(l2).executor(executor).clock(clock).build();
  }

  TieredDropRaceWriteCatalog dropRaceWrite() {
    return TieredDropRaceWriteCatalog.builder()
        .delegate(catalog).l1(l1).l2(l2).executor(executor).clock(clock).build();
  }

  TieredShortL1Catalog shortL1() {
    return TieredShortL1Catalog.builder().delegate(catalog).l1(l1).l2(l2).executor(executor).clock(clock).build();
  }

  TieredNoRefillCatalog noRefill() {
    return TieredNoRefillCatalog.builder().delegate(catalog).l1(l1).l2(l2).executor(executor).clock(clock).build();
  }

  TieredStaleCatalog stale() {
    return TieredStaleCatalog.builder().delegate(catalog).l1(l1).l2(l2).executor(executor).clock(clock).build();
  }

  TieredInvalidatingCatalog invalidating() {
    return TieredInvalidatingCatalog.builder()
        .delegate(catalog).l1(l1).l2(l2).executor(executor).clock(clock).build();
  }

  static ThreadFactory threads(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
