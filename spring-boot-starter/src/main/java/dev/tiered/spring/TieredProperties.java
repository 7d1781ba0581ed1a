package dev.tiered.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code tiered.*} properties. Redis itself (host, port, credentials, database, SSL, Sentinel, Cluster,
 * timeouts) comes from Boot's {@code spring.data.redis.*}; these add what is Tiered's own.
 *
 * <pre>
 * tiered.key-prefix=orders-service:
 * tiered.l1.maximum-size=10000
 * tiered.caches.users.l1-maximum-size=50000
 * tiered.redis.socket-timeout=250ms
 * </pre>
 */
@ConfigurationProperties("tiered")
public class TieredProperties {
  /** Whether beans that implement a @Tiered interface are served through their generated decorator. */
  private boolean enabled = true;

  /**
   * Prepended to every Redis key, e.g. "orders-service:". None by default: two applications that share a Redis and
   * both name a cache alike need distinct prefixes, or each takes the other's entries for corrupt ones.
   */
  private String keyPrefix = "";

  private final L1 l1 = new L1();

  private final Redis redis = new Redis();

  /** Per-cache settings, by cache name (@Tiered(name), or the interface's simple name). */
  private final Map<String, Cache> caches = new LinkedHashMap<>();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getKeyPrefix() {
    return keyPrefix;
  }

  public void setKeyPrefix(String keyPrefix) {
    this.keyPrefix = keyPrefix == null ? "" : keyPrefix;
  }

  public L1 getL1() {
    return l1;
  }

  public Redis getRedis() {
    return redis;
  }

  public Map<String, Cache> getCaches() {
    return caches;
  }

  /** The most L1 entries of the cache named {@code cacheName}. */
  long l1MaximumSize(String cacheName) {
    Cache cache = caches.get(cacheName);
    return cache != null && cache.getL1MaximumSize() != null ? cache.getL1MaximumSize() : l1.getMaximumSize();
  }

  /** The in-process tier (Caffeine) of each cache whose l1 is CaffeineBackend. */
  public static class L1 {
    /** The most entries each cache keeps in process, unless set per cache. */
    private long maximumSize = 10_000;

    public long getMaximumSize() {
      return maximumSize;
    }

    public void setMaximumSize(long maximumSize) {
      this.maximumSize = maximumSize;
    }
  }

  /** The shared tier's client, when the starter makes it from spring.data.redis.*. */
  public static class Redis {
    /**
     * How long to wait for a connection. Defaults to spring.data.redis.connect-timeout, else 200ms: a cache tier
     * should give up quickly, as a miss costs less than a wait.
     */
    private Duration connectTimeout;

    /** How long to wait for a reply. Defaults to spring.data.redis.timeout, else 250ms. */
    private Duration socketTimeout;

    /** The most connections to Redis. Defaults to spring.data.redis.jedis.pool.max-active, else 16. */
    private Integer maxConnections;

    /** How long calls skip Redis once it was found unreachable, before one call probes it again. */
    private Duration failFast = Duration.ofSeconds(1);

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getSocketTimeout() {
      return socketTimeout;
    }

    public void setSocketTimeout(Duration socketTimeout) {
      this.socketTimeout = socketTimeout;
    }

    public Integer getMaxConnections() {
      return maxConnections;
    }

    public void setMaxConnections(Integer maxConnections) {
      this.maxConnections = maxConnections;
    }

    public Duration getFailFast() {
      return failFast;
    }

    public void setFailFast(Duration failFast) {
      this.failFast = failFast;
    }
  }

  /** The settings of one cache. */
  public static class Cache {
    /** The most entries this cache keeps in process; defaults to tiered.l1.maximum-size. */
    private Long l1MaximumSize;

    public Long getL1MaximumSize() {
      return l1MaximumSize;
    }

    public void setL1MaximumSize(Long l1MaximumSize) {
      this.l1MaximumSize = l1MaximumSize;
    }
  }
}
