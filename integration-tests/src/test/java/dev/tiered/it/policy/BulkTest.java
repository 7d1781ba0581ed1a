package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredStats;
import dev.tiered.testing.ManualClock;
import dev.tiered.testing.RedisServerProcess;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * {@code @Bulk} through generated decorators ({@link BulkUsers}: Caffeine over a real {@code redis-server}): L1
 * first, the rest from Redis in one {@code MGET} (counted by {@code INFO commandstats}), the delegate's bulk method
 * once with exactly the ids that no tier held, and entries shared with the single-key method both ways.
 */
class BulkTest {
  private static RedisServerProcess redis;
  private static RedisBackend l2;

  private final ManualClock clock = new ManualClock();
  private final BulkDirectory directory = new BulkDirectory();
  private final ExecutorService executor = Executors.newFixedThreadPool(4, PolicyFixture.threads("tiered"));
  private final ExecutorService callers = Executors.newCachedThreadPool(PolicyFixture.threads("caller"));

  @BeforeAll
  static void startRedis() {
    redis = RedisServerProcess.launch();
    l2 = RedisScenarios.backend(redis, RedisScenarios.PATIENT);
  }

  @AfterAll
  static void stopRedis() {
    l2.close();
    redis.close();
  }

  @BeforeEach
  void flush() {
    redis.flushAll();
  }

