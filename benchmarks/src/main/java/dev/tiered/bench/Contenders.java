package dev.tiered.bench;

import dev.tiered.bench.peers.JetCacheApiUsers;
import dev.tiered.bench.peers.JetCacheUsers;
import dev.tiered.bench.peers.SpringUsers;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.InvalidationStats;
import dev.tiered.runtime.InvalidationStats.Subscription;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredCache;
import dev.tiered.runtime.TieredStats;
import dev.tiered.testing.ManualClock;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import redis.clients.jedis.JedisPooled;

/**
 * The contenders of the L1-hit benchmarks, one JMH state each, so that a fork builds only the one it measures
 * (a Spring context is not started to measure the generated decorator). Each is warmed with every key of both
 * methods before measurement, so every measured call is a hit in the in-process tier.
 */
public final class Contenders {
  private Contenders() {}

  /** Calls every key of both methods once: the misses that fill the caches. */
  static void warm(UserService users) {
    for (int i = 0; i < Keys.COUNT; i++) {
      users.find(Keys.id(i));
      users.search(Keys.name(i), Keys.kind(i));
    }
  }

  /** Calls every key of {@code find} once: a cache holding the ids alone, as the floor's table of ids does. */
  static void warmFind(UserService users) {
    for (int i = 0; i < Keys.COUNT; i++) {
      users.find(Keys.id(i));
    }
  }

  /**
   * The delegate of a contender: the {@link Database}, counting the calls that reach it. Only misses reach it, so
   * the count costs a hit nothing; after the trial it proves that every measured call was a hit (a misconfigured
   * peer that quietly calls through would otherwise look fast). It is an {@link UnsyncedUsers} and an {@link
   * AgingUsers}, which add nothing to {@link UserService}, so that it serves those decorators too.
   */
  static final class Counting implements UnsyncedUsers, AgingUsers {
    private final LongAdder calls = new LongAdder();

    @Override
    public User find(long id) {
      calls.increment();
      return Database.INSTANCE.find(id);
    }

    @Override
    public User search(String name, Kind kind) {
      calls.increment();
      return Database.INSTANCE.search(name, kind);
    }

    /** The calls that reached the delegate so far. */
    long calls() {
      return calls.sum();
    }

    /** Fails unless only the warm-up's misses reached the delegate. */
    void checkOnlyWarmUpMissed(String contender) {
      if (calls.sum() > 2L * Keys.COUNT) {
        throw new IllegalStateException(contender + " called the delegate " + calls.sum() + " times for "
            + 2 * Keys.COUNT + " keys: measured calls were not all cache hits");
      }
    }
  }

  /** The generated decorator, {@code TieredUserService}: Caffeine L1, Redis L2. */
  @State(Scope.Benchmark)
  public static class Generated {
    final Counting db = new Counting();
    JedisPooled jedis;
    RedisBackend l2;
    TieredUserService users;

    @Setup(Level.Trial)
    public void setUp() {
      jedis = Redis.client();
      jedis.flushAll();
      l2 = RedisBackend.create(jedis);
      users = new TieredUserService(db, CaffeineBackend.create(10_000), l2);
      fill();
    }

    /** Fills the caches before measurement: every key of both methods. */
    void fill() {
      warm(users);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      checkOnlyL1Hits(users, db, l2, Subscription.SUBSCRIBED);
      jedis.close();
    }
  }

  /**
   * {@link Generated} holding {@code find}'s entries alone: what the thread rows measure. The bare floor keeps each
   * method's entries in a table of its own, so its table of ids holds ids alone; the generated decorator's L1 is one
   * table for every method (one size bound), where {@code search}'s entries would share bins with the ids. Filling
   * only {@code find} compares the two lookups over the same entries, as the harness (one method, 1,024
   * ids) did; {@link Generated}, both methods filled, is measured beside it for information.
   */
  @State(Scope.Benchmark)
  public static class GeneratedFinds extends Generated {
    @Override
    void fill() {
      warmFind(users);
    }
  }

