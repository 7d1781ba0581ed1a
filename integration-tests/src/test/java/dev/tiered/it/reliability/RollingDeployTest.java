package dev.tiered.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.it.reliability.Tags.Tag;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.testing.RedisServerProcess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entries written by another build of the same cache, and arguments chosen to collide: what a rolling deploy or a
 * hostile caller puts in Redis must never reach a caller as a wrong value or an exception.
 */
class RollingDeployTest {
  private static RedisServerProcess redis;
  private RedisBackend l2;

  @BeforeAll
  static void startRedis() {
    redis = RedisServerProcess.launch();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void connect() {
    redis.flushAll();
    l2 = RedisBackend.connect(redis.uri());
  }

  @AfterEach
  void close() {
    l2.close();
  }

  @Test
  void aListOfAnotherElementTypeIsACorruptEntryNotAHit() {
    TieredTagNames buildA = new TieredTagNames(new TagNames() {
      @Override
      public List<String> tags(long id) {
        return List.of("red", "blue");
      }

      @Override
      public Map<String, List<String>> groups(long id) {
        return Map.of("colours", List.of("red"));
      }
    }, CaffeineBackend.create(100), l2);
    TieredTags buildB = new TieredTags(new Tags() {
      @Override
      public List<Tag> tags(long id) {
        return List.of(new Tag("green"));
      }

      @Override
      public Map<String, List<Tag>> groups(long id) {
        return Map.of("colours", List.of(new Tag("green")));
      }
    }, CaffeineBackend.create(100), l2);
    buildA.tags(1);
    buildA.groups(1);

    // Before: B served A's List<String> as a List<Tag>, and its callers failed with ClassCastException.
    Tag first = buildB.tags(1).get(0);
    Tag grouped = buildB.groups(1).get("colours").get(0);

    assertEquals(new Tag("green"), first);
    assertEquals(new Tag("green"), grouped);
    assertEquals(2, buildB.stats().l2Errors(), "both entries were corrupt for B");
    assertEquals(0, buildB.stats().l2Hits());
    assertEquals(new Tag("green"), buildB.tags(1).get(0), "B's own value is cached now");
  }

  @Test
  void aCachedNullUnderAPrimitiveMethodIsACorruptEntryNotANullPointerException() {
    TieredScoresWithNulls buildA = new TieredScoresWithNulls(name -> null, CaffeineBackend.create(100), l2);
    TieredScores buildB = new TieredScores(name -> 7, CaffeineBackend.create(100), l2);
    assertNull(buildA.score("ann"));

    // Before: the decorator unboxed the cached null and threw NullPointerException to B's caller.
    assertEquals(7, buildB.score("ann"));
    assertEquals(1, buildB.stats().l2Errors());
    assertEquals(7, buildB.score("ann"));
  }

  @Test
  void argumentsThatUtf8CannotCarryStillMakeDistinctKeys() {
    AtomicInteger calls = new AtomicInteger();
    Soak echo = new SoakService(calls);
    TieredSoak nodeA = new TieredSoak(echo, CaffeineBackend.create(100), l2);
    TieredSoak nodeB = new TieredSoak(echo, CaffeineBackend.create(100), l2);

    assertEquals("echo:what?", nodeA.echo("what?"));
    // Before: "what\uD800" became "what?" in UTF-8 and read the other caller's entry from L2.
    assertEquals("echo:what\uD800", nodeB.echo("what\uD800"));
    assertEquals(2, calls.get());
    assertEquals(2, redis.keys("soak:*").size());
  }

  @Test
  void aDelegateThatCallsBackForItsOwnKeyFailsFastAndTheKeyStaysUsable() throws Exception {
    AtomicReference<Soak> decorator = new AtomicReference<>();
    AtomicInteger depth = new AtomicInteger();
    Soak reentrant = new SoakService(new AtomicInteger()) {
      @Override
      public String find(long id) {
        if (depth.getAndIncrement() == 0) {
          return decorator.get().find(id); // the bug: a delegate calling its own decorator
        }
        return super.find(id);
      }

      @Override
      public CompletableFuture<String> findAsync(long id) {
        if (depth.getAndIncrement() == 0) {
          return decorator.get().findAsync(id);
        }
        return super.findAsync(id);
      }
    };
    TieredSoak cached = new TieredSoak(reentrant, CaffeineBackend.create(100), l2);
    decorator.set(cached);

    // Before: this call, and every later call of the key, waited forever.
    IllegalStateException recursive = assertThrows(IllegalStateException.class, () -> cached.find(1));
    assertTrue(recursive.getMessage().contains("soak.find"), recursive.getMessage());
    assertEquals("find:1", cached.find(1));

    depth.set(0);
    Throwable asyncFailure = assertThrows(Exception.class, () -> cached.findAsync(2).join()).getCause();
    assertTrue(asyncFailure instanceof IllegalStateException, String.valueOf(asyncFailure));
    assertEquals("findAsync:2", cached.findAsync(2).join());
    assertNotEquals(0, cached.stats().delegateFailures());
  }
}
