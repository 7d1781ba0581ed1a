package dev.tiered.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.kryo.KryoFormat;
import dev.tiered.testing.RedisServerProcess;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** {@link RedisBackend#readAll} and {@link RedisBackend#writeAll} against a real redis-server, counted by command. */
class RedisBackendBulkTest {
  private static final ValueCodec<String> CODEC = ValueCodec.of(KryoFormat.create(), ValueType.of(String.class));
  private static final long TTL = 60_000;

  private static RedisServerProcess redis;
  private static RedisBackend backend;

  record Key(int id) implements CacheKey {
    @Override
    public String cacheName() {
      return "users";
    }

    @Override
    public String toString() {
      return "users:v1:find:" + id;
    }
  }

  @BeforeAll
  static void startRedis() {
    redis = RedisServerProcess.launch();
    backend = RedisBackend.connect(redis.uri());
  }

  @AfterAll
  static void stopRedis() {
    if (backend != null) {
      backend.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @BeforeEach
  void flush() {
    redis.flushAll();
  }

  private static List<Key> keys(int count) {
    return IntStream.range(0, count).mapToObj(Key::new).toList();
  }

  private static Entry<String> entry(String value) {
    return new Entry<>(value, 1_700_000_600_000L, Entry.NEVER);
  }

  /** How many times the server ran {@code command} since it started, from {@code INFO commandstats}. */
  private static long calls(String command) {
    try (Jedis jedis = new Jedis(URI.create(redis.uri()))) {
      Matcher m = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(jedis.info("commandstats"));
      return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
  }

  @Test
  void writesEveryEntryWithItsTtlAndReadsThemBackInOneMget() throws Exception {
    List<Key> keys = keys(50);
    List<Entry<String>> entries = keys.stream().map(k -> entry("user-" + k.id())).toList();
    long sets = calls("set");
    long mgets = calls("mget");

    backend.writeAll(keys, entries, TTL, CODEC);
    Map<Integer, String> read = new TreeMap<>();
    backend.readAll(keys, CODEC, new Backend.BulkRead<>() {
      @Override
      public void found(int index, Entry<String> entry) {
        read.put(index, entry.value());
      }

      @Override
      public void failed(int index, Exception error) {
        throw new AssertionError(error);
      }
    });

    assertEquals(50, read.size());
    read.forEach((index, value) -> assertEquals("user-" + keys.get(index).id(), value));
    assertEquals(sets + 50, calls("set"), "one SET PX per entry, pipelined");
    assertEquals(mgets + 1, calls("mget"), "one MGET for all");
    assertEquals(0, calls("get"));
    long pttl = redis.pttl("users:v1:find:49");
    assertTrue(pttl > TTL - 5_000 && pttl <= TTL, "PX " + pttl);
  }

  @Test
  void aMissingKeyIsNoCallAndAnUndecodableOneFailsAlone() throws Exception {
    backend.writeAll(List.of(new Key(1), new Key(3)), List.of(entry("one"), entry("three")), TTL, CODEC);
    redis.set("users:v1:find:2", new byte[] {1, 2, 3});
    Map<Integer, Object> outcomes = new TreeMap<>();

    backend.readAll(List.of(new Key(0), new Key(1), new Key(2), new Key(3)), CODEC, new Backend.BulkRead<>() {
      @Override
      public void found(int index, Entry<String> entry) {
        outcomes.put(index, entry.value());
      }

      @Override
      public void failed(int index, Exception error) {
        outcomes.put(index, error);
      }
    });

    assertEquals(List.of(1, 2, 3), List.copyOf(outcomes.keySet()));
    assertEquals("one", outcomes.get(1));
    assertInstanceOf(CorruptEntryException.class, outcomes.get(2));
    assertEquals("three", outcomes.get(3));
  }
}