  /**
   * The generated decorator of {@link AgingUsers} after its entries went stale and expired, round after round, while
   * the JIT profiled it: as in an application that has run for a while, its code that handles a stale or an expired
   * entry has run. Then every entry is written afresh and only hits are measured, which must cost what {@link
   * Generated}'s do: a hit's key stays off the heap only if that code does not take it. Its clock is a manual one,
   * stepped past the stale time and the ttl.
   */
  @State(Scope.Benchmark)
  public static class Aged {
    private static final int ROUNDS = 8;
    final Counting db = new Counting();
    final ManualClock clock = new ManualClock();
    JedisPooled jedis;
    RedisBackend l2;
    TieredAgingUsers users;
    private long callsBefore;
    private TieredStats statsBefore;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
      jedis = Redis.client();
      jedis.flushAll();
      l2 = RedisBackend.create(jedis);
      users = TieredAgingUsers.builder().delegate(db).l1(CaffeineBackend.create(10_000)).l2(l2).clock(clock).build();
      for (int round = 0; round < ROUNDS; round++) {
        readAll(2); // a miss or an expired entry, then a fresh hit
        clock.advance(Duration.ofMinutes(6));
        readAll(1); // stale hits, refreshed in the background
        clock.advance(Duration.ofMinutes(11));
      }
      readAll(1); // every entry expired: loaded afresh
      Thread.sleep(500); // the last refreshes land
      callsBefore = db.calls();
      statsBefore = users.stats();
    }

    private void readAll(int times) {
      for (int i = 0; i < Keys.COUNT; i++) {
        for (int t = 0; t < times; t++) {
          users.find(Keys.id(i));
        }
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      TieredStats stats = users.stats();
      if (db.calls() != callsBefore || stats.misses() != statsBefore.misses()
          || stats.l2Hits() != statsBefore.l2Hits() || stats.staleHits() != statsBefore.staleHits()) {
        throw new IllegalStateException("the aged decorator served more than fresh L1 hits: " + stats);
      }
      users.close();
      jedis.close();
    }
  }

  /**
   * The generated decorator of {@link UnsyncedUsers}: {@code TieredUserService} with {@code sync = NONE}, over the
   * same tiers, so that the one difference between the two is the invalidation bus.
   */
  @State(Scope.Benchmark)
  public static class Unsynced {
    final Counting db = new Counting();
    JedisPooled jedis;
    RedisBackend l2;
    TieredUnsyncedUsers users;

    @Setup(Level.Trial)
    public void setUp() {
      jedis = Redis.client();
      jedis.flushAll();
      l2 = RedisBackend.create(jedis);
      users = new TieredUnsyncedUsers(db, CaffeineBackend.create(10_000), l2);
      warm(users);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      checkOnlyL1Hits(users, db, l2, Subscription.IDLE);
      jedis.close();
    }
  }

  /**
   * Fails unless only the warm-up missed the L1 of {@code users} (otherwise the benchmark measured something else
   * than an L1 hit), and unless the invalidation bus of its {@code l2} is in the state its sync policy implies:
   * subscribed under {@code INVALIDATE}, so that the hits were measured with the bus on; idle (never joined) under
   * {@code NONE}.
   */
  static void checkOnlyL1Hits(TieredCache users, Counting db, RedisBackend l2, Subscription bus) {
    String name = users.getClass().getSimpleName();
    TieredStats stats = users.stats();
    if (stats.misses() + stats.l2Hits() > 2L * Keys.COUNT || stats.l1Errors() + stats.l2Errors() > 0) {
      throw new IllegalStateException(name + " missed L1 during measurement: " + stats);
    }
    db.checkOnlyWarmUpMissed(name);
    InvalidationStats invalidations = l2.invalidations();
    if (invalidations.subscription() != bus) {
      throw new IllegalStateException(name + "'s invalidation bus is " + invalidations + ", expected " + bus);
    }
  }

