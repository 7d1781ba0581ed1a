package dev.tiered.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredStats;
import dev.tiered.testing.ManualClock;
import dev.tiered.testing.RedisServerProcess;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The foundation's behaviour: generated decorators over Caffeine and a real redis-server started for the class. */
class FoundationTest {
  private static RedisServerProcess redis;

  private RedisBackend l2;
  private CountingDirectory database;

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
    database = new CountingDirectory("db");
  }

  @AfterEach
  void tearDown() {
    l2.close();
  }

  private TieredDirectory directory(CaffeineBackend l1) {
    return new TieredDirectory(database, l1, l2);
  }

  /** How many GET commands the server has answered: proof of whether L2 was read. */
  private static long redisGets() {
    try (Jedis jedis = new Jedis(URI.create(redis.uri()))) {
      Matcher m = Pattern.compile("cmdstat_get:calls=(\\d+)").matcher(jedis.info("commandstats"));
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
  }

  @Test
  void missCallsTheDelegateOnceAndWritesBothTiers() {
    TieredDirectory cached = directory(CaffeineBackend.create(100));

    Person first = cached.find(7);

    assertEquals(1, database.calls("find"));
    assertEquals(Set.of("dir:v1:find:7"), redis.keys("dir:*"));
    // L1 took it too: the next call is an L1 hit, without the delegate.
    assertEquals(first, cached.find(7));
    assertEquals(1, database.calls("find"));
    TieredStats stats = cached.stats("find");
    assertEquals(1, stats.misses());
    assertEquals(1, stats.l1Hits());
  }

  @Test
  void l1HitTouchesNeitherL2NorTheDelegate() {
    TieredDirectory cached = directory(CaffeineBackend.create(100));
    cached.find(1);
    long getsBefore = redisGets();

    for (int i = 0; i < 5; i++) {
      cached.find(1);
    }

    assertEquals(getsBefore, redisGets());
    assertEquals(1, database.calls("find"));
    assertEquals(5, cached.stats().l1Hits());
    assertEquals(0, cached.stats().l2Hits());
  }

  @Test
  void l2HitRefillsL1WhenRefillIsAlways() {
    directory(CaffeineBackend.create(100)).find(3);
    TieredDirectory other = directory(CaffeineBackend.create(100)); // another instance: fresh L1, same Redis

    Person fromL2 = other.find(3);
    long getsAfterL2Hit = redisGets();
    Person fromL1 = other.find(3);

    assertEquals(fromL2, fromL1);
    assertEquals(1, database.calls("find"));
    assertEquals(1, other.stats().l2Hits());
    assertEquals(1, other.stats().l1Hits());
    assertEquals(getsAfterL2Hit, redisGets(), "the second call must be answered by the refilled L1");
  }

  @Test
  void l2HitDoesNotRefillL1WhenRefillIsNever() {
    directory(CaffeineBackend.create(100)).findNoRefill(3);
    TieredDirectory other = directory(CaffeineBackend.create(100));

    other.findNoRefill(3);
    other.findNoRefill(3);

    assertEquals(1, database.calls("findNoRefill"));
    assertEquals(2, other.stats().l2Hits());
    assertEquals(0, other.stats().l1Hits());
  }

  @Test
  void redisKeyStartsWithTheCacheNameAndCarriesTheTtl() {
    directory(CaffeineBackend.create(100)).find(11);

    String key = "dir:v1:find:11";
    assertTrue(redis.keys("dir:*").contains(key));
    long pttl = redis.pttl(key);
    assertTrue(pttl > Duration.ofMinutes(9).toMillis() && pttl <= Duration.ofMinutes(10).toMillis(), "pttl " + pttl);
  }

  @Test
  void invalidateRemovesTheEntryFromBothTiers() {
    TieredDirectory cached = directory(CaffeineBackend.create(100));
    assertEquals("db-5", cached.find(5).name());

    cached.rename(5, "Ada");

    assertEquals(Set.of(), redis.keys("dir:v1:find:*"));
    assertEquals("Ada", cached.find(5).name());
    assertEquals(2, database.calls("find"));
  }

  @Test
  void bypassIsNeverCached() {
    TieredDirectory cached = directory(CaffeineBackend.create(100));

    cached.live(1);
    cached.live(1);

    assertEquals(2, database.calls("live"));
    assertEquals(Set.of(), redis.keys("dir:*"));
    assertEquals(TieredStats.empty().toString(), cached.stats().toString());
  }

  @Test
  void distinctArgumentTuplesNeverShareAnEntry() {
    TieredDirectory cached = directory(CaffeineBackend.create(100));
    String[][] tuples = {
      {"a:b", "c"}, {"a", "b:c"}, {"a\\", ":c"}, {"a\\:", "c"}, {null, "x"}, {"null", "x"}, {"\\N", "x"}, {"", ""},
      {"a,b", "c"}, {"a", ",b,c"}, {"(a)", "[b]"},
    };
    for (String[] t : tuples) {
      assertEquals(t[0] + "|" + t[1], cached.join(t[0], t[1]));
    }
    // A second instance reads every tuple from L2 alone, where only the readable key tells them apart.
    TieredDirectory other = directory(CaffeineBackend.create(100));
    for (String[] t : tuples) {
      assertEquals(t[0] + "|" + t[1], other.join(t[0], t[1]));
    }
    assertEquals(tuples.length, database.calls("join"));
    assertEquals(tuples.length, redis.keys("dir:v1:join:*").size());
    assertEquals(tuples.length, other.stats().l2Hits());
  }

  @Test
  void cachesWithDifferentNamesNeverSeeEachOthersEntries() {
    CaffeineBackend sharedL1 = CaffeineBackend.create(100);
    CountingDirectory archiveDatabase = new CountingDirectory("archive");
    TieredDirectory directory = directory(sharedL1);
    TieredArchive archive = new TieredArchive(archiveDatabase, sharedL1, l2);

    Person fromDirectory = directory.find(1);
    Person fromArchive = archive.find(1);

    assertEquals("db-1", fromDirectory.name());
    assertEquals("archive-1", fromArchive.name());
    assertEquals(Set.of("dir:v1:find:1", "archive:v1:find:1"), redis.keys("*"));
    // And a fresh instance of each reads its own entry from L2.
    assertEquals("archive-1", new TieredArchive(archiveDatabase, CaffeineBackend.create(10), l2).find(1).name());
  }

  @Test
  void entriesExpireByTheDecoratorsClock() {
    ManualClock clock = new ManualClock();
    TieredDirectory cached = TieredDirectory.builder()
        .delegate(database).l1(CaffeineBackend.create(100)).l2(l2).clock(clock).build();
    Person first = cached.find(9);

    clock.advance(Duration.ofMinutes(9));
    assertEquals(first, cached.find(9));
    assertEquals(1, database.calls("find"));

    clock.advance(Duration.ofMinutes(2));
    Person reloaded = cached.find(9);

    assertNotEquals(first, reloaded, "an expired entry is a miss in both tiers");
    assertEquals(2, database.calls("find"));
  }

  @Test
  void l1TtlExpiresL1BeforeL2() {
    ManualClock clock = new ManualClock();
    TieredDirectory cached = TieredDirectory.builder()
        .delegate(database).l1(CaffeineBackend.create(100)).l2(l2).clock(clock).build();
    Person first = cached.findShortL1(4);

    clock.advance(Duration.ofMinutes(2)); // past l1Ttl = 1m, within ttl = 10m

    assertEquals(first, cached.findShortL1(4));
    assertEquals(1, database.calls("findShortL1"));
    assertEquals(1, cached.stats("findShortL1").l2Hits());
  }
}
