package dev.tiered.runtime;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * How a {@link RedisBackend} reaches Redis, one subclass per deployment: the client for commands, and the connection
 * that the invalidation subscription holds.
 *
 * <p>A standalone pool connects lazily by itself. A {@code JedisCluster} or {@code JedisSentineled} asks the servers
 * for the topology in its constructor, and fails when none answers; those are made on first use instead, so that an
 * application starts while Redis is down, like with a standalone Redis: while the client cannot be made, each attempt
 * fails like an unreachable server (and opens the circuit).
 */
abstract class RedisClients implements AutoCloseable {
  final String description;

  private RedisClients(String description) {
    this.description = description;
  }

  /**
   * The client for commands.
   *
   * @throws redis.clients.jedis.exceptions.JedisException when it cannot be made now (no server answers)
   */
  abstract UnifiedJedis commands();

  /** Whether invalidations travel over sharded pub/sub ({@code SPUBLISH}/{@code SSUBSCRIBE}): on a Redis Cluster. */
  boolean sharded() {
    return false;
  }

  /** Publishes {@code message} on {@code channel} through {@code jedis}, this deployment's command client. */
  void publish(UnifiedJedis jedis, byte[] channel, byte[] message) {
    jedis.publish(channel, message);
  }

  /**
   * A connection of the subscription's own, to the server that serves {@code channel}; or {@code null} when this
   * client does not say where its server is, and the subscription goes through {@link #subscribe} instead.
   */
  abstract Connection subscriptionConnection(String channel);

  /** A subscription's connection (null: through {@link #subscribe}) and, when it can move, the server it is on. */
  record Opened(Connection connection, HostAndPort server) {}

  /**
   * Opens the subscription's connection for {@code channel}, noting the server it is on when that can change under
   * it (Sentinel), so that {@link #currentServer()} can tell when it moved.
   */
  Opened openSubscription(String channel) {
    return new Opened(subscriptionConnection(channel), null);
  }

  /** Subscribes through the command client itself, blocking; for a client that gives no connection of its own. */
  void subscribe(BinaryJedisPubSub handler, byte[]... channels) {
    commands().subscribe(handler, channels);
  }

  /** The server that the subscription should be on now, when that can change under it (Sentinel); else null. */
  HostAndPort currentServer() {
    return null;
  }

  @Override
  public abstract void close();

  // ------------------------------------------------------------------------------------------------------ kinds

  /** What a backend that makes its own clients sets on them; a null timeout or -1 connections is the default. */
  record Settings(
      Duration connectTimeout, Duration socketTimeout, int maxConnections, String user, String password,
      int database, boolean ssl) {

    Settings {
      connectTimeout = connectTimeout == null ? RedisBackend.DEFAULT_CONNECT_TIMEOUT : connectTimeout;
      socketTimeout = socketTimeout == null ? RedisBackend.DEFAULT_SOCKET_TIMEOUT : socketTimeout;
      maxConnections = maxConnections == -1 ? RedisBackend.DEFAULT_MAX_CONNECTIONS : maxConnections;
    }

    /** The configuration of a data node's connections; {@code uri}'s credentials, database and TLS when given. */
    JedisClientConfig client(URI uri) {
      DefaultJedisClientConfig.Builder config = timeouts();
      if (uri != null) {
        return config.user(JedisURIHelper.getUser(uri)).password(JedisURIHelper.getPassword(uri))
            .database(JedisURIHelper.getDBIndex(uri)).ssl(JedisURIHelper.isRedisSSLScheme(uri)).build();
      }
      return config.user(user).password(password).database(database).ssl(ssl).build();
    }

    /** The configuration of a Sentinel's connections: timeouts only. */
    DefaultJedisClientConfig.Builder timeouts() {
      return DefaultJedisClientConfig.builder()
          .connectionTimeoutMillis((int) connectTimeout.toMillis())
          .socketTimeoutMillis((int) socketTimeout.toMillis());
    }

    ConnectionPoolConfig pool() {
      ConnectionPoolConfig pool = new ConnectionPoolConfig();
      pool.setMaxTotal(maxConnections);
      pool.setMaxIdle(maxConnections);
      // No connection is made up front, so that start-up never waits for, or fails on, Redis.
      pool.setMinIdle(0);
      // An exhausted pool is as bad as a slow Redis: give up as quickly.
      pool.setBlockWhenExhausted(true);
      pool.setMaxWait(socketTimeout);
      return pool;
    }
  }

