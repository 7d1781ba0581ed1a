package dev.tiered.runtime;

import java.io.Closeable;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * A remote tier on Redis, through Jedis. Each entry is one Redis string: the key is the entry's readable {@link
 * CacheKey#toString() key} in UTF-8 (e.g. {@code users:v1:find:42}), the value is the entry encoded by the method's
 * {@link ValueCodec}, and the Redis TTL ({@code PX}) is the entry's remaining time to live.
 *
 * <pre>{@code
 * try (RedisBackend redis = RedisBackend.connect("redis://cache.internal:6379")) {
 *   UserService users = new TieredUserService(new DbUserService(db), CaffeineBackend.create(10_000), redis);
 *   users.find(42);
 * }
 * }</pre>
 *
 * <p>A backend made by {@link #connect} or {@link #builder()} owns a connection pool with short timeouts suited to a
 * cache (200 ms to connect, 250 ms per command, by default): a slow or absent Redis costs a caller little, as the
 * decorator treats each failed call as a miss of this tier. It connects lazily, so an application starts while Redis
 * is down, and works once Redis is back without a restart. A backend made by {@link #create} uses a client that the
 * application configures and closes itself.
 *
 * <p>Instances are thread-safe.
 */
public final class RedisBackend implements Backend, Closeable {
  /** How long to wait for a connection to be established, unless set on the builder. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(200);
  /** How long to wait for the reply to a command, unless set on the builder. */
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMillis(250);
  /** The most connections a pool opens, unless set on the builder. */
  public static final int DEFAULT_MAX_CONNECTIONS = 16;
  /** The port used when neither the URI nor the builder names one. */
  public static final int DEFAULT_PORT = 6379;
  /** How long the circuit stays open after Redis was found unreachable or unresponsive, unless set on the builder. */
  public static final Duration DEFAULT_FAIL_FAST = Duration.ofSeconds(1);

  private final UnifiedJedis jedis;
  private final boolean owned;
  private final String description;
  /** Shared by every decorator using this backend, so one outage is found out by one caller at a time. */
  private final CircuitBreaker breaker;
  /** Prepended to every key, so that applications sharing a Redis keep apart; empty by default. */
  private final String keyPrefix;

  /** The state of a backend's circuit breaker (see {@link #circuit()}). */
  public enum Circuit {
    /** Calls go to Redis. */
    CLOSED,
    /** Redis was found unreachable or unresponsive: calls skip it until the open period ends. */
    OPEN,
    /** The open period ended and one call is probing Redis; the others still skip it. */
    HALF_OPEN
  }

  private RedisBackend(UnifiedJedis jedis, boolean owned, String description, Duration failFast, String keyPrefix) {
    JedisCompat.check(); // a Jedis that lacks a method we call is a configuration error: fail here, not per call
    this.jedis = jedis;
    this.owned = owned;
    this.description = description;
    this.breaker = new CircuitBreaker("Redis at " + description, failFast);
    this.keyPrefix = keyPrefix;
  }

  /**
   * A backend over a Jedis client that the application owns: its timeouts and pool are the client's, and {@link
   * #close()} leaves it open.
   *
   * <pre>{@code
   * JedisPooled jedis = new JedisPooled(poolConfig, "cache.internal", 6379, 100, password);
   * RedisBackend redis = RedisBackend.create(jedis);
   * }</pre>
   *
   * @param jedis the client, e.g. a {@code JedisPooled} or a {@code JedisCluster}
   * @throws NullPointerException if {@code jedis} is null
   */
  public static RedisBackend create(UnifiedJedis jedis) {
    Objects.requireNonNull(jedis, "jedis");
    return new RedisBackend(jedis, false, jedis.getClass().getSimpleName(), DEFAULT_FAIL_FAST, "");
  }

  /**
   * A backend that owns a connection pool to the Redis at {@code redisUri}, with the default timeouts; {@link
   * #close()} closes the pool. Nothing is connected yet: while Redis is unreachable, each call of the backend fails
   * (within the timeouts), and it works as soon as Redis is reachable.
   *
   * <pre>{@code
   * RedisBackend redis = RedisBackend.connect("redis://:secret@cache.internal:6379/2");
   * }</pre>
   *
   * @param redisUri {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://} for TLS
   * @throws NullPointerException if {@code redisUri} is null
   * @throws IllegalArgumentException if {@code redisUri} is not such a URI
   */
  public static RedisBackend connect(String redisUri) {
    return builder().uri(redisUri).build();
  }

  /**
   * A builder for a backend that owns its connection pool.
   *
   * <pre>{@code
   * RedisBackend redis = RedisBackend.builder()
   *     .host("cache.internal").port(6380)
   *     .socketTimeout(Duration.ofMillis(100))
   *     .maxConnections(64)
   *     .build();
   * }</pre>
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns {@code "redis"}. */
  @Override
  public String label() {
    return "redis";
  }

  /** Returns {@code true}: every call is a network round trip. */
  @Override
  public boolean isRemote() {
    return true;
  }

  /**
   * Reads the entry under {@code key}: {@code GET key}, decoded by {@code codec}.
   *
   * @throws CorruptEntryException when the stored bytes do not decode
   * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot be reached or answers with an error
   */
  @Override
  public <V> Entry<V> read(CacheKey key, ValueCodec<V> codec) throws CorruptEntryException {
    byte[] bytes = send(redis -> redis.get(bytes(key)));
    return bytes == null ? null : codec.decode(bytes);
  }

  /**
   * Stores {@code entry} under {@code key}: {@code PSETEX key ttlMillis bytes} (which every supported Jedis has,
   * unlike {@code SetParams.px}).
   *
   * @throws IllegalArgumentException if {@code ttlMillis} is not positive, or the codec cannot encode the value
   * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot be reached or answers with an error
   */
  @Override
  public <V> void write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) {
    if (ttlMillis <= 0) {
      throw new IllegalArgumentException("ttlMillis must be positive but was " + ttlMillis);
    }
    byte[] value = codec.encode(entry);
    send(redis -> redis.psetex(bytes(key), ttlMillis, value));
  }

  /**
   * Removes the entry under {@code key}: {@code DEL key}.
   *
   * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot be reached or answers with an error
   */
  @Override
  public void remove(CacheKey key) {
    send(redis -> redis.del(bytes(key)));
  }

  /**
   * The state of this backend's circuit breaker. It opens when a call finds Redis unreachable or unresponsive (a
   * timeout, a refused or dropped connection, a cluster that cannot route), and while it is open every call fails at
   * once with {@link TierUnavailableException}, which decorators count as skipped. After the {@link
   * Builder#failFast open period}, one call probes Redis while the others keep skipping; its answer closes the
   * circuit.
   */
  public Circuit circuit() {
    return breaker.phase();
  }

  /**
   * Asks Redis whether it answers ({@code PING}), for health checks: the round trip's duration, or the exception.
   * It goes to Redis even while the circuit is open, and leaves the circuit as it is.
   *
   * @throws redis.clients.jedis.exceptions.JedisException when Redis cannot be reached or answers with an error
   */
  public Duration ping() {
    long start = System.nanoTime();
    jedis.ping();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Calls skipped without asking Redis because the circuit was open or a probe was out, since the backend was made. */
  public long skippedCalls() {
    return breaker.skipped();
  }

  /** Sends one command through the circuit breaker: an answer closes the circuit, an outage opens it. */
  private <T> T send(Function<UnifiedJedis, T> command) {
    if (!breaker.tryAcquire()) {
      throw new TierUnavailableException(
          "Redis at " + description + " is unavailable; skipped while its circuit is open");
    }
    T reply;
    try {
      reply = command.apply(jedis);
    } catch (JedisException e) {
      if (isOutage(e)) {
        breaker.onOutage(e);
      } else {
        breaker.onAnswer(); // an error reply is still an answer
      }
      throw e;
    } catch (RuntimeException e) {
      breaker.onAnswer(); // e.g. a value that does not encode: nothing to do with Redis being there
      throw e;
    }
    breaker.onAnswer();
    return reply;
  }

  /**
   * Whether {@code e} says Redis is unreachable or unresponsive, rather than that it answered with an error: a
   * connection that failed, timed out or broke, a pool whose connections are all held by commands that do not
   * return, or a cluster that cannot route the command.
   */
  static boolean isOutage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String type = t.getClass().getSimpleName();
      String message = String.valueOf(t.getMessage());
      if (t instanceof JedisConnectionException
          || t instanceof SocketTimeoutException
          || t instanceof java.net.ConnectException
          || type.equals("JedisClusterOperationException")
          || message.startsWith("CLUSTERDOWN")
          || message.startsWith("TRYAGAIN")
          || (t instanceof NoSuchElementException && message.contains("Timeout"))) {
        return true;
      }
    }
    return false;
  }

  private byte[] bytes(CacheKey key) {
    return (keyPrefix + key).getBytes(StandardCharsets.UTF_8);
  }

  /** Closes the connection pool if this backend made it; a client passed to {@link #create} is left open. */
  @Override
  public void close() {
    if (owned) {
      jedis.close();
    }
  }

  /** E.g. {@code RedisBackend{redis://cache.internal:6379/0}}, without credentials. */
  @Override
  public String toString() {
    return "RedisBackend{" + description + "}";
  }

  /**
   * Configures a {@link RedisBackend} that owns its connection pool. Set either {@link #uri} or {@link #host} (and
   * optionally {@link #port}); everything else has a default.
   */
  public static final class Builder {
    private URI uri;
    private String host;
    private int port = -1;
    private Duration connectTimeout;
    private Duration socketTimeout;
    private int maxConnections = -1;
    private Duration failFast;
    private String keyPrefix = "";
    private UnifiedJedis client;

    private Builder() {}

    /**
     * Where Redis is, with its credentials and database if any.
     *
     * @param redisUri {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://} for TLS
     * @throws NullPointerException if {@code redisUri} is null
     * @throws IllegalArgumentException if {@code redisUri} is not such a URI
     * @throws IllegalStateException if the URI, host or port was already set
     */
    public Builder uri(String redisUri) {
      Objects.requireNonNull(redisUri, "redisUri");
      requireState(uri == null, "uri was already set to %s", uri == null ? null : redacted(uri));
      requireState(host == null, "host was already set to %s", host);
      requireState(port == -1, "port was already set to %s", port);
      URI parsed;
      try {
        parsed = new URI(redisUri);
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("redisUri is not a URI: " + e.getMessage(), e);
      }
      requireArgument(JedisURIHelper.isRedisScheme(parsed) || JedisURIHelper.isRedisSSLScheme(parsed),
          "redisUri must start with redis:// or rediss:// but was %s", redacted(parsed));
      requireArgument(parsed.getHost() != null, "redisUri must name a host but was %s", redacted(parsed));
      this.uri = parsed;
      return this;
    }

    /**
     * The Redis host, when no URI is set.
     *
     * @throws NullPointerException if {@code host} is null
     * @throws IllegalArgumentException if {@code host} is empty
     * @throws IllegalStateException if the URI or host was already set
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      requireState(uri == null, "uri was already set to %s", uri == null ? null : redacted(uri));
      requireState(this.host == null, "host was already set to %s", this.host);
      requireArgument(!host.isEmpty(), "host must not be empty");
      this.host = host;
      return this;
    }

    /**
     * The Redis port, when no URI is set; {@value RedisBackend#DEFAULT_PORT} by default.
     *
     * @throws IllegalArgumentException if {@code port} is not between 1 and 65535
     * @throws IllegalStateException if the URI or port was already set
     */
    public Builder port(int port) {
      requireState(uri == null, "uri was already set to %s", uri == null ? null : redacted(uri));
      requireState(this.port == -1, "port was already set to %s", this.port);
      requireArgument(port >= 1 && port <= 65535, "port must be between 1 and 65535 but was %s", port);
      this.port = port;
      return this;
    }

    /**
     * How long to wait for a new connection; 200 ms by default. Keep it short: a caller that reaches this tier waits
     * this long when Redis is unreachable.
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive, or longer than {@code Integer.MAX_VALUE}
     *     milliseconds
     * @throws IllegalStateException if it was already set
     */
    public Builder connectTimeout(Duration timeout) {
      requireState(connectTimeout == null, "connectTimeout was already set to %s", connectTimeout);
      this.connectTimeout = checkTimeout("connectTimeout", timeout);
      return this;
    }

    /**
     * How long to wait for the reply to one command, and for a free connection when all {@link #maxConnections}
     * are busy; 250 ms by default.
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive, or longer than {@code Integer.MAX_VALUE}
     *     milliseconds
     * @throws IllegalStateException if it was already set
     */
    public Builder socketTimeout(Duration timeout) {
      requireState(socketTimeout == null, "socketTimeout was already set to %s", socketTimeout);
      this.socketTimeout = checkTimeout("socketTimeout", timeout);
      return this;
    }

    /**
     * The most connections the pool opens; {@value RedisBackend#DEFAULT_MAX_CONNECTIONS} by default. Idle
     * connections are kept up to this number, so that a busy application does not reconnect.
     *
     * @throws IllegalArgumentException if {@code maxConnections} is less than 1
     * @throws IllegalStateException if it was already set
     */
    public Builder maxConnections(int maxConnections) {
      requireState(this.maxConnections == -1, "maxConnections was already set to %s", this.maxConnections);
      requireArgument(maxConnections >= 1, "maxConnections must be at least 1 but was %s", maxConnections);
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * How long the circuit stays open after a call found Redis unreachable or unresponsive: for that long every call
     * skips Redis at once; then one call probes it ({@link RedisBackend#circuit()}). {@link
     * RedisBackend#DEFAULT_FAIL_FAST} by default; {@link Duration#ZERO} never opens the circuit.
     *
     * @throws IllegalArgumentException if {@code failFast} is negative
     */
    public Builder failFast(Duration failFast) {
      Objects.requireNonNull(failFast, "failFast");
      requireArgument(!failFast.isNegative(), "failFast must not be negative but was %s", failFast);
      this.failFast = failFast;
      return this;
    }

    /**
     * Prepended to every Redis key ({@code myapp:users:v1:find:42} for {@code "myapp:"}); none by default. Two
     * applications that share a Redis and both name a cache {@code users} need distinct prefixes (or cache names),
     * or each takes the other's entries for corrupt ones.
     *
     * @throws NullPointerException if {@code keyPrefix} is null
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
      return this;
    }

    /**
     * Uses a Jedis client that the application made and owns (standalone, Sentinel or Cluster), instead of a pool
     * made from a URI or host: its timeouts and pool are the client's, and {@link RedisBackend#close()} leaves it
     * open. With it, only {@link #keyPrefix} and {@link #failFast} may be set.
     *
     * @throws NullPointerException if {@code client} is null
     */
    public Builder client(UnifiedJedis client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Makes the backend. Nothing is connected until the first call.
     *
     * @throws IllegalStateException if neither a URI, a host nor a client was set, or a client together with a
     *     connection setting
     */
    public RedisBackend build() {
      Duration open = failFast == null ? DEFAULT_FAIL_FAST : failFast;
      if (client != null) {
        requireState(uri == null && host == null && port == -1 && connectTimeout == null && socketTimeout == null
            && maxConnections == -1, "a client(...) brings its own connection settings: set no uri, host, port,"
            + " timeout or maxConnections with it");
        return new RedisBackend(client, false, client.getClass().getSimpleName(), open, keyPrefix);
      }
      requireState(uri != null || host != null, "set the uri or the host of Redis before build()");
      Duration connect = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
      Duration socket = socketTimeout == null ? DEFAULT_SOCKET_TIMEOUT : socketTimeout;
      int connections = maxConnections == -1 ? DEFAULT_MAX_CONNECTIONS : maxConnections;

      DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
          .connectionTimeoutMillis((int) connect.toMillis())
          .socketTimeoutMillis((int) socket.toMillis());
      HostAndPort address;
      String description;
      if (uri != null) {
        HostAndPort parsed = JedisURIHelper.getHostAndPort(uri);
        address = new HostAndPort(parsed.getHost(), parsed.getPort() > 0 ? parsed.getPort() : DEFAULT_PORT);
        client.user(JedisURIHelper.getUser(uri))
            .password(JedisURIHelper.getPassword(uri))
            .database(JedisURIHelper.getDBIndex(uri))
            .ssl(JedisURIHelper.isRedisSSLScheme(uri));
        description = redacted(uri);
      } else {
        address = new HostAndPort(host, port == -1 ? DEFAULT_PORT : port);
        description = "redis://" + address;
      }

      ConnectionPoolConfig pool = new ConnectionPoolConfig();
      pool.setMaxTotal(connections);
      pool.setMaxIdle(connections);
      // No connection is made up front, so that start-up never waits for, or fails on, Redis.
      pool.setMinIdle(0);
      // An exhausted pool is as bad as a slow Redis: give up as quickly.
      pool.setBlockWhenExhausted(true);
      pool.setMaxWait(socket);
      JedisPooled jedis = new JedisPooled(address, client.build(), pool);
      return new RedisBackend(jedis, true, description, open, keyPrefix);
    }

    private static Duration checkTimeout(String name, Duration timeout) {
      Objects.requireNonNull(timeout, name);
      requireArgument(!timeout.isNegative() && !timeout.isZero() && timeout.toMillis() >= 1,
          "%s must be at least 1 ms but was %s", name, timeout);
      requireArgument(timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) <= 0,
          "%s must be at most %s ms but was %s", name, Integer.MAX_VALUE, timeout);
      return timeout;
    }

    /** The URI without its password, for messages and {@code toString}. */
    private static String redacted(URI uri) {
      if (uri.getUserInfo() == null) {
        return uri.toString();
      }
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
          + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static void requireArgument(boolean expression, String template, Object... args) {
      if (!expression) {
        throw new IllegalArgumentException(String.format(template, args));
      }
    }

    private static void requireState(boolean expression, String template, Object... args) {
      if (!expression) {
        throw new IllegalStateException(String.format(template, args));
      }
    }
  }
}
