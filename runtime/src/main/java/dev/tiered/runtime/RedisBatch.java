package dev.tiered.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The multi-key commands behind {@link RedisBackend#readAll} and {@link RedisBackend#writeAll}: one {@code MGET}
 * for a bulk read, one pipeline of {@code PSETEX key ttl value} for a bulk write.
 *
 * <p>Redis Cluster serves a multi-key command only for keys of one hash slot, and Tiered's keys ({@code
 * users:v1:find:42}) carry no hash tag, so the ids of one bulk call spread over many slots. On a {@link
 * JedisCluster} the keys are therefore grouped by slot ({@link #slotGroups}), each group's {@code MGET} ({@link
 * #getGroup}) goes into one cluster pipeline, and Jedis sends each node its groups and awaits the nodes in parallel.
 *
 * <p>Only the client types whose {@code pipelined()} returns the same class from Jedis 5.2 to 7.x are pipelined
 * ({@code UnifiedJedis.pipelined()} itself changed its return type, which code built against 5.2 cannot call on 7);
 * {@link JedisCompat} checks each of these methods. A client of another type is written one key at a time, and read
 * with one {@code MGET} as a standalone server is.
 */
final class RedisBatch {
  private RedisBatch() {}

  /** The Redis keys of {@code keys}, each as {@code redisKey} makes it. */
  static byte[][] keys(List<? extends CacheKey> keys, Function<CacheKey, byte[]> redisKey) {
    return keys.stream().map(redisKey).toArray(byte[][]::new);
  }

  /** Decodes what {@link #get} returned into {@code into}: a value that does not decode fails its key only. */
  static <V> void decode(List<byte[]> values, ValueCodec<V> codec, Backend.BulkRead<V> into) {
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) != null) {
        try {
          into.found(i, codec.decode(values.get(i)));
        } catch (CorruptEntryException e) {
          into.failed(i, e);
        }
      }
    }
  }

  /** The bytes of {@code entries}, checked first so that nothing is sent when one cannot be written. */
  static <V> byte[][] encode(List<Entry<V>> entries, long ttlMillis, ValueCodec<V> codec) {
    if (ttlMillis <= 0) {
      throw new IllegalArgumentException("ttlMillis must be positive but was " + ttlMillis);
    }
    return entries.stream().map(codec::encode).toArray(byte[][]::new);
  }

  /** The values under {@code keys}, in their order, {@code null} where there is none. */
  static List<byte[]> get(UnifiedJedis redis, byte[][] keys) {
    if (!(redis instanceof JedisCluster cluster)) {
      return redis.mget(keys);
    }
    List<int[]> groups = slotGroups(keys);
    if (groups.size() == 1) {
      return redis.mget(keys);
    }
    List<Response<List<byte[]>>> replies = new ArrayList<>(groups.size());
    try (AbstractPipeline pipeline = cluster.pipelined()) {
      for (int[] group : groups) {
        replies.add(getGroup(pipeline, keys, group));
      }
      pipeline.sync();
    }
    byte[][] values = new byte[keys.length][];
    for (int g = 0; g < groups.size(); g++) {
      List<byte[]> reply = replies.get(g).get();
      int[] group = groups.get(g);
      for (int k = 0; k < group.length; k++) {
        values[group[k]] = reply.get(k);
      }
    }
    return Arrays.asList(values);
  }

  /** Queues the {@code MGET} of one slot group: the keys at the indices {@code group}, all of one hash slot. */
  static Response<List<byte[]>> getGroup(AbstractPipeline pipeline, byte[][] keys, int[] group) {
    byte[][] groupKeys = new byte[group.length][];
    for (int k = 0; k < group.length; k++) {
      groupKeys[k] = keys[group[k]];
    }
    return pipeline.mget(groupKeys);
  }

  /** The indices of {@code keys} grouped by hash slot, groups in the order of their first key, indices ascending. */
  static List<int[]> slotGroups(byte[][] keys) {
    Map<Integer, List<Integer>> bySlot = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      bySlot.computeIfAbsent(JedisClusterCRC16.getSlot(keys[i]), slot -> new ArrayList<>()).add(i);
    }
    return bySlot.values().stream().map(g -> g.stream().mapToInt(Integer::intValue).toArray()).toList();
  }

  /**
   * Stores each of {@code values} under the key at the same index for {@code ttlMillis} ({@code PSETEX}, which every
   * supported Jedis has, unlike {@code SetParams.px}); fails on an error reply.
   *
   * @return nothing, so that {@code RedisBackend.send} can run it
   */
  static Void set(UnifiedJedis redis, byte[][] keys, byte[][] values, long ttlMillis) {
    AbstractPipeline pipeline = pipelineOf(redis);
    if (pipeline == null) {
      for (int i = 0; i < keys.length; i++) {
        redis.psetex(keys[i], ttlMillis, values[i]);
      }
      return null;
    }
    List<Response<String>> replies = new ArrayList<>(keys.length);
    try (pipeline) {
      for (int i = 0; i < keys.length; i++) {
        replies.add(pipeline.psetex(keys[i], ttlMillis, values[i]));
      }
      pipeline.sync();
    }
    for (Response<String> reply : replies) {
      reply.get(); // throws the first error reply
    }
    return null;
  }

  /** A pipeline of {@code redis}, or {@code null} for a client type that has none callable on every Jedis. */
  private static AbstractPipeline pipelineOf(UnifiedJedis redis) {
    if (redis instanceof JedisPooled pooled) {
      return pooled.pipelined();
    }
    if (redis instanceof JedisCluster cluster) {
      return cluster.pipelined();
    }
    if (redis instanceof JedisSentineled sentineled) {
      return sentineled.pipelined();
    }
    return null;
  }
}
