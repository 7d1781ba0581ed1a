package dev.tiered.spring;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Boot's {@code spring.data.redis.*} properties, bound by the starter itself: Boot 3.5 keeps them in {@code
 * RedisProperties} and Boot 4.0 in {@code DataRedisProperties} of another module, under the same names. Only what a
 * Jedis client needs is here.
 */
record SpringDataRedis(
    String url,
    @DefaultValue("localhost") String host,
    @DefaultValue("6379") int port,
    String username,
    String password,
    int database,
    Duration timeout,
    Duration connectTimeout,
    String clientName,
    @DefaultValue Ssl ssl,
    @DefaultValue Sentinel sentinel,
    @DefaultValue Cluster cluster,
    @DefaultValue Jedis jedis) {

  /** Nothing set: localhost:6379. */
  static SpringDataRedis defaults() {
    return new SpringDataRedis(null, "localhost", 6379, null, null, 0, null, null, null,
        new Ssl(null, null), new Sentinel(null, List.of(), null, null), new Cluster(List.of(), null),
        new Jedis(new Pool(null)));
  }

  /** {@code spring.data.redis.ssl.*}. */
  record Ssl(Boolean enabled, String bundle) {
    /** As in Boot: enabled when set so, or when a bundle is named. */
    boolean isOn() {
      return enabled != null ? enabled : bundle != null;
    }
  }

  /** {@code spring.data.redis.sentinel.*}. */
  record Sentinel(String master, @DefaultValue List<String> nodes, String username, String password) {}

  /** {@code spring.data.redis.cluster.*}. */
  record Cluster(@DefaultValue List<String> nodes, Integer maxRedirects) {}

  /** {@code spring.data.redis.jedis.*}. */
  record Jedis(@DefaultValue Pool pool) {}

  /** {@code spring.data.redis.jedis.pool.*}. */
  record Pool(Integer maxActive) {}
}
