package dev.tiered.it.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.InvalidationStats.Subscription;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.testing.RedisServerProcess;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Two nodes over one standalone {@code redis-server}: every invalidation on one reaches the other's L1, fast and
 * without loss; nothing but invalidations is published; announcements lost in an outage are repaired.
 */
class StandaloneFleetTest {
  private static RedisServerProcess redis;
  private AccountStore store;
  private Node a;
  private Node b;

  @BeforeAll
  static void startRedis() {
    redis = RedisServerProcess.launch();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void startNodes() {
    redis.flushAll();
    store = new AccountStore();
    a = new Node(RedisBackend.connect(redis.uri()), store).awaitSubscribed();
    b = new Node(RedisBackend.connect(redis.uri()), store).awaitSubscribed();
  }

  @AfterEach
  void stopNodes() {
    a.close();
    b.close();
  }

  @Test
  void everyInvalidationReachesTheOtherNodesL1Within50MillisecondsAtP99() {
    int calls = Propagation.assertWithin50Millis(a, b, "standalone");

    assertEquals(calls, a.bus().published(), "one announcement per invalidating call");
    assertEquals(calls, b.bus().received());
  }

  @Test
  void onlyInvalidationsArePublished() {
    long before = commandCalls("publish");
    for (int i = 0; i < 1_500; i++) {
      Node node = i / 300 % 2 == 0 ? a : b;
      node.accounts.find(i % 300); // misses, then L2 hits and refills on the other node, then L1 hits
    }
    assertEquals(before, commandCalls("publish"), "1,500 loads and hits published nothing");
    assertTrue(a.accounts.stats().l1Hits() > 0 && b.accounts.stats().l2Hits() > 0, b.accounts.stats().toString());

    a.accounts.rename(7, "seven");
    assertEquals(before + 1, commandCalls("publish"));
  }

  @Test
  void anInvalidationOfSeveralMethodsIsOneAnnouncementThatEvictsThemAll() {
    for (long id = 1; id <= 2; id++) {
      b.accounts.find(id);
      b.accounts.owner(id);
    }
    long published = commandCalls("publish");
    long evicted = b.bus().evicted();
    long received = b.bus().received();

    a.accounts.transfer(1, "new");

    assertEquals(published + 1, commandCalls("publish"), "one PUBLISH for the call's two methods");
    Node.await(() -> b.bus().evicted() == evicted + 2, () -> "node B evicted find(1) and owner(1): " + b.bus());
    assertEquals("new@1", b.accounts.find(1));
    assertEquals("NEW@1", b.accounts.owner(1));
    assertEquals("first@2", b.accounts.find(2), "other keys stay");
    assertEquals(received + 1, b.bus().received(), "node B heard one message");
  }

  @Test
  void announcementsLostInAnOutageAreRepairedOnceRedisIsBack() {
    for (long id = 0; id < 10; id++) {
      b.accounts.find(id);
    }
    long repairs = b.bus().repairs();

    redis.stop();
    // Node A's database changes while Redis is down: neither the L2 removal nor the announcement gets through.
    a.accounts.rename(3, "changed");
    assertEquals("first@3", b.accounts.find(3), "node B serves its L1 meanwhile");
    assertTrue(a.bus().publishFailures() > 0, a.bus().toString());
    redis.start();

    Node.await(() -> b.bus().repairs() > repairs && b.bus().subscription() == Subscription.SUBSCRIBED,
        () -> "node B repaired its L1: " + b.bus());
    assertEquals("changed@3", b.accounts.find(3), "no pre-outage entry outlives the invalidation");
    long finds = store.finds();
    b.accounts.find(4);
    assertEquals(finds + 1, store.finds(), "every pre-outage entry was cleared, not just the renamed one");
  }

  @Test
  void aLoadThatRacedAnInvalidationLeavesNothingInL1() throws Exception {
    CountDownLatch read = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    store.afterRead(() -> {
      if (Thread.currentThread().getName().equals("racing-load")) {
        read.countDown();
        await(release);
      }
    });
    CompletableFuture<String> load = new CompletableFuture<>();
    Thread loader = new Thread(() -> load.complete(b.accounts.find(5)), "racing-load");
    loader.start();
    await(read); // node B's load has read "first" and is held before writing the tiers

    long evicted = b.bus().evicted();
    long received = b.bus().received();
    a.accounts.rename(5, "renamed");
    Node.await(() -> b.bus().received() > received, () -> "node B heard the rename");
    assertEquals(evicted, b.bus().evicted(), "nothing to evict yet: the load has not written L1");
    release.countDown();
    assertEquals("first@5", load.get(10, TimeUnit.SECONDS), "the caller gets what the delegate answered");

    long l1Hits = b.accounts.stats().l1Hits();
    assertNotEquals("first@5", b.accounts.find(5), "the raced value never reached L1 (nor was it served again)");
    assertEquals(l1Hits, b.accounts.stats().l1Hits());
  }

  @Test
  void syncNoneKeepsEachL1ToItself() {
    try (RedisBackend redisA = RedisBackend.connect(redis.uri());
         RedisBackend redisB = RedisBackend.connect(redis.uri())) {
      TieredLocalAccounts noneA = new TieredLocalAccounts(store, CaffeineBackend.create(100), redisA);
      TieredLocalAccounts noneB = new TieredLocalAccounts(store, CaffeineBackend.create(100), redisB);
      noneB.find(1);
      long published = commandCalls("publish");

      noneA.rename(1, "renamed");

      assertEquals("first@1", noneB.find(1), "node B's L1 keeps its entry until l1Ttl");
      assertEquals(1, noneB.stats().l1Hits());
      assertEquals(published, commandCalls("publish"), "nothing announced");
      assertEquals(Subscription.IDLE, redisB.invalidations().subscription(), "nothing subscribed either");

      // The same interface with the default INVALIDATE: the difference is the policy alone.
      TieredAccounts syncA = new TieredAccounts(store, CaffeineBackend.create(100), a.redis);
      TieredAccounts syncB = new TieredAccounts(store, CaffeineBackend.create(100), b.redis);
      syncB.find(2);
      syncA.rename(2, "renamed");
      Node.await(() -> syncB.find(2).equals("renamed@2"), () -> "node B evicted entry 2");
    }
  }

  @Test
  void theKeyPrefixSeparatesKeysAndChannels() {
    try (Node shop = new Node(RedisBackend.builder().uri(redis.uri()).keyPrefix("shop:").build(), store);
         Node shopToo = new Node(RedisBackend.builder().uri(redis.uri()).keyPrefix("shop:").build(), store)) {
      shop.awaitSubscribed();
      shopToo.awaitSubscribed();
      shop.accounts.find(1);
      assertEquals(Set.of("shop:accounts:v1:find:1"), redis.keys("shop:*"));
      assertEquals(Set.of(), redis.keys("accounts:*"));
      b.accounts.find(1);
      shopToo.accounts.find(1);

      shop.accounts.rename(1, "shop-renamed");

      Node.await(() -> shopToo.accounts.find(1).equals("shop-renamed@1"), () -> "the other shop node heard it");
      assertEquals(1, b.accounts.stats().misses());
      assertEquals("first@1", b.accounts.find(1), "a node without the prefix hears nothing of it");
      assertEquals(0, b.bus().received());
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** How many times the server ran {@code command}, from {@code INFO commandstats}. */
  private static long commandCalls(String command) {
    try (Jedis jedis = new Jedis(URI.create(redis.uri()))) {
      Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(jedis.info("commandstats"));
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
  }
}