  @AfterEach
  void stopExecutors() throws InterruptedException {
    executor.shutdownNow();
    callers.shutdownNow();
    executor.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** A decorator with an L1 of its own, as one instance of a service, sharing Redis with the others. */
  private TieredBulkUsers instance() {
    return TieredBulkUsers.builder()
        .delegate(directory).l1(CaffeineBackend.create(1_000)).l2(l2).executor(executor).clock(clock).build();
  }

  private static long calls(String command) {
    return RedisScenarios.commandCalls(redis, command);
  }

  private static void deleteFromRedis(long... ids) {
    try (Jedis jedis = new Jedis(URI.create(redis.uri()))) {
      for (long id : ids) {
        jedis.del("bulk:v1:find:" + id);
      }
    }
  }

  private Map<Long, String> values(long... ids) {
    Map<Long, String> values = new LinkedHashMap<>();
    for (long id : ids) {
      values.put(id, directory.value(id));
    }
    return values;
  }

  @Test
  void partialHitsInEveryCombinationTakeOneMgetAndOneDelegateCallForExactlyTheRest() {
    TieredBulkUsers warm = instance();
    LongStream.rangeClosed(1, 6).forEach(warm::find);
    TieredBulkUsers users = instance();
    // 1, 2: only in this instance's L1; 3, 4: only in Redis; 5, 6: in both; 7, 8: in neither.
    List.of(1L, 2L, 5L, 6L).forEach(users::find);
    deleteFromRedis(1, 2);
    directory.findCalls.clear();
    TieredStats before = users.stats();
    long mgets = calls("mget");
    long gets = calls("get");
    long writes = calls("psetex");

    Map<Long, String> found = users.findAll(List.of(8L, 1L, 3L, 5L, 7L, 2L, 4L, 6L));

    assertEquals(List.of(8L, 1L, 3L, 5L, 7L, 2L, 4L, 6L), List.copyOf(found.keySet()), "the order asked");
    assertEquals(values(8, 1, 3, 5, 7, 2, 4, 6), found);
    assertEquals(List.of(List.of(8L, 7L)), directory.bulkIds(), "exactly the ids no tier held, once");
    assertEquals(List.of(), directory.findCalls);
    assertEquals(mgets + 1, calls("mget"), "one MGET for the ids L1 missed");
    assertEquals(gets, calls("get"), "no single GET");
    assertEquals(writes + 2, calls("psetex"), "a PSETEX for each loaded id");
    TieredStats stats = users.stats();
    assertEquals(4, stats.l1Hits() - before.l1Hits());
    assertEquals(2, stats.l2Hits() - before.l2Hits());
    assertEquals(2, stats.misses() - before.misses());
    assertEquals(1, stats.delegateCalls() - before.delegateCalls());
    long pttl = redis.pttl("bulk:v1:find:7");
    assertTrue(pttl > Duration.ofMinutes(9).toMillis() && pttl <= Duration.ofMinutes(10).toMillis(), "PX " + pttl);
  }

  @Test
  void idsThatL1HoldsAllTakeNoRedisCommandAndIdsInRedisOneMget() {
    TieredBulkUsers users = instance();
    users.findAll(List.of(1L, 2L, 3L));
    long mgets = calls("mget");

    assertEquals(values(3, 2, 1), users.findAll(List.of(3L, 2L, 1L)));
    assertEquals(mgets, calls("mget"), "L1 answered every id");

    TieredBulkUsers other = instance();
    assertEquals(values(1, 2, 3), other.findAll(List.of(1L, 2L, 3L)));
    assertEquals(mgets + 1, calls("mget"));
    assertEquals(3, other.stats().l2Hits());
    assertEquals(1, directory.bulkCalls.size());
    long again = calls("mget");
    assertEquals(values(1, 2, 3), other.findAll(List.of(1L, 2L, 3L)));
    assertEquals(again, calls("mget"), "the L2 hits were refilled into L1");
  }

  @Test
  void theDelegateGetsTheCallersCollectionTypeWithEachIdOnce() throws Exception {
    TieredBulkUsers users = instance();

    users.findAll(List.of(1L, 1L, 2L));
    users.findList(List.of(3L, 4L, 3L));
    Set<Long> asked = new LinkedHashSet<>(List.of(6L, 5L));
    users.findAllAsync(asked).toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertEquals(List.of(List.of(1L, 2L), List.of(3L, 4L), List.of(6L, 5L)), directory.bulkIds());
    assertInstanceOf(List.class, directory.bulkCalls.get(0), "a Collection parameter gets a List");
    assertInstanceOf(List.class, directory.bulkCalls.get(1));
    assertInstanceOf(Set.class, directory.bulkCalls.get(2), "a Set parameter gets a Set, in the order asked");
  }

  @Test
  void anEmptyCallTouchesNoTierAndNoDelegate() throws Exception {
    TieredBulkUsers users = instance();
    long mgets = calls("mget");

    assertEquals(Map.of(), users.findAll(List.of()));
    assertEquals(Map.of(), users.findAllAsync(Set.of()).toCompletableFuture().get(5, TimeUnit.SECONDS));

    assertEquals(mgets, calls("mget"));
    assertEquals(List.of(), directory.bulkCalls);
    assertEquals(0, users.stats().misses());
  }

  @Test
  void anIdTheDelegateLeavesOutIsAbsentAndCachedOnlyWithCacheNulls() {
    TieredBulkUsers users = instance();
    assertEquals(values(12), users.findAll(List.of(12L, BulkDirectory.MISSING)));
    assertEquals(Set.of(), redis.keys("bulk:v1:find:13"), "not cached");
    users.findAll(List.of(BulkDirectory.MISSING));
    assertEquals(List.of(List.of(12L, 13L), List.of(13L)), directory.bulkIds(), "asked again");

    directory.bulkCalls.clear();
    TieredNullableBulkUsers nullable = TieredNullableBulkUsers.builder()
        .delegate(directory).l1(CaffeineBackend.create(100)).l2(l2).executor(executor).clock(clock).build();
    assertEquals(Map.of(), nullable.findAll(List.of(BulkDirectory.MISSING)));
    assertNotNull(redis.get("nullable:v1:find:13"), "cached as absent");
    assertEquals(Map.of(), nullable.findAll(List.of(BulkDirectory.MISSING)));
    assertEquals(List.of(List.of(13L)), directory.bulkIds(), "not asked again");
  }

  @Test
  void singleKeyAndBulkCallsShareTheirEntriesBothWays() {
    TieredBulkUsers users = instance();
    users.findAll(List.of(1L, 2L));
    users.find(2);
    assertEquals(List.of(), directory.findCalls, "find(2) hit what findAll loaded");
    assertEquals(1, users.stats().l1Hits());

    users.find(3);
    users.findAll(List.of(2L, 3L));
    assertEquals(1, directory.bulkCalls.size(), "findAll hit what find loaded");
    assertEquals(3, users.stats("find").l1Hits(), "the bulk method's hits are its target's");
  }

  @Test
  void invalidationOfTheSingleKeyMethodEvictsWhatABulkCallLoaded() {
    TieredBulkUsers users = instance();
    TieredBulkUsers other = instance();
    users.findAll(List.of(1L, 2L));

    users.rename(2, "new name");

    assertEquals(Set.of(), redis.keys("bulk:v1:find:2"));
    assertEquals(values(1, 2), users.findAll(List.of(1L, 2L)));
    assertEquals("user-2#2", users.findAll(List.of(2L)).get(2L));
    assertEquals(List.of(List.of(1L, 2L), List.of(2L)), directory.bulkIds());
    assertEquals("user-2#2", other.findAll(List.of(2L)).get(2L), "another instance reads the new entry");
  }

  @Test
  void anInvalidationOnAnotherInstanceEvictsWhatABulkCallPutInThisL1() {
    TieredBulkUsers here = instance();
    // Another node: its own L1 and its own backend, whose invalidation bus announces to this one.
    try (RedisBackend elsewhere = RedisScenarios.backend(redis, RedisScenarios.PATIENT)) {
      TieredBulkUsers there = TieredBulkUsers.builder().delegate(directory).l1(CaffeineBackend.create(100))
          .l2(elsewhere).executor(executor).clock(clock).build();
      here.findAll(List.of(1L, 2L));
      there.find(1);

      there.rename(2, "new name");

      Await.until("the announcement evicted 2 from this instance's L1",
          () -> "user-2#2".equals(here.findAll(List.of(1L, 2L)).get(2L)));
      assertEquals("user-1#1", here.findAll(List.of(1L)).get(1L));
    }
  }

  @Test
  void staleEntriesAreServedAndRefreshedOneByOneThroughTheSingleKeyMethod() {
    TieredBulkUsers users = instance();
    users.findAll(List.of(1L, 2L, 3L));
    clock.advance(Duration.ofMinutes(2));
    directory.bump(1);
    directory.bump(2);

    assertEquals(Map.of(1L, "user-1#1", 2L, "user-2#1", 3L, "user-3#1"), users.findAll(List.of(1L, 2L, 3L)));

    assertEquals(3, users.stats().staleHits());
    Await.until("each stale entry was refreshed on its own", () -> directory.findCalls.size() == 3);
    assertEquals(Set.of(1L, 2L, 3L), Set.copyOf(directory.findCalls));
    assertEquals(1, directory.bulkCalls.size(), "no bulk call refreshes");
    Await.until("the refreshes rewrote the entries",
        () -> Map.of(1L, "user-1#2", 2L, "user-2#2").equals(users.findAll(List.of(1L, 2L))));
    // A refresh puts its entry in L1 before its Redis write has completed: wait for Redis as well. (A new instance
    // that found an old entry would only refresh it through the same path, so this cannot pass without it.)
    Await.until("the refreshes rewrote the entries in Redis too",
        () -> Map.of(1L, "user-1#2", 2L, "user-2#2").equals(instance().findAll(List.of(1L, 2L))));
  }

  @Test
  void anAsynchronousCallReadsRedisOnceAndNeverHoldsTheCaller() throws Exception {
    TieredBulkUsers users = instance();
    users.findAll(List.of(1L, 2L));
    TieredBulkUsers other = instance();
    other.find(1);
    long mgets = calls("mget");
    long l2Hits = other.stats().l2Hits();

    Map<Long, String> found = other.findAllAsync(new LinkedHashSet<>(List.of(3L, 2L, 1L)))
        .toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertEquals(values(3, 2, 1), found);
    assertEquals(List.of(3L, 2L, 1L), List.copyOf(found.keySet()));
    assertEquals(mgets + 1, calls("mget"));
    assertEquals(List.of(List.of(1L, 2L), List.of(3L)), directory.bulkIds());
    assertEquals(l2Hits + 1, other.stats().l2Hits(), "2 from Redis; 1 from L1");
    assertEquals(directory.value(3), instance().find(3), "written to Redis before the future completed");
  }

  @Test
  void anIdThatAnotherCallerIsLoadingIsAwaitedNotLoadedTwice() throws Exception {
    TieredBulkUsers users = instance();
    directory.hold();
    Future<String> single = callers.submit(() -> users.find(5));
    directory.awaitHolding();

    Future<Map<Long, String>> bulk = callers.submit(() -> users.findAll(List.of(5L, 6L)));
    Await.until("the bulk call loaded the id nobody else was loading", () -> directory.bulkCalls.size() == 1);
    assertEquals(List.of(List.of(6L)), directory.bulkIds());
    assertFalse(bulk.isDone(), "5 is awaited");
    directory.release();

    assertEquals(values(5, 6), Await.get(bulk));
    assertEquals(directory.value(5), Await.get(single));
    assertEquals(List.of(5L), directory.findCalls);
  }
}
