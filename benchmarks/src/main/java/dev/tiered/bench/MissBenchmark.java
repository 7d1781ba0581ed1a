package dev.tiered.bench;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
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
 * The miss path: every call asks for an id never asked before, so both tiers miss (an L1 lookup and a Redis {@code
 * GET}), the delegate answers, and the value is written to both tiers (a Caffeine put and a Redis {@code SET ...
 * PX} of the encoded value). The generated decorator against the hand-written one, which does exactly those steps
 * inline. Redis is emptied between iterations so that it does not grow for the whole run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class MissBenchmark {

  /** The two decorators, over one client. */
  @State(Scope.Benchmark)
  public static class Decorators {
    JedisPooled jedis;
    TieredUserService generated;
    HandWrittenUsers handWritten;
    long nextId = 1L << 40;

    @Setup(Level.Trial)
    public void setUp() {
      jedis = Redis.client();
      generated = new TieredUserService(Database.INSTANCE, CaffeineBackend.create(10_000), RedisBackend.create(jedis));
      handWritten = new HandWrittenUsers(Database.INSTANCE, jedis);
    }

    @Setup(Level.Iteration)
    public void emptyRedis() {
      jedis.flushAll();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      if (generated.stats().l2Errors() > 0) {
        throw new IllegalStateException("Redis failed during the miss benchmark: " + generated.stats());
      }
      jedis.close();
    }
  }

  @Benchmark
  public User generated(Decorators d) {
    return d.generated.find(d.nextId++);
  }

  @Benchmark
  public User handWritten(Decorators d) {
    return d.handWritten.find(d.nextId++);
  }
}
