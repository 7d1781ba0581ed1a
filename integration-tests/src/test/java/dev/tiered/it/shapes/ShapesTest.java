package dev.tiered.it.shapes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.it.shapes.Shapes.Range;
import dev.tiered.it.shapes.Shapes.Status;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.testing.ManualClock;
import dev.tiered.testing.RedisServerProcess;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every method shape, through generated decorators over Caffeine and a real redis-server. */
class ShapesTest {
  private static RedisServerProcess redis;

  private RedisBackend l2;
  private RecordingShapes database;
  private ManualClock clock;

  @BeforeAll
  static void startRedis() {
    redis = RedisServerProcess.launch();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void setUp() {
    redis.flushAll();
    l2 = RedisBackend.connect(redis.uri());
    database = new RecordingShapes();
    clock = new ManualClock();
  }

  @AfterEach
  void tearDown() {
    l2.close();
  }

  /** A decorator with its own L1 over the shared L2: another instance of the application. */
  private TieredShapes instance() {
    return TieredShapes.builder().delegate(database).l1(CaffeineBackend.create(1_000)).l2(l2).clock(clock).build();
  }

  /** Waits, boundedly, until {@code n} calls have missed both tiers and joined (or started) a load. */
  private static void awaitMisses(TieredShapes cached, long n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (cached.stats().misses() < n && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertEquals(n, cached.stats().misses());
  }

  private static <T> T await(CompletableFuture<T> future) throws Exception {
    return future.get(5, TimeUnit.SECONDS);
  }

  // ---------------------------------------------------------------- asynchronous methods

  @Test
  void asyncMissReturnsThePendingFutureWithoutBlockingAndAnL1HitIsAlreadyComplete() throws Exception {
    TieredShapes cached = instance();
    CompletableFuture<Order> pending = new CompletableFuture<>();
    database.pendingOrder = pending;

    CompletableFuture<Order> miss = cached.orderAsync(1);

    assertFalse(miss.isDone(), "a miss must not wait for the delegate's future");
    pending.complete(RecordingShapes.order(1));
    assertEquals(RecordingShapes.order(1), await(miss));
    CompletableFuture<Order> hit = cached.orderAsync(1);
    assertTrue(hit.isDone(), "an L1 hit is an already-completed future");
    assertEquals(RecordingShapes.order(1), hit.join());
    assertEquals(1, database.calls("orderAsync"));
  }

  @Test
  void concurrentAsyncMissesShareOneDelegateCall() throws Exception {
    TieredShapes cached = instance();
    CompletableFuture<Order> pending = new CompletableFuture<>();
    database.pendingOrder = pending;

    List<CompletableFuture<Order>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(cached.orderAsync(2));
    }
    // Each call reads L2 on the executor before it joins the load; complete the load once all have joined.
    awaitMisses(cached, 10);
    pending.complete(RecordingShapes.order(2));

    for (CompletableFuture<Order> call : calls) {
      assertEquals(RecordingShapes.order(2), await(call));
    }
    assertEquals(1, database.calls("orderAsync"));
  }

  @Test
  void asyncFailuresReachEveryWaiterUnwrappedAndAreNotCached() throws Exception {
    TieredShapes cached = instance();
    CompletableFuture<Order> pending = new CompletableFuture<>();
    database.pendingOrder = pending;
    CompletableFuture<Order> first = cached.orderAsync(3);
    CompletableFuture<Order> second = cached.orderAsync(3);
    IllegalStateException failure = new IllegalStateException("database down");
    awaitMisses(cached, 2);

    pending.completeExceptionally(failure);

    assertSame(failure, assertThrows(ExecutionException.class, () -> await(first)).getCause());
    assertSame(failure, assertThrows(ExecutionException.class, () -> await(second)).getCause());
    database.pendingOrder = null;
    assertEquals(RecordingShapes.order(3), await(cached.orderAsync(3)));
    assertEquals(2, database.calls("orderAsync"));
    assertEquals(Set.of("shapes:v1:orderAsync:3"), redis.keys("shapes:v1:orderAsync:*"));
  }

  @Test
  void completionStageValuesComeBackFromL2AsTheirDeclaredTypes() throws Exception {
    List<Order> loaded = instance().ordersAsync("c", "trace-1").toCompletableFuture().get(5, TimeUnit.SECONDS);
    List<Order> fromL2 = instance().ordersAsync("c", "trace-2").toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertEquals(loaded, fromL2);
    assertEquals(1, database.calls("ordersAsync"), "traceId is not part of the key");
  }

  @Test
  void invalidatingAsyncMethodRemovesTheEntryOnceItsFutureCompletes() throws Exception {
    TieredShapes cached = instance();
    await(cached.orderAsync(5));

    await(cached.touchAsync(5));

    assertEquals(Set.of(), redis.keys("shapes:v1:orderAsync:*"));
    await(cached.orderAsync(5));
    assertEquals(2, database.calls("orderAsync"));
  }

  // ---------------------------------------------------------------- values

  @Test
  void optionalEmptyIsNotCachedUnlessNullsAre() {
    TieredShapes cached = instance();

    assertEquals(Optional.empty(), cached.maybeOrder(-1));
    assertEquals(Optional.empty(), cached.maybeOrder(-1));
    assertEquals(Optional.empty(), cached.maybeOrderCachingEmpty(-1));
    assertEquals(Optional.empty(), cached.maybeOrderCachingEmpty(-1));
    assertEquals(Optional.empty(), instance().maybeOrderCachingEmpty(-1), "a cached empty comes back from L2");

    assertEquals(2, database.calls("maybeOrder"));
    assertEquals(1, database.calls("maybeOrderCachingEmpty"));
    assertEquals(Optional.of(RecordingShapes.order(8)), cached.maybeOrder(8));
    assertEquals(Optional.of(RecordingShapes.order(8)), instance().maybeOrder(8));
  }

  @Test
  void primitivesArraysAndGenericValuesComeBackFromL2Exactly() {
    TieredShapes writer = instance();
    int sum = writer.primitiveSum(1, 2L, 3.5, true, 'a');
    byte[] bytes = writer.bytes("héllo");
    Order[] orders = writer.orderArray(3);
    Range range = new Range(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1));
    Map<String, List<Order>> byCustomer = writer.byCustomer(Set.of("ann", "bo"), range, Status.OPEN);

    TieredShapes reader = instance();
    assertEquals(sum, reader.primitiveSum(1, 2L, 3.5, true, 'a'));
    assertArrayEquals(bytes, reader.bytes("héllo"));
    assertArrayEquals(orders, reader.orderArray(3));
    Map<String, List<Order>> decoded = reader.byCustomer(Set.of("ann", "bo"), range, Status.OPEN);
    assertEquals(byCustomer, decoded);
    for (List<Order> list : decoded.values()) {
      for (Object element : list) {
        assertSame(Order.class, element.getClass(), "elements decode as Order, not as maps");
      }
    }
    assertEquals(4, reader.stats().l2Hits());
    assertEquals(0, reader.stats().misses());
  }

