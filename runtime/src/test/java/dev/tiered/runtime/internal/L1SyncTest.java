package dev.tiered.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.internal.MethodCacheTest.IdKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The L1 side of {@code SyncPolicy.INVALIDATE}, two "nodes" in one JVM on a bus that delivers at once: what one
 * announces, the other evicts through its index; a load that raced an announcement writes neither tier.
 */
class L1SyncTest {
  private final BytesBackend shared = new BytesBackend(false);
  private final LoopbackBus bus = new LoopbackBus();
  private final List<MethodCache<?>> opened = new ArrayList<>();

  @AfterEach
  void closeNodes() {
    opened.forEach(MethodCache::close); // their leases on the shared executor, and their place on the bus
    assertTrue(bus.members.isEmpty(), "closed decorators left the bus");
  }

  /** Delivers each announcement to every other member, synchronously. */
  private static final class LoopbackBus implements InvalidationBus {
    final List<Member> members = new ArrayList<>();
    int announcements;

    @Override
    public Channel join(String cacheName, Member member) {
      members.add(member);
      return new Channel() {
        @Override
        public void awaitFirstSubscription() {}

        @Override
        public void invalidated(List<Change> changes) {
          announcements++;
          for (Change change : changes) {
            members.stream().filter(m -> m != member).forEach(m -> {
              if (change.isAll()) {
                m.invalidatedAll(change.method(), change.generation());
              } else {
                m.invalidated(change.method(), change.argumentParts());
              }
            });
          }
        }

        @Override
        public void leave() {
          members.remove(member);
        }
      };
    }
  }

  private MethodCache<Integer> node() {
    CacheContext context =
        new CacheContext("users", 1, CaffeineBackend.create(100), shared, TieredOptions.defaults(), bus);
    MethodCache<Integer> node =
        context.method("score", ValueType.of(Integer.class)).ttl(Duration.ofMinutes(10)).build();
    opened.add(node);
    return node;
  }

  /** A miss of both tiers, then the delegate's {@code value} written to both: what a generated method does. */
  private static void load(MethodCache<Integer> node, long id, int value) {
    IdKey key = new IdKey(node.space(), id);
    assertNull(node.readL1(key));
    assertNull(node.readL2(key));
    node.load(key, () -> {
      node.writeBoth(key, node.newEntry(value));
      return value;
    });
  }

  @Test
  void aKeyInvalidatedOnOneNodeLeavesTheOthersL1() {
    MethodCache<Integer> a = node();
    MethodCache<Integer> b = node();
    load(b, 1, 10);
    load(b, 2, 20);

    a.invalidate(new IdKey(a.space(), 1));

    assertNull(b.readL1(new IdKey(b.space(), 1)), "evicted through the index, by readable key");
    assertNotNull(b.readL1(new IdKey(b.space(), 2)), "other keys stay");
    assertEquals(1, bus.announcements);
  }

  @Test
  void anInvalidatingCallWithSeveralTargetsIsOneAnnouncement() {
    CacheContext here = new CacheContext("users", 1, CaffeineBackend.create(100), shared, TieredOptions.defaults(), bus);
    CacheContext there = new CacheContext("users", 1, CaffeineBackend.create(100), shared, TieredOptions.defaults(), bus);
    MethodCache<Integer> score = method(here, "score");
    MethodCache<Integer> rank = method(here, "rank");
    MethodCache<Integer> scoreThere = method(there, "score");
    MethodCache<Integer> rankThere = method(there, "rank");
    load(scoreThere, 1, 10);
    load(scoreThere, 2, 20);
    load(scoreThere, 3, 30);
    load(rankThere, 1, 1);

    // What a generated method with the targets score(1), score(2) and all of rank does.
    Invalidation invalidation = new Invalidation();
    score.invalidate(new IdKey(score.space(), 1), invalidation);
    score.invalidate(new IdKey(score.space(), 2), invalidation);
    rank.invalidateAll(invalidation);
    assertEquals(0, bus.announcements, "nothing is announced before the call's removals are all done");
    invalidation.announce();

    assertEquals(1, bus.announcements);
    assertNull(scoreThere.readL1(new IdKey(scoreThere.space(), 1)));
    assertNull(scoreThere.readL1(new IdKey(scoreThere.space(), 2)));
    assertNotNull(scoreThere.readL1(new IdKey(scoreThere.space(), 3)), "other keys stay");
    assertNull(rankThere.readL1(new IdKey(rankThere.space(), 1)));
    assertEquals(rank.space().generation(), rankThere.space().generation(), "followed to the new generation");
    invalidation.announce();
    assertEquals(1, bus.announcements, "a batch is announced once");
  }

  private MethodCache<Integer> method(CacheContext context, String name) {
    MethodCache<Integer> method = context.method(name, ValueType.of(Integer.class)).ttl(Duration.ofMinutes(10)).build();
    opened.add(method);
    return method;
  }

  @Test
  void invalidateAllMovesTheOtherNodesToTheNewGenerationAtOnce() {
    MethodCache<Integer> a = node();
    MethodCache<Integer> b = node();
    load(b, 1, 10);

    a.invalidateAll();

    assertEquals(a.space().generation(), b.space().generation());
    assertNull(b.readL1(new IdKey(b.space(), 1)));
  }

  @Test
  void aLoadThatRacedAnInvalidationWritesNeitherTier() {
    MethodCache<Integer> a = node();
    MethodCache<Integer> b = node();
    IdKey key = new IdKey(b.space(), 1);
    assertNull(b.readL1(key));
    assertNull(b.readL2(key)); // a miss of both tiers stamps the call

    Integer value = b.load(key, () -> {
      a.invalidate(new IdKey(a.space(), 1)); // announced while node B's delegate runs
      assertFalse(b.writeBoth(key, b.newEntry(10)), "neither tier took the raced value");
      return 10;
    });

    assertEquals(10, value, "the caller still gets it");
    assertNull(b.readL1(new IdKey(b.space(), 1)));
    assertTrue(shared.stored.isEmpty());
    load(b, 1, 11);
    assertEquals(11, b.readL1(new IdKey(b.space(), 1)).value(), "the next load is cached as usual");
  }

  @Test
  void aRepairClearsEveryEntryTheNodeWroteToL1() {
    MethodCache<Integer> b = node();
    load(b, 1, 10);
    load(b, 2, 20);

    assertEquals(2, bus.members.get(0).repair());

    assertNull(b.readL1(new IdKey(b.space(), 1)));
    assertNull(b.readL1(new IdKey(b.space(), 2)));
  }

  @Test
  void anL2HitCopiedToL1IsEvictedToo() {
    MethodCache<Integer> a = node();
    MethodCache<Integer> b = node();
    load(a, 1, 10);
    IdKey key = new IdKey(b.space(), 1);
    assertNull(b.readL1(key));
    b.refillL1(key, b.readL2(key));
    assertNotNull(b.readL1(new IdKey(b.space(), 1)));

    a.invalidate(new IdKey(a.space(), 1));

    assertNull(b.readL1(new IdKey(b.space(), 1)));
  }
}