  /** The hand-written decorator with a String key: the baseline. */
  @State(Scope.Benchmark)
  public static class HandWritten {
    final Counting db = new Counting();
    JedisPooled jedis;
    HandWrittenUsers users;

    @Setup(Level.Trial)
    public void setUp() {
      jedis = Redis.client();
      jedis.flushAll();
      users = new HandWrittenUsers(db, jedis);
      fill();
    }

    /** Fills the cache before measurement: every key of both methods. */
    void fill() {
      warm(users);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      db.checkOnlyWarmUpMissed("HandWrittenUsers");
      jedis.close();
    }
  }

  /** {@link HandWritten} holding {@code find}'s entries alone, as {@link GeneratedFinds} does. */
  @State(Scope.Benchmark)
  public static class HandWrittenFinds extends HandWritten {
    @Override
    void fill() {
      warmFind(users);
    }
  }

  /** One Caffeine lookup keyed by the arguments, no expiry: the bare floor, {@link FloorUsers#bare}. */
  @State(Scope.Benchmark)
  public static class BareFloor {
    final Counting db = new Counting();
    FloorUsers users;

    @Setup(Level.Trial)
    public void setUp() {
      users = FloorUsers.bare(db);
      warm(users);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      db.checkOnlyWarmUpMissed("the bare floor");
    }
  }

  /** The same with the decorators' expiry: the expiring floor, {@link FloorUsers#expiring}. */
  @State(Scope.Benchmark)
  public static class ExpiringFloor {
    final Counting db = new Counting();
    FloorUsers users;

    @Setup(Level.Trial)
    public void setUp() {
      users = FloorUsers.expiring(db, Duration.ofMinutes(10));
      warm(users);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      db.checkOnlyWarmUpMissed("the expiring floor");
    }
  }

  /** Spring's {@code @Cacheable} over a {@code CaffeineCacheManager}, through its proxy. */
  @State(Scope.Benchmark)
  public static class Spring {
    final Counting db = new Counting();
    SpringUsers spring;
    UserService users;

    @Setup(Level.Trial)
    public void setUp() {
      spring = new SpringUsers(db);
      users = spring.users();
      warm(users);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      db.checkOnlyWarmUpMissed("Spring @Cacheable");
      spring.close();
    }
  }

  /** JetCache's {@code @Cached(cacheType = BOTH)}, Caffeine local and Redis remote, through its Spring proxy. */
  @State(Scope.Benchmark)
  public static class JetCache {
    final Counting db = new Counting();
    JedisPooled jedis;
    JetCacheUsers jetCache;
    UserService users;

    @Setup(Level.Trial)
    public void setUp() {
      jedis = Redis.client();
      jedis.flushAll();
      jetCache = new JetCacheUsers(db, jedis);
      users = jetCache.users();
      warm(users);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      db.checkOnlyWarmUpMissed("JetCache @Cached");
      jetCache.close();
      jedis.close();
    }
  }

  /** JetCache's {@code MultiLevelCache} API (Caffeine + Redis) in a hand-written decorator. */
  @State(Scope.Benchmark)
  public static class JetCacheApi {
    final Counting db = new Counting();
    JedisPooled jedis;
    JetCacheApiUsers users;

    @Setup(Level.Trial)
    public void setUp() {
      jedis = Redis.client();
      jedis.flushAll();
      users = new JetCacheApiUsers(db, jedis);
      warm(users);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      db.checkOnlyWarmUpMissed("JetCache MultiLevelCache");
      users.close();
      jedis.close();
    }
  }

  /** Where a thread is in the shuffled key order; each thread has its own. */
  @State(Scope.Thread)
  public static class Cursor {
    private int step;

    /** The next key index. */
    public int next() {
      return Keys.shuffled(step++);
    }
  }
}