  /** A standalone Redis at {@code uri} through a pool of this backend's own. */
  /**
   * The clients of what {@code b} names: a URI or host, a Cluster, a Sentinel, or a client of the application's.
   *
   * @throws IllegalStateException when an option does not apply to it (credentials with a URI or a client of the
   *     application's, timeouts and pool sizes with a client, a database on a Cluster)
   */
  static RedisClients of(RedisBackend.Builder b) {
    Checks.state(b.user == null && b.password == null && b.database == 0 && !b.ssl
        || !List.of("uri", "client").contains(b.target),
        "user, password, database and ssl do not apply to a %s, which carries its own", b.target);
    Checks.state(b.database == 0 || !b.target.equals("cluster"), "a Redis Cluster has only database 0");
    if (b.target.equals("client")) {
      Checks.state(b.connectTimeout == null && b.socketTimeout == null && b.maxConnections == -1
          && b.maxAttempts == -1 && b.retryBudget == null, "a client(...) brings its own connection settings: set no"
          + " timeout, maxConnections, maxAttempts or retryBudget with it");
      return given(b.client);
    }
    Settings settings = new Settings(
        b.connectTimeout, b.socketTimeout, b.maxConnections, b.user, b.password, b.database, b.ssl);
    return switch (b.target) {
      case "uri" -> standalone(b.uri, settings);
      case "host" -> standalone(
          new HostAndPort(b.host, b.port == -1 ? RedisBackend.DEFAULT_PORT : b.port), settings);
      case "cluster" -> cluster(b.nodes, settings,
          b.maxAttempts == -1 ? RedisBackend.DEFAULT_MAX_ATTEMPTS : b.maxAttempts,
          b.retryBudget == null ? RedisBackend.DEFAULT_RETRY_BUDGET : b.retryBudget);
      default -> sentinel(b.masterName, b.nodes, settings);
    };
  }

  static RedisClients standalone(URI uri, Settings settings) {
    HostAndPort parsed = JedisURIHelper.getHostAndPort(uri);
    HostAndPort address =
        new HostAndPort(parsed.getHost(), parsed.getPort() > 0 ? parsed.getPort() : RedisBackend.DEFAULT_PORT);
    return standalone(address, settings.client(uri), settings, redacted(uri));
  }

  /** A standalone Redis at {@code address} through a pool of this backend's own. */
  static RedisClients standalone(HostAndPort address, Settings settings) {
    return standalone(address, settings.client(null), settings, "redis://" + address);
  }

  private static RedisClients standalone(
      HostAndPort address, JedisClientConfig config, Settings settings, String description) {
    JedisPooled jedis = new JedisPooled(address, config, settings.pool());
    return new Ready(jedis, description) {
      @Override
      Connection subscriptionConnection(String channel) {
        return new Connection(address, config);
      }

      @Override
      public void close() {
        jedis.close();
      }
    };
  }

  /**
   * A Redis Cluster: at most {@code maxAttempts} tries per command (a moved slot or a failed node costs one), all
   * within {@code retryBudget}.
   */
  static RedisClients cluster(List<HostAndPort> nodes, Settings settings, int maxAttempts, Duration retryBudget) {
    JedisClientConfig config = settings.client(null);
    ConnectionPoolConfig pool = settings.pool();
    Lazy<JedisCluster> cluster =
        new Lazy<>(() -> new JedisCluster(new HashSet<>(nodes), config, maxAttempts, retryBudget, pool));
    return new ClusterClients(cluster, "cluster " + list(nodes));
  }

