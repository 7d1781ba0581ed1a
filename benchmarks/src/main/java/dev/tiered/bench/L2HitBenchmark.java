package dev.tiered.bench;

import dev.tiered.runtime.Entry;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredStats;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.kryo.KryoFormat;
import java.nio.charset.StandardCharsets;
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
import redis.clients.jedis.params.SetParams;

/**
 * An L2 hit over loopback Redis: the generated decorator of {@link L2Users}, whose L1 ({@link MissingBackend}) never
 * holds anything, against the baseline of a raw Jedis {@code GET} of a string key followed by the decode that Tiered
 * itself uses for Kryo: {@link ValueCodec#decode} (the 19-byte header, then {@link KryoFormat} for the value). Both
 * read entries of the same size through the same pooled client; the baseline builds its key string per call, as
 * the decorator does.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class L2HitBenchmark {

  /** One client, one decorator and the baseline's entries. */
  @State(Scope.Benchmark)
  public static class Tiers {
    JedisPooled jedis;
    TieredL2Users generated;
    ValueCodec<User> codec;

    @Setup(Level.Trial)
    public void setUp() {
      jedis = Redis.client();
      jedis.flushAll();
      generated = new TieredL2Users(Database.INSTANCE, new MissingBackend(), RedisBackend.create(jedis));
      codec = ValueCodec.of(KryoFormat.create(), ValueType.of(User.class));
      SetParams px = SetParams.setParams().px(TimeUnit.MINUTES.toMillis(10));
      for (int i = 0; i < Keys.COUNT; i++) {
        long id = Keys.id(i);
        generated.find(id);
        Entry<User> entry = new Entry<>(Database.INSTANCE.find(id), System.currentTimeMillis() + 600_000, Entry.NEVER);
        jedis.set(rawKey(id), codec.encode(entry), px);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      TieredStats stats = generated.stats();
      if (stats.misses() > Keys.COUNT || stats.l2Errors() > 0) {
        throw new IllegalStateException("the generated decorator did not hit L2 on every measured call: " + stats);
      }
      jedis.close();
    }
  }

  static byte[] rawKey(long id) {
    return ("raw:v1:find:" + id).getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public User generated(Tiers t, Contenders.Cursor k) {
    return t.generated.find(Keys.id(k.next()));
  }

  @Benchmark
  public User rawJedisKryo(Tiers t, Contenders.Cursor k) throws Exception {
    byte[] bytes = t.jedis.get(rawKey(Keys.id(k.next())));
    return t.codec.decode(bytes).value();
  }
}
