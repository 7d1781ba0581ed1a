package dev.tiered.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.CorruptEntryException;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredStats;
import dev.tiered.runtime.ValueCodec;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.kryo.KryoFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * A bulk read of {@value #IDS} ids of which {@value #IN_L1} are in L1 and the rest only in loopback Redis: the
 * generated {@code @Bulk} method ({@link BulkUsers#findAll}: L1 for every id, one {@code MGET} for the rest) against
 * a loop of {@value #IDS} {@code find} calls through the same decorator (an L1 hit each, or a Redis {@code GET}
 * each), and against the hand-written floor: one Caffeine {@code getAllPresent}, one {@code MGET} of the ids it
 * missed, decoded by the same {@link ValueCodec}. Each call returns a map of the ids to their users.
 *
 * <p>Each call reads one of {@value #BATCHES} batches of distinct ids in turn; neither contender copies a Redis hit
 * into L1 ({@code refill = NEVER} on {@link BulkUsers#find}), so the mix is the same on every call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class BulkBenchmark {
  /** Ids per call. */
  static final int IDS = 100;
  /** Of which L1 holds. */
  static final int IN_L1 = 90;
  /** Batches of distinct ids, visited in turn. */
  static final int BATCHES = 8;

  /** The decorator, the hand-written tiers, and the batches of ids. */
  @State(Scope.Benchmark)
  public static class Tiers {
    JedisPooled jedis;
    TieredBulkUsers generated;
    Cache<Long, User> handL1;
    ValueCodec<User> codec;
    final List<List<Long>> batches = new ArrayList<>();
    int next;

    @Setup(Level.Trial)
    public void setUp() {
      jedis = Redis.client();
      jedis.flushAll();
      generated = new TieredBulkUsers(Database.INSTANCE, CaffeineBackend.create(10_000), RedisBackend.create(jedis));
      // Another instance of the service writes the ids that only Redis is to hold.
      TieredBulkUsers other =
          new TieredBulkUsers(Database.INSTANCE, CaffeineBackend.create(10_000), RedisBackend.create(jedis));
      handL1 = Caffeine.newBuilder().maximumSize(10_000).build();
      codec = ValueCodec.of(KryoFormat.create(), ValueType.of(User.class));
      SetParams px = SetParams.setParams().px(TimeUnit.MINUTES.toMillis(10));
      for (int b = 0; b < BATCHES; b++) {
        List<Long> batch = new ArrayList<>(IDS);
        for (int i = 0; i < IDS; i++) {
          long id = Keys.id(Keys.shuffled(b * IDS + i));
          batch.add(id);
          User user = Database.INSTANCE.find(id);
          if (i % 10 != 0) {
            generated.find(id);
            handL1.put(id, user);
          } else {
            other.find(id);
          }
          Entry<User> entry = new Entry<>(user, System.currentTimeMillis() + 600_000, Entry.NEVER);
          jedis.set(rawKey(id), codec.encode(entry), px);
        }
        batches.add(List.copyOf(batch));
      }
    }

    List<Long> nextBatch() {
      List<Long> batch = batches.get(next);
      next = (next + 1) % BATCHES;
      return batch;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      TieredStats stats = generated.stats();
      // Only the set-up's loads of the L1 ids missed; every measured id was a hit of its tier.
      if (stats.misses() != (long) BATCHES * IN_L1 || stats.l2Errors() > 0 || stats.l2Hits() == 0) {
        throw new IllegalStateException("the generated decorator's measured calls were not all hits: " + stats);
      }
      jedis.close();
    }
  }

  static byte[] rawKey(long id) {
    return ("raw:bulk:find:" + id).getBytes(StandardCharsets.UTF_8);
  }

  @Benchmark
  public Map<Long, User> bulkGenerated(Tiers t) {
    return t.generated.findAll(t.nextBatch());
  }

  @Benchmark
  public Map<Long, User> loopGenerated(Tiers t) {
    List<Long> batch = t.nextBatch();
    Map<Long, User> users = new LinkedHashMap<>();
    for (Long id : batch) {
      users.put(id, t.generated.find(id));
    }
    return users;
  }

  @Benchmark
  public Map<Long, User> handWritten(Tiers t) throws CorruptEntryException {
    List<Long> batch = t.nextBatch();
    Map<Long, User> present = t.handL1.getAllPresent(batch);
    List<Long> missing = new ArrayList<>(batch.size() - present.size());
    for (Long id : batch) {
      if (!present.containsKey(id)) {
        missing.add(id);
      }
    }
    Map<Long, User> fromRedis = new LinkedHashMap<>();
    if (!missing.isEmpty()) {
      byte[][] keys = new byte[missing.size()][];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = rawKey(missing.get(i));
      }
      List<byte[]> values = t.jedis.mget(keys);
      for (int i = 0; i < keys.length; i++) {
        if (values.get(i) != null) {
          fromRedis.put(missing.get(i), t.codec.decode(values.get(i)).value());
        }
      }
    }
    Map<Long, User> users = new LinkedHashMap<>();
    for (Long id : batch) {
      User user = present.get(id);
      users.put(id, user != null ? user : fromRedis.get(id));
    }
    return users;
  }
}