  // ---------------------------------------------------------------- methods

  @Test
  void inheritedGenericMethodsAreCachedWithTheirBoundTypes() {
    TieredOrderRepo writer = new TieredOrderRepo(database, CaffeineBackend.create(100), l2);
    Order order = writer.find(7L);
    List<Order> all = writer.all(List.of(1L, 2L));
    assertEquals(Optional.of(order), writer.maybe(7L));
    assertEquals(42, writer.count());

    TieredOrderRepo reader = new TieredOrderRepo(database, CaffeineBackend.create(100), l2);
    assertEquals(order, reader.find(7L));
    assertEquals(all, reader.all(List.of(1L, 2L)));
    assertEquals(42, reader.count());
    assertEquals(1, database.calls("find"));
    assertEquals(1, database.calls("all"));
    assertEquals(1, database.calls("count"));
    assertTrue(redis.keys("orders:*").containsAll(Set.of("orders:v1:find:7", "orders:v1:all:[1,2]", "orders:v1:count")));
  }

  @Test
  void defaultMethodsAreCachedAroundTheDelegatesImplementation() {
    TieredShapes cached = instance();

    assertEquals("Hi, Ann", cached.greeting("Ann"));
    assertEquals("Hi, Ann", cached.greeting("Ann"));
    assertEquals(1, database.calls("greeting"));
  }

  @Test
  void overloadsHaveDistinctKeys() {
    TieredShapes cached = instance();

    assertEquals("string:1", cached.text("1"));
    assertEquals("long:1", cached.text(1L));
    assertEquals("pair:1,2", cached.text("1", "2"));
    assertEquals("string:1", instance().text("1"));
    assertEquals("long:1", instance().text(1L));

    assertEquals(
        Set.of("shapes:v1:text(String):1", "shapes:v1:text(long):1", "shapes:v1:text(String,String):1:2"),
        redis.keys("shapes:v1:text*"));
    assertEquals(1, cached.stats("text(long)").misses());
    assertEquals(3, cached.stats("text").misses());
  }

