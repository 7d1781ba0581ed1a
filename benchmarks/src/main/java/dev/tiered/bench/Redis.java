package dev.tiered.bench;

import dev.tiered.testing.RedisServerProcess;
import java.net.URI;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * The Redis of a benchmark fork. {@link Report} starts one {@code redis-server} for the whole suite and hands its
 * URI to every fork as the system property {@value #PROPERTY}; a benchmark run straight through JMH's own main,
 * without it, starts a {@code redis-server} of its own on a free port, killed when the fork exits.
 */
public final class Redis {
  /** The system property that carries the suite's Redis URI, e.g. {@code redis://127.0.0.1:40123}. */
  public static final String PROPERTY = "tiered.bench.redis";

  private static String uri;

  private Redis() {}

  /** The URI of this fork's Redis, starting a server on first use when the suite did not pass one. */
  public static synchronized String uri() {
    if (uri == null) {
      String given = System.getProperty(PROPERTY);
      if (given != null && !given.isEmpty()) {
        uri = given;
      } else {
        RedisServerProcess server = RedisServerProcess.launch();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "bench-redis-stop"));
        uri = server.uri();
      }
    }
    return uri;
  }

  /**
   * A pooled client with the settings of {@code RedisBackend.connect}'s pool, shared by the contenders of a fork
   * so that every one of them pays the same pool and socket costs. The timeouts are looser than a production
   * cache's: on a loaded two-core machine a 250 ms reply deadline would turn scheduling hiccups into misses.
   */
  public static JedisPooled client() {
    URI parsed = URI.create(uri());
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(16);
    pool.setMaxIdle(16);
    pool.setMinIdle(0);
    return new JedisPooled(new HostAndPort(parsed.getHost(), parsed.getPort()),
        DefaultJedisClientConfig.builder().connectionTimeoutMillis(2_000).socketTimeoutMillis(2_000).build(), pool);
  }
}
