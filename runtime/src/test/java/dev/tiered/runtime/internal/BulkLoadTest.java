package dev.tiered.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.TieredStats;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.internal.MethodCacheTest.IdKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BulkLoad} driven by hand the way a generated {@code @Bulk} method drives it: read, serve, load through a
 * bulk loader that writes with {@link BulkWrite}. The end-to-end behaviour through generated decorators and a real
 * Redis is in the integration tests; here, what is hard to reach from there: single flight between bulk and
 * single-key callers, corrupt entries in a batch, failures.
 */
class BulkLoadTest {
  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
  private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
  private final CaffeineBackend l1 = CaffeineBackend.create(100);
  private final BytesBackend l2 = new BytesBackend(true);
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final ExecutorService callers = Executors.newCachedThreadPool();
  /** The ids each delegate call was given, in order. */
  private final List<List<Long>> delegateCalls = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    executor.shutdownNow();
    callers.shutdownNow();
  }

  private MethodCache<String> find(boolean cacheNulls) {
    TieredOptions options = TieredOptions.builder().clock(clock).executor(executor).build();
    CacheContext context = new CacheContext("users", 1, l1, l2, options);
    CacheContext.MethodSettings settings =
        context.method("find", ValueType.of(String.class)).ttl(Duration.ofMinutes(10)).stale(Duration.ofMinutes(1));
    return (cacheNulls ? settings.cacheNulls() : settings).build();
  }

  /** The delegate's bulk method: a value for every id but 13, which does not exist. */
  private Map<Long, String> delegate(List<Long> ids) {
    delegateCalls.add(ids);
    Map<Long, String> values = new HashMap<>();
    ids.stream().filter(id -> id != 13).forEach(id -> values.put(id, "user-" + id));
    return values;
  }

  /** A synchronous {@code @Bulk} call with the default policies: SEQUENTIAL read, refill, OPTIMISTIC_PARALLEL. */
  private Map<Long, String> findAll(MethodCache<String> find, Collection<Long> ids) {
    BulkLoad<Long, IdKey, String> bulk = BulkLoad.start(find, ids, IdKey::new);
    bulk.readSequential().join();
    bulk.serve((key, id) -> refresh(find, key, id));
    bulk.refillL1();
    return bulk.load((tiers, missing) -> {
      Map<Long, String> values = delegate(missing);
      tiers.writeBoth(values).join();
      return values;
    });
  }

  private CompletableFuture<Map<Long, String>> findAllAsync(MethodCache<String> find, Collection<Long> ids) {
    BulkLoad<Long, IdKey, String> bulk = BulkLoad.startAsync(find, ids, IdKey::new);
    return bulk.readSequential().thenCompose(read -> {
      bulk.serve((key, id) -> refresh(find, key, id));
      bulk.refillL1();
      return bulk.loadAsync((tiers, missing) -> CompletableFuture.supplyAsync(() -> delegate(missing), executor)
          .thenCompose(values -> tiers.writeBoth(values).thenApply(written -> values)));
    });
  }

  /** The single-key method's loader, as a refresh calls it. */
  private static String refresh(MethodCache<String> find, IdKey key, long id) {
    String value = "refreshed-" + id;
    find.writeBoth(key, find.newEntry(value));
    return value;
  }

  private Entry<String> live(String value) {
    return new Entry<>(value, now.get() + 300_000, Entry.NEVER);
  }

  private void putL1(MethodCache<String> find, long id, String value) throws Exception {
    l1.write(new IdKey(find.space(), id), live(value), 300_000, find.codec);
  }

  private void putL2(MethodCache<String> find, long id, String value) {
    l2.write(new IdKey(find.space(), id), live(value), 300_000, find.codec);
  }

  @Test
  void eachIdIsAnsweredByTheFirstTierThatHoldsItAndOnlyTheRestReachTheDelegateOnce() throws Exception {
    MethodCache<String> find = find(false);
    putL1(find, 1, "l1-1");
    putL1(find, 4, "l1-4");
    putL2(find, 4, "l2-4");
    putL2(find, 2, "l2-2");

    Map<Long, String> users = findAll(find, List.of(3L, 1L, 2L, 4L, 1L, 5L));

    assertEquals(List.of(3L, 1L, 2L, 4L, 5L), List.copyOf(users.keySet()), "the order asked, each id once");
    assertEquals(List.of("user-3", "l1-1", "l2-2", "l1-4", "user-5"), List.copyOf(users.values()));
    assertEquals(List.of(List.of(3L, 5L)), delegateCalls);
    TieredStats stats = find.stats();
    assertEquals(2, stats.l1Hits());
    assertEquals(1, stats.l2Hits());
    assertEquals(2, stats.misses());
    assertEquals(1, stats.delegateCalls());
    assertEquals("l2-2", l1.read(new IdKey(find.space(), 2), find.codec).value(), "the L2 hit refilled L1");
    for (long id : List.of(3L, 5L)) {
      IdKey key = new IdKey(find.space(), id);
      assertEquals("user-" + id, l1.read(key, find.codec).value());
      assertEquals("user-" + id, l2.read(key, find.codec).value());
      assertEquals(now.get() + Duration.ofMinutes(10).toMillis(), l2.read(key, find.codec).expiresAt());
      assertEquals(now.get() + Duration.ofMinutes(1).toMillis(), l2.read(key, find.codec).staleAt());
    }
  }

  @Test
  void emptyInputTouchesNoTierAndNoDelegate() {
    MethodCache<String> find = find(false);

    assertEquals(Map.of(), findAll(find, List.of()));

    assertEquals(List.of(), delegateCalls);
    assertEquals(0, find.stats().misses() + find.stats().l1Hits() + find.stats().l2Hits());
  }

  @Test
  void anIdTheDelegateLeavesOutIsAbsentAndCachedOnlyWithCacheNulls() throws Exception {
    MethodCache<String> plain = find(false);
    assertEquals(Map.of(12L, "user-12"), findAll(plain, List.of(12L, 13L)));
    assertNull(l2.read(new IdKey(plain.space(), 13), plain.codec), "not cached");
    findAll(plain, List.of(13L));
    assertEquals(List.of(List.of(12L, 13L), List.of(13L)), delegateCalls, "asked again");

    l2.stored.clear();
    delegateCalls.clear();
    MethodCache<String> nulls = find(true);
    findAll(nulls, List.of(13L));
    assertNull(l2.read(new IdKey(nulls.space(), 13), nulls.codec).value(), "cached as a null");
    assertEquals(Map.of(), findAll(nulls, List.of(13L)));
    assertEquals(List.of(List.of(13L)), delegateCalls, "served from the cache the second time");
  }

  @Test
  void aStaleHitIsServedAndRefreshedOnItsOwn() throws Exception {
    MethodCache<String> find = find(false);
    findAll(find, List.of(1L, 2L));
    now.addAndGet(Duration.ofMinutes(2).toMillis());

    assertEquals(Map.of(1L, "user-1", 2L, "user-2"), findAll(find, List.of(1L, 2L)));

    assertEquals(2, find.stats().staleHits());
    assertEquals(2, find.stats().refreshes());
    IdKey key = new IdKey(find.space(), 2);
    for (int i = 0; i < 100 && !"refreshed-2".equals(l2.read(key, find.codec).value()); i++) {
      Thread.sleep(20);
    }
    assertEquals("refreshed-2", l2.read(key, find.codec).value(), "the single-key loader rewrote the entry");
    assertEquals(List.of(List.of(1L, 2L)), delegateCalls, "the bulk delegate was not called again");
  }

  @Test
  void anEntryThatDoesNotDecodeFailsItsOwnIdOnlyAndIsDeleted() {
    MethodCache<String> find = find(false);
    putL2(find, 1, "l2-1");
    l2.stored.put("users:v1:find:2", new byte[] {9, 9, 9});

    assertEquals(Map.of(1L, "l2-1", 2L, "user-2"), findAll(find, List.of(1L, 2L)));

    assertEquals(1, find.stats().l2Errors());
    assertEquals(1, find.stats().l2Hits());
    assertEquals(List.of(List.of(2L)), delegateCalls);
  }

  @Test
  void anIdThatASingleKeyCallIsLoadingIsAwaitedNotLoadedAgain() throws Exception {
    MethodCache<String> find = find(false);
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    IdKey key = new IdKey(find.space(), 7);
    Future<String> single = callers.submit(() -> find.load(key, () -> {
      loading.countDown();
      assertTrue(release.await(5, TimeUnit.SECONDS));
      return "single-7";
    }));
    assertTrue(loading.await(5, TimeUnit.SECONDS));

    Future<Map<Long, String>> bulk = callers.submit(() -> findAll(find, List.of(7L, 8L)));
    for (int i = 0; i < 100 && delegateCalls.isEmpty(); i++) {
      Thread.sleep(10);
    }
    assertEquals(List.of(List.of(8L)), delegateCalls, "only the id nobody was loading");
    assertFalse(bulk.isDone(), "the bulk call waits for the single-key load of 7");
    release.countDown();

    assertEquals(Map.of(7L, "single-7", 8L, "user-8"), bulk.get(5, TimeUnit.SECONDS));
    assertEquals("single-7", single.get(5, TimeUnit.SECONDS));
  }

  @Test
  void twoBulkCallsThatWaitForEachOthersIdsBothFinish() throws Exception {
    MethodCache<String> find = find(false);
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch secondStarted = new CountDownLatch(1);
    // The first call leads 1 and 2 and holds its delegate until the second has started its own load: the second
    // leads 3 and waits for 2; it must start loading 3 before it waits, or neither would finish.
    Future<Map<Long, String>> first = callers.submit(() -> BulkLoad.start(find, List.of(1L, 2L), IdKey::new)
        .load((tiers, missing) -> {
          firstStarted.countDown();
          assertTrue(secondStarted.await(5, TimeUnit.SECONDS));
          return delegate(missing);
        }));
    assertTrue(firstStarted.await(5, TimeUnit.SECONDS));
    Future<Map<Long, String>> second = callers.submit(() -> BulkLoad.start(find, List.of(2L, 3L), IdKey::new)
        .load((tiers, missing) -> {
          secondStarted.countDown();
          return delegate(missing);
        }));

    assertEquals(Map.of(1L, "user-1", 2L, "user-2"), first.get(5, TimeUnit.SECONDS));
    assertEquals(Map.of(2L, "user-2", 3L, "user-3"), second.get(5, TimeUnit.SECONDS));
    assertTrue(delegateCalls.contains(List.of(3L)), "the second loaded only 3: " + delegateCalls);
  }

  @Test
  void theDelegatesExceptionPassesThroughAndItsIdsCanBeLoadedAgain() {
    MethodCache<String> find = find(false);
    IllegalStateException down = new IllegalStateException("database down");

    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> BulkLoad.start(find, List.of(1L, 2L), IdKey::new).load((tiers, missing) -> {
          throw down;
        }));

    assertSame(down, thrown);
    assertEquals(1, find.stats().delegateFailures());
    assertEquals(Map.of(1L, "user-1", 2L, "user-2"), findAll(find, List.of(1L, 2L)), "no id stays in flight");
  }

  @Test
  void aBulkDelegateThatCallsTheDecoratorForAnIdItIsLoadingFailsAtOnce() {
    MethodCache<String> find = find(false);

    IllegalStateException recursive = assertThrows(IllegalStateException.class,
        () -> BulkLoad.start(find, List.of(1L), IdKey::new).load(
            (tiers, missing) -> Map.of(1L, find.load(new IdKey(find.space(), 1), () -> "inner"))));

    assertTrue(recursive.getMessage().startsWith("Recursive load"), recursive.getMessage());
    assertEquals(Map.of(1L, "user-1"), findAll(find, List.of(1L)));
  }

  @Test
  void asynchronousCallsShareTheEntriesOfSynchronousOnes() throws Exception {
    MethodCache<String> find = find(false);
    findAll(find, List.of(1L));

    Map<Long, String> users = findAllAsync(find, List.of(2L, 1L, 2L)).get(5, TimeUnit.SECONDS);

    assertEquals(List.of(2L, 1L), List.copyOf(users.keySet()));
    assertEquals(List.of(List.of(1L), List.of(2L)), delegateCalls);
    assertEquals("user-2", find.readL2(new IdKey(find.space(), 2)).value(), "written before the future completed");
    assertEquals(Map.of(1L, "user-1", 2L, "user-2"), findAllAsync(find, List.of(1L, 2L)).get(5, TimeUnit.SECONDS));
    assertEquals(2, delegateCalls.size());
  }

  @Test
  void anAsynchronousDelegateFailureFailsTheFutureWithItsOwnException() {
    MethodCache<String> find = find(false);
    IllegalStateException down = new IllegalStateException("database down");

    CompletableFuture<Map<Long, String>> call = BulkLoad.startAsync(find, List.of(1L), IdKey::new)
        .loadAsync((tiers, missing) -> CompletableFuture.failedFuture(down));

    ExecutionException failed = assertThrows(ExecutionException.class, () -> call.get(5, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, failed.getCause());
    assertSame(down, failed.getCause());
    assertEquals(Map.of(1L, "user-1"), findAll(find, List.of(1L)), "no id stays in flight");
  }

  @Test
  void aRemoteL2ThatCannotBeReadLeavesEveryIdAMissOfIt() {
    MethodCache<String> find = find(false);
    putL2(find, 1, "l2-1");
    l2.failReads = true;

    Map<Long, String> users = findAll(find, List.of(1L, 2L));

    assertEquals(Map.of(1L, "user-1", 2L, "user-2"), users);
    assertEquals(1, find.stats().l2Errors(), "one failed read, counted once");
    assertEquals(List.of(List.of(1L, 2L)), delegateCalls);
  }
}
