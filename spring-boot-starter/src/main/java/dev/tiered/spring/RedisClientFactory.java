package dev.tiered.spring;

import dev.tiered.runtime.RedisBackend;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

/**
 * Makes the Jedis client of the shared tier from {@code spring.data.redis.*}: Cluster when cluster nodes are set,
 * else Sentinel when a sentinel master is, else a pool to one server (from the URL, or host and port). Timeouts
 * and the pool size come from {@code tiered.redis.*} first, then Boot's properties, then {@link RedisBackend}'s
 * defaults, which suit a cache tier (short: a miss costs less than a wait).
 */
final class RedisClientFactory {
  private final SpringDataRedis redis;
  private final TieredProperties.Redis tiered;
  private final SslBundles sslBundles;

  RedisClientFactory(SpringDataRedis redis, TieredProperties.Redis tiered, SslBundles sslBundles) {
    this.redis = redis;
    this.tiered = tiered;
    this.sslBundles = sslBundles;
  }

  UnifiedJedis create() {
    ConnectionPoolConfig pool = pool();
    if (!redis.cluster().nodes().isEmpty()) {
      // Few attempts within a total budget well under a second, as RedisBackend.builder().cluster(..) does: Jedis's
      // own defaults (5 attempts, socket timeout x 5) made calls take seconds while a master was down.
      int attempts = redis.cluster().maxRedirects() != null
          ? redis.cluster().maxRedirects()
          : RedisBackend.DEFAULT_MAX_ATTEMPTS;
      return new JedisCluster(nodes(redis.cluster().nodes()), client(redis.username(), redis.password(), 0),
          attempts, RedisBackend.DEFAULT_RETRY_BUDGET, pool);
    }
    SpringDataRedis.Sentinel sentinel = redis.sentinel();
    if (sentinel.master() != null) {
      return new JedisSentineled(sentinel.master(),
          client(redis.username(), redis.password(), redis.database()), pool,
          nodes(sentinel.nodes()), client(sentinel.username(), sentinel.password(), 0));
    }
    if (redis.url() != null) {
      URI uri = URI.create(redis.url());
      String[] user = userInfo(uri);
      boolean ssl = "rediss".equals(uri.getScheme());
      int port = uri.getPort() == -1 ? RedisBackend.DEFAULT_PORT : uri.getPort();
      String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
      int database = path.isEmpty() ? redis.database() : Integer.parseInt(path);
      return new JedisPooled(new HostAndPort(uri.getHost(), port), client(user[0], user[1], database, ssl), pool);
    }
    return new JedisPooled(new HostAndPort(redis.host(), redis.port()),
        client(redis.username(), redis.password(), redis.database()), pool);
  }

  private JedisClientConfig client(String user, String password, int database) {
    return client(user, password, database, redis.ssl().isOn());
  }

  private JedisClientConfig client(String user, String password, int database, boolean ssl) {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(millis(tiered.getConnectTimeout(), redis.connectTimeout(),
            RedisBackend.DEFAULT_CONNECT_TIMEOUT))
        .socketTimeoutMillis(millis(tiered.getSocketTimeout(), redis.timeout(), RedisBackend.DEFAULT_SOCKET_TIMEOUT))
        .user(user)
        .password(password)
        .database(database)
        .clientName(redis.clientName())
        .ssl(ssl);
    String bundleName = redis.ssl().bundle();
    if (ssl && bundleName != null) {
      if (sslBundles == null) {
        throw new IllegalStateException("spring.data.redis.ssl.bundle=" + bundleName + " but no SslBundles bean");
      }
      SslBundle bundle = sslBundles.getBundle(bundleName);
      SSLContext context = bundle.createSslContext();
      SSLParameters parameters = new SSLParameters();
      SslOptions options = bundle.getOptions();
      if (options.getCiphers() != null) {
        parameters.setCipherSuites(options.getCiphers());
      }
      if (options.getEnabledProtocols() != null) {
        parameters.setProtocols(options.getEnabledProtocols());
      }
      config.sslSocketFactory(context.getSocketFactory()).sslParameters(parameters);
    }
    return config.build();
  }

  private ConnectionPoolConfig pool() {
    Integer configured = tiered.getMaxConnections() != null ? tiered.getMaxConnections()
        : redis.jedis().pool().maxActive();
    int connections = configured != null && configured > 0 ? configured : RedisBackend.DEFAULT_MAX_CONNECTIONS;
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(connections);
    pool.setMaxIdle(connections);
    pool.setMinIdle(0); // no connection up front: start-up never waits for, or fails on, Redis
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(Duration.ofMillis(millis(tiered.getSocketTimeout(), redis.timeout(),
        RedisBackend.DEFAULT_SOCKET_TIMEOUT)));
    return pool;
  }

  private static int millis(Duration first, Duration second, Duration fallback) {
    Duration d = first != null ? first : second != null ? second : fallback;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, d.toMillis()));
  }

  private static Set<HostAndPort> nodes(List<String> nodes) {
    Set<HostAndPort> parsed = new LinkedHashSet<>();
    for (String node : nodes) {
      parsed.add(HostAndPort.from(node.trim()));
    }
    return parsed;
  }

  /** The user and password of a URL, decoded: a password with reserved characters is written percent-encoded. */
  private static String[] userInfo(URI uri) {
    String raw = uri.getRawUserInfo();
    if (raw == null) {
      return new String[] {null, null};
    }
    int colon = raw.indexOf(':');
    if (colon < 0) {
      return new String[] {null, decode(raw)}; // as in Boot: redis://secret@host has a password and no user
    }
    String user = raw.substring(0, colon);
    return new String[] {user.isEmpty() ? null : decode(user), decode(raw.substring(colon + 1))};
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
