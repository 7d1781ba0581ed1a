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
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.ValueType;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pieces generated code composes, driven by hand the way a generated method drives them. */
class MethodCacheTest {
  private final List<MethodCache<?>> opened = new ArrayList<>();

  private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
  private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
  private final BytesBackend shared = new BytesBackend(false);

  /** The key of a method with one {@code long} argument. */
  static final class IdKey extends MethodKey {
    private final long id;

    IdKey(KeySpace space, long id) {
      super(space);
      this.id = id;
    }

    @Override
    protected int argumentsHash() {
      return Long.hashCode(id);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof IdKey that && sameSpace(that) && id == that.id;
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(id);
    }
  }

  private MethodCache<Integer> score(boolean cacheNulls) {
    TieredOptions options = TieredOptions.builder().clock(clock).build();
    CacheContext context = new CacheContext("users", 1, CaffeineBackend.create(100), shared, options);
    CacheContext.MethodSettings settings =
        context.method("score", ValueType.of(Integer.class)).ttl(Duration.ofMinutes(10));
    MethodCache<Integer> made = (cacheNulls ? settings.cacheNulls() : settings).build();
    opened.add(made);
    return made;
  }

  /** Releases the shared executor after each test, so that SharedExecutorTest can count its threads. */
  @AfterEach
  void closeCaches() {
    opened.forEach(MethodCache::close);
  }

  @Test
  void aLoadThatCallsBackForItsOwnKeyFailsAtOnceAndTheKeyStaysUsable() {
    MethodCache<Integer> score = score(false);
    IdKey key = new IdKey(score.space(), 7);

    IllegalStateException recursive = assertThrows(IllegalStateException.class,
        () -> score.load(key, () -> score.load(key, () -> 1)));

    assertTrue(recursive.getMessage().contains("users.score"), recursive.getMessage());
    assertTrue(recursive.getMessage().contains("users:v1:score:7"), recursive.getMessage());
    assertEquals(42, score.load(key, () -> 42));
  }

  @Test
  void anAsynchronousLoadThatCallsBackForItsOwnKeyFailsInsteadOfWaitingForItself() throws Exception {
    MethodCache<Integer> score = score(false);
    IdKey key = new IdKey(score.space(), 7);

    CompletableFuture<Integer> outer = score.loadAsync(key, () -> score.loadAsync(key, () -> null));

    ExecutionException failed = assertThrows(ExecutionException.class, () -> outer.get(5, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, failed.getCause());
    assertEquals(42, score.loadAsync(key, () -> CompletableFuture.completedFuture(42)).get(5, TimeUnit.SECONDS));
  }

  @Test
  void aCachedNullUnderAMethodThatDoesNotCacheNullsIsACorruptEntry() {
    // Build A cached nulls under this key (@Cached(cacheNulls = true) Integer score); build B returns int.
    MethodCache<Integer> buildA = score(true);
    IdKey keyA = new IdKey(buildA.space(), 3);
    assertTrue(buildA.writeL2(keyA, buildA.newEntry(null)));
    MethodCache<Integer> buildB = score(false);
    IdKey keyB = new IdKey(buildB.space(), 3);

    assertNull(buildB.readL2(keyB));

    assertEquals(1, buildB.stats().l2Errors());
    assertFalse(shared.stored.containsKey("users:v1:score:3"), "the corrupt entry is deleted");
    assertNull(buildA.readL2(keyA), "and so gone for build A too, which reloads it");
  }

  @Test
  void aCachedNullIsServedWhereTheMethodCachesNulls() {
    MethodCache<Integer> score = score(true);
    IdKey key = new IdKey(score.space(), 3);
    score.writeL2(key, score.newEntry(null));

    Entry<Integer> entry = score.readL2(key);

    assertNull(entry.value());
    assertEquals(0, score.stats().l2Errors());
  }

  @Test
  void invalidateAllMovesEveryInstanceToANewGenerationThroughL2() {
    MethodCache<Integer> a = score(false);
    MethodCache<Integer> b = score(false);
    b.shareGeneration();
    IdKey before = new IdKey(b.space(), 1);

    a.invalidateAll();
    now.addAndGet(1_001); // b asks L2 at most once a second
    b.readL2(new IdKey(b.space(), 1));

    assertEquals(a.space().generation(), b.space().generation());
    assertFalse(before.equals(new IdKey(b.space(), 1)), "keys of the old generation no longer match");
    long first = a.space().generation();
    b.invalidateAll();
    assertTrue(b.space().generation() > first, "generations only move forward");
  }

  @Test
  void aCorruptSharedGenerationIsDeleted() {
    MethodCache<Integer> a = score(false);
    a.shareGeneration();
    shared.stored.put("users:v1:score#generation", new byte[] {1, 2, 3});

    a.readL2(new IdKey(a.space(), 1));

    assertFalse(shared.stored.containsKey("users:v1:score#generation"));
    assertEquals(1, a.stats().l2Errors());
    assertEquals(0, a.space().generation());
  }

  @Test
  void aSharedGenerationFarAheadOfTheClockIsRejectedSoItCannotOverflow() {
    MethodCache<Integer> a = score(false);
    MethodCache<Integer> b = score(false);
    a.shareGeneration();
    b.shareGeneration();
    ValueCodec<Long> codec = ValueCodec.of(TieredOptions.defaults().format(), ValueType.of(Long.class));
    shared.stored.put("users:v1:score#generation",
        codec.encode(new Entry<>(Long.MAX_VALUE, Long.MAX_VALUE, Entry.NEVER)));

    a.readL2(new IdKey(a.space(), 1));
    assertEquals(0, a.space().generation(), "not followed");
    assertFalse(shared.stored.containsKey("users:v1:score#generation"), "deleted");

    a.invalidateAll();
    now.addAndGet(1_001);
    b.readL2(new IdKey(b.space(), 1));
    assertEquals(a.space().generation(), b.space().generation(), "invalidations still reach every instance");
  }

  @Test
  void aFullExecutorSkipsRemoteTierWorkAndCountsItWithoutFailingTheCall() throws Exception {
    TieredOptions options = TieredOptions.builder()
        .clock(clock)
        .executor(task -> {
          throw new RejectedExecutionException("full");
        })
        .build();
    BytesBackend remote = new BytesBackend(true);
    CacheContext context = new CacheContext("users", 1, CaffeineBackend.create(100), remote, options);
    MethodCache<Integer> score =
        context.method("score", ValueType.of(Integer.class)).ttl(Duration.ofMinutes(10)).build();
    IdKey key = new IdKey(score.space(), 1);

    assertNull(score.readL2Async(key).get(1, TimeUnit.SECONDS));
    assertFalse(score.writeL2Async(key, score.newEntry(5)).get(1, TimeUnit.SECONDS));
    assertTrue(score.writeL1Async(key, score.newEntry(5)).get(1, TimeUnit.SECONDS), "in-process L1 runs inline");

    assertEquals(2, score.stats().skipped());
    assertEquals(0, score.stats().l2Errors());
  }

  @Test
  void keysOfDifferentGenerationsAndMethodsNeverMatch() {
    MethodCache<Integer> score = score(false);
    IdKey key = new IdKey(score.space(), 1);
    assertEquals(key, new IdKey(score.space(), 1));
    assertEquals(key.hashCode(), new IdKey(score.space(), 1).hashCode());
    assertEquals("users:v1:score:1", key.toString());
    assertSame("users", key.cacheName());

    score.invalidateAll();

    IdKey after = new IdKey(score.space(), 1);
    assertFalse(key.equals(after));
    assertEquals("users:v1:score#" + score.space().generation() + ":1", after.toString());
  }
}
