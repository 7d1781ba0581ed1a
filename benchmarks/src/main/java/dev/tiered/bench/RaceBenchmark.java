package dev.tiered.bench;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredStats;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.JedisPooled;

/**
 * {@code RACE} against {@code SEQUENTIAL} when L1 is the slow tier: L1 is a Caffeine cache behind a {@link
 * SlowBackend} that parks {@value #DELAY_MICROS} µs per call, L2 is loopback Redis, and both hold every entry. A
 * sequential read waits for L1; a race returns Redis's answer and leaves L1's to finish in the background. The
 * difference is the latency RACE saves; the L2-hit baseline ({@link L2HitBenchmark#rawJedisKryo}) is the faster
 * tier alone.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class RaceBenchmark {
  /** The slow tier's delay per call. */
  static final long DELAY_MICROS = 1_000;
  /** Few keys: every one is in both tiers, and the slow tier is slow per call, not per key. */
  static final int KEYS = 64;

  /** The two decorators over the same kind of tiers. */
  @State(Scope.Benchmark)
  public static class Decorators {
    JedisPooled jedis;
    TieredRaceUsers race;
    TieredSequentialUsers sequential;

    @Setup(Level.Trial)
    public void setUp() {
      jedis = Redis.client();
      jedis.flushAll();
      long delay = TimeUnit.MICROSECONDS.toNanos(DELAY_MICROS);
      race = new TieredRaceUsers(
          Database.INSTANCE, new SlowBackend(CaffeineBackend.create(10_000), delay), RedisBackend.create(jedis));
      sequential = new TieredSequentialUsers(
          Database.INSTANCE, new SlowBackend(CaffeineBackend.create(10_000), delay), RedisBackend.create(jedis));
      for (int i = 0; i < KEYS; i++) {
        // A miss writes both tiers.
        race.find(Keys.id(i));
        sequential.find(Keys.id(i));
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      // Of the decorator this fork measured: RACE must have been won by Redis, SEQUENTIAL answered by the slow L1,
      // and neither may have missed after the warm-up.
      check("RACE", race.stats(), race.stats().l2Hits() > 0);
      check("SEQUENTIAL", sequential.stats(), sequential.stats().l2Hits() == 0);
      jedis.close();
    }
  }

  private static void check(String policy, TieredStats stats, boolean expectedTier) {
    boolean measured = stats.l1Hits() + stats.l2Hits() > 0;
    if (measured && (!expectedTier || stats.misses() > KEYS)) {
      throw new IllegalStateException(policy + " read from unexpected tiers: " + stats);
    }
  }

  @Benchmark
  public User race(Decorators d, Contenders.Cursor k) {
    return d.race.find(Keys.id(k.next() % KEYS));
  }

  @Benchmark
  public User sequential(Decorators d, Contenders.Cursor k) {
    return d.sequential.find(Keys.id(k.next() % KEYS));
  }
}