  @Test
  void checkedExceptionsPassThroughAsTheSameInstanceAndAreNotCached() throws Exception {
    TieredShapes cached = instance();
    IOException failure = new IOException("disk on fire");
    database.failure = failure;

    assertSame(failure, assertThrows(IOException.class, () -> cached.checked(1)));
    CompletableFuture<Order> async = cached.checkedAsync(1);
    assertSame(failure, assertThrows(ExecutionException.class, () -> await(async)).getCause());

    database.failure = null;
    assertEquals(RecordingShapes.order(1), cached.checked(1));
    assertEquals(2, database.calls("checked"));
  }

  @Test
  void nestedInterfacesGetTheirOwnDecorator() {
    TieredShapes_Nested nested = new TieredShapes_Nested(database, CaffeineBackend.create(10), l2);

    assertEquals("abab", nested.echo("ab"));
    assertEquals("abab", nested.echo("ab"));
    assertEquals(1, database.calls("echo"));
    assertEquals(Set.of("nested:v1:echo:ab"), redis.keys("nested:*"));
  }

  @Test
  void parameterNamesMayClashWithTheGeneratorsOwnNames() {
    TieredShapes cached = instance();

    assertEquals("k+e+h+v+d+o", cached.clash("k", "e", "h", "v", "d", "o"));
    assertEquals("k+e+h+v+d+o", cached.clash("k", "e", "h", "v", "d", "o"));
    assertEquals(1, database.calls("clash"));
  }

  // ---------------------------------------------------------------- keys

  @Test
  void nullArgumentsAreDistinctFromTheStringNull() {
    TieredShapes cached = instance();

    assertEquals("null/null", cached.nullable(null, null));
    assertEquals("null/null", cached.nullable("null", null));
    assertEquals("null/1", cached.nullable(null, 1));
    TieredShapes other = instance();
    assertEquals("null/null", other.nullable(null, null));
    assertEquals("null/null", other.nullable("null", null));

    assertEquals(3, database.calls("nullable"));
    assertEquals(3, redis.keys("shapes:v1:nullable:*").size());
  }

  @Test
  void keysOfRecordsCollectionsMapsAndTimeAreStableAcrossInstances() {
    UUID id = UUID.fromString("00000000-0000-0000-0000-00000000002a");
    String first = instance().describe(id, List.of(1, 2), Map.of("a", 1));
    String second = instance().describe(id, new ArrayList<>(List.of(1, 2)), Map.of("a", 1));

    assertEquals(first, second);
    assertEquals(1, database.calls("describe"));
    assertEquals(Set.of("shapes:v1:describe:00000000-0000-0000-0000-00000000002a:[1,2]:[(a,1)]"),
        redis.keys("shapes:v1:describe:*"));
  }

  @Test
  void anArrayArgumentChangedAfterTheCallDoesNotChangeTheCachedKey() {
    TieredShapes cached = instance();
    int[] numbers = {1, 2};
    String first = cached.sumOf(numbers);
    numbers[0] = 5; // The caller reuses its array.

    assertEquals("3", first);
    assertEquals("7", cached.sumOf(numbers));
    assertEquals("3", cached.sumOf(new int[] {1, 2}));
    assertEquals(2, database.calls("sumOf"));
  }

  // ---------------------------------------------------------------- invalidate all

  @Test
  void invalidateAllRemovesEveryEntryOfTheNamedMethodsInThisAndOtherInstances() {
    TieredShapes here = instance();
    TieredShapes there = instance();
    here.text("a");
    here.text(2L);
    there.text("a");
    UUID id = UUID.randomUUID();
    here.describe(id, List.of(), Map.of());
    assertEquals(1, database.calls("text(String)"));

    here.resetTexts();

    assertEquals("string:a", here.text("a"));
    assertEquals("long:2", here.text(2L));
    assertEquals(2, database.calls("text(String)"), "this instance misses at once");
    assertEquals(2, database.calls("text(long)"));
    // Another instance learns the new generation from L2, within a second of its clock, on its next L1 miss.
    clock.advance(Duration.ofSeconds(2));
    assertEquals("string:b", there.text("b"));
    assertEquals(3, database.calls("text(String)"));
    assertTrue(there.stats().misses() >= 1);
    // A fresh instance reads the entry written after the reset, under the new generation.
    TieredShapes fresh = instance();
    assertEquals("string:a", fresh.text("a"));
    assertEquals(3, database.calls("text(String)"));
    assertEquals(1, fresh.stats().l2Hits());
    assertTrue(redis.keys("shapes:v1:text(String)#*").size() >= 2, "entries live under the new generation");
  }
}