  /** The master that Sentinels name, followed across failovers. */
  static RedisClients sentinel(String masterName, List<HostAndPort> sentinels, Settings settings) {
    JedisClientConfig masterConfig = settings.client(null);
    JedisClientConfig sentinelConfig = settings.timeouts().build();
    ConnectionPoolConfig pool = settings.pool();
    Lazy<JedisSentineled> client = new Lazy<>(
        () -> new JedisSentineled(masterName, masterConfig, pool, new HashSet<>(sentinels), sentinelConfig));
    return new RedisClients("sentinel " + masterName + "@" + list(sentinels)) {
      @Override
      UnifiedJedis commands() {
        return client.get();
      }

      @Override
      Connection subscriptionConnection(String channel) {
        return openSubscription(channel).connection();
      }

      @Override
      Opened openSubscription(String channel) {
        HostAndPort master = client.get().getCurrentMaster();
        return new Opened(new Connection(master, masterConfig), master);
      }

      @Override
      HostAndPort currentServer() {
        JedisSentineled made = client.made;
        return made == null ? null : made.getCurrentMaster();
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  /** A client that the application made and closes itself. */
  static RedisClients given(UnifiedJedis jedis) {
    String description = jedis.getClass().getSimpleName();
    if (jedis instanceof JedisCluster cluster) {
      return new ClusterClients(new Lazy<>(() -> cluster), description) {
        @Override
        public void close() {}
      };
    }
    return new Ready(jedis, description) {
      @Override
      Connection subscriptionConnection(String channel) {
        return jedis instanceof JedisPooled pooled ? pooled.getPool().getResource() : null;
      }

      @Override
      HostAndPort currentServer() {
        return jedis instanceof JedisSentineled sentineled ? sentineled.getCurrentMaster() : null;
      }

      @Override
      Opened openSubscription(String channel) {
        // Subscribed through the client's own pool, which follows the master: the master now is the one it is on,
        // unless it moved in between, which the next tick notices and answers with one more resubscription.
        return new Opened(subscriptionConnection(channel), currentServer());
      }

      @Override
      public void close() {}
    };
  }

  // ------------------------------------------------------------------------------------------------------ parsing

  /** Parses a {@code redis://} or {@code rediss://} URI that names a host. */
  static URI parseUri(String redisUri) {
    URI parsed;
    try {
      parsed = new URI(redisUri);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("redisUri is not a URI: " + e.getMessage(), e);
    }
    Checks.argument(JedisURIHelper.isRedisScheme(parsed) || JedisURIHelper.isRedisSSLScheme(parsed),
        "redisUri must start with redis:// or rediss:// but was %s", redacted(parsed));
    Checks.argument(parsed.getHost() != null, "redisUri must name a host but was %s", redacted(parsed));
    return parsed;
  }

  /** Parses {@code host:port} addresses (an IPv6 host in brackets or not: the port follows the last colon). */
  static List<HostAndPort> parseNodes(String what, String... hostAndPorts) {
    Objects.requireNonNull(hostAndPorts, "hostAndPorts");
    Checks.argument(hostAndPorts.length > 0, "name at least one %s node as host:port", what);
    List<HostAndPort> nodes = new ArrayList<>();
    for (String node : hostAndPorts) {
      Objects.requireNonNull(node, "hostAndPort");
      int colon = node.lastIndexOf(':');
      int port = -1;
      try {
        port = colon > 0 ? Integer.parseInt(node.substring(colon + 1)) : -1;
      } catch (NumberFormatException e) {
        // reported below
      }
      Checks.argument(port >= 1 && port <= 65535, "a %s node must be host:port but was %s", what, node);
      String host = node.substring(0, colon);
      nodes.add(new HostAndPort(host.startsWith("[") && host.endsWith("]")
          ? host.substring(1, host.length() - 1) : host, port));
    }
    return List.copyOf(nodes);
  }

  /** The URI without its password, for messages and {@code toString}. */
  static String redacted(URI uri) {
    if (uri.getUserInfo() == null) {
      return uri.toString();
    }
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }

  private static String list(List<HostAndPort> nodes) {
    return nodes.stream().map(HostAndPort::toString).collect(Collectors.joining(","));
  }

  /** A deployment whose command client exists from the start: a standalone pool, or the application's client. */
  private abstract static class Ready extends RedisClients {
    private final UnifiedJedis jedis;

    Ready(UnifiedJedis jedis, String description) {
      super(description);
      this.jedis = jedis;
    }

    @Override
    UnifiedJedis commands() {
      return jedis;
    }
  }

  /** A Redis Cluster: sharded pub/sub, and the subscription on the node that owns the channel's slot. */
  private static class ClusterClients extends RedisClients {
    private final Lazy<JedisCluster> cluster;

    ClusterClients(Lazy<JedisCluster> cluster, String description) {
      super(description);
      this.cluster = cluster;
    }

    @Override
    UnifiedJedis commands() {
      return cluster.get();
    }

    @Override
    boolean sharded() {
      return true;
    }

    @Override
    void publish(UnifiedJedis jedis, byte[] channel, byte[] message) {
      ((JedisCluster) jedis).spublish(channel, message);
    }

    @Override
    Connection subscriptionConnection(String channel) {
      return cluster.get().getConnectionFromSlot(JedisClusterCRC16.getSlot(channel));
    }

    @Override
    public void close() {
      cluster.close();
    }
  }

  /**
   * A client made on first use. Callers that arrive while an attempt runs wait for it, and share its failure rather
   * than each making an attempt of their own in turn (each may take a connect timeout per server).
   */
  private static final class Lazy<T extends UnifiedJedis> {
    private final Supplier<T> factory;
    private volatile T made;
    private volatile long attempts;
    private RuntimeException lastFailure;
    private boolean closed;

    Lazy(Supplier<T> factory) {
      this.factory = factory;
    }

    T get() {
      T client = made;
      if (client != null) {
        return client;
      }
      long seen = attempts;
      synchronized (this) {
        if (made != null) {
          return made;
        }
        if (closed) {
          throw new JedisConnectionException("the Redis client is closed");
        }
        if (attempts != seen) {
          throw new JedisConnectionException("Redis could not be reached: " + lastFailure.getMessage(), lastFailure);
        }
        attempts++;
        try {
          made = factory.get();
          return made;
        } catch (RuntimeException e) {
          lastFailure = e;
          throw e;
        }
      }
    }

    synchronized void close() {
      closed = true;
      if (made != null) {
        made.close();
      }
    }
  }
}
