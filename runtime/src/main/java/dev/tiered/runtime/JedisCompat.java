package dev.tiered.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.BinaryJedisShardedPubSub;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.Pool;

/**
 * The check that the Jedis on the class path has every method {@link RedisBackend} calls, with the signatures it
 * was compiled against.
 *
 * <p>Why: the runtime compiles against Jedis 5.2, and applications bring their own (Spring Boot 3.5 brings 6, Boot
 * 4.0 brings 7). Jedis has changed signatures between majors (6.0 made {@code SetParams.px(long)} return a generic
 * base type, so code compiled against 5.2 fails with {@code NoSuchMethodError}); such an error surfaces only when the
 * call is first made, and a decorator would count it as a tier error on every call: the application would silently
 * run without its shared tier. So the backend uses only methods every supported Jedis has, and checks them here when
 * it is built, failing loudly with the Jedis version and the missing method. A Jedis method or constructor that the
 * runtime starts to call is added to {@link #REQUIRED} too.
 */
final class JedisCompat {
  /** The oldest and newest Jedis majors this runtime is tested with. */
  static final String SUPPORTED = "Jedis 5.2 to 7.x";

  /**
   * The methods and constructors that {@link RedisBackend} and its clients, bus and subscriber call, with their
   * return and parameter types (a constructor is named {@code <init>}; a generic {@code T...} is erased to {@code
   * Object[]}).
   */
  private static final List<Required> REQUIRED = List.of(
      new Required(UnifiedJedis.class, "get", MethodType.methodType(byte[].class, byte[].class)),
      new Required(UnifiedJedis.class, "psetex",
          MethodType.methodType(String.class, byte[].class, long.class, byte[].class)),
      new Required(UnifiedJedis.class, "del", MethodType.methodType(long.class, byte[].class)),
      new Required(UnifiedJedis.class, "mget", MethodType.methodType(List.class, byte[][].class)),
      new Required(JedisPooled.class, "pipelined", MethodType.methodType(Pipeline.class)),
      new Required(JedisCluster.class, "pipelined", MethodType.methodType(ClusterPipeline.class)),
      new Required(JedisSentineled.class, "pipelined", MethodType.methodType(Pipeline.class)),
      new Required(AbstractPipeline.class, "mget", MethodType.methodType(Response.class, byte[][].class)),
      new Required(AbstractPipeline.class, "psetex",
          MethodType.methodType(Response.class, byte[].class, long.class, byte[].class)),
      new Required(AbstractPipeline.class, "sync", MethodType.methodType(void.class)),
      new Required(AbstractPipeline.class, "close", MethodType.methodType(void.class)),
      new Required(Response.class, "get", MethodType.methodType(Object.class)),
      new Required(UnifiedJedis.class, "ping", MethodType.methodType(String.class)),
      new Required(UnifiedJedis.class, "close", MethodType.methodType(void.class)),
      new Required(UnifiedJedis.class, "publish", MethodType.methodType(long.class, byte[].class, byte[].class)),
      new Required(UnifiedJedis.class, "subscribe",
          MethodType.methodType(void.class, BinaryJedisPubSub.class, byte[][].class)),
      new Required(JedisCluster.class, "spublish", MethodType.methodType(long.class, byte[].class, byte[].class)),
      new Required(JedisCluster.class, "getConnectionFromSlot", MethodType.methodType(Connection.class, int.class)),
      new Required(JedisCluster.class, "<init>", MethodType.methodType(void.class, Set.class,
          JedisClientConfig.class, int.class, Duration.class, GenericObjectPoolConfig.class)),
      new Required(JedisSentineled.class, "getCurrentMaster", MethodType.methodType(HostAndPort.class)),
      new Required(JedisSentineled.class, "<init>", MethodType.methodType(void.class, String.class,
          JedisClientConfig.class, GenericObjectPoolConfig.class, Set.class, JedisClientConfig.class)),
      new Required(JedisPooled.class, "getPool", MethodType.methodType(Pool.class)),
      new Required(JedisPooled.class, "<init>", MethodType.methodType(void.class, HostAndPort.class,
          JedisClientConfig.class, GenericObjectPoolConfig.class)),
      new Required(Connection.class, "<init>",
          MethodType.methodType(void.class, HostAndPort.class, JedisClientConfig.class)),
      new Required(Connection.class, "disconnect", MethodType.methodType(void.class)),
      new Required(BinaryJedisPubSub.class, "proceed",
          MethodType.methodType(void.class, Connection.class, Object[].class)),
      new Required(BinaryJedisPubSub.class, "ping", MethodType.methodType(void.class)),
      new Required(BinaryJedisPubSub.class, "subscribe", MethodType.methodType(void.class, Object[].class)),
      new Required(BinaryJedisShardedPubSub.class, "proceed",
          MethodType.methodType(void.class, Connection.class, Object[].class)),
      new Required(BinaryJedisShardedPubSub.class, "ssubscribe", MethodType.methodType(void.class, Object[].class)));

  private record Required(Class<?> owner, String name, MethodType type) {}

  /** The problems found, once per class loader: empty when this Jedis has every method. */
  private static final List<String> MISSING = probe();

  private JedisCompat() {}

  /**
   * Fails when the Jedis on the class path lacks a method the backend calls.
   *
   * @throws IllegalStateException naming the Jedis version, the missing methods and the supported versions
   */
  static void check() {
    if (!MISSING.isEmpty()) {
      throw new IllegalStateException("Tiered's RedisBackend cannot use Jedis " + version() + " from "
          + location() + ": it lacks " + String.join(", ", MISSING) + ". Tiered works with " + SUPPORTED
          + "; align the redis.clients:jedis version (e.g. your dependency management) with one of them.");
    }
  }

  private static List<String> probe() {
    List<String> missing = new ArrayList<>();
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    for (Required method : REQUIRED) {
      try {
        if (method.name().equals("<init>")) {
          lookup.findConstructor(method.owner(), method.type());
        } else {
          lookup.findVirtual(method.owner(), method.name(), method.type());
        }
      } catch (NoSuchMethodException | IllegalAccessException | LinkageError e) {
        missing.add(method.owner().getSimpleName() + "." + method.name() + method.type());
      }
    }
    return List.copyOf(missing);
  }

  /** The Jedis version on the class path, from its Maven metadata; {@code "(unknown version)"} without it. */
  static String version() {
    try (InputStream in = UnifiedJedis.class.getResourceAsStream("/META-INF/maven/redis.clients/jedis/pom.properties")) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        return properties.getProperty("version", "(unknown version)");
      }
    } catch (IOException e) {
      // Fall through.
    }
    return "(unknown version)";
  }

  private static String location() {
    var source = UnifiedJedis.class.getProtectionDomain().getCodeSource();
    return source == null || source.getLocation() == null ? "the class path" : source.getLocation().toString();
  }
}
