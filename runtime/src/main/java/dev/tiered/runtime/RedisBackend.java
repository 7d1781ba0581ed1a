package dev.tiered.runtime;

import dev.tiered.runtime.internal.InvalidationBus;
import dev.tiered.runtime.internal.MethodKey;
import java.io.Closeable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;

/**
 * A remote tier on Redis, through Jedis: a standalone server, a Redis Cluster or a master found through Sentinels.
 * Each entry is one Redis string: the key is the {@link Builder#keyPrefix key prefix} (none by default) followed by
 * the entry's readable {@link CacheKey#toString() key} in UTF-8 (e.g. {@code users:v1:find:42}), the value is the
 * entry encoded by the method's {@link ValueCodec}, and the Redis TTL ({@code PX}) is the entry's remaining time to
 * live.
 *
 * <pre>{@code
 * try (RedisBackend redis = RedisBackend.connect("redis://cache.internal:6379")) {
 *   UserService users = new TieredUserService(new DbUserService(db), CaffeineBackend.create(10_000), redis);
 *   users.find(42);
 * }
 * }</pre>
 *
 * <p>A backend made by {@link #connect} or {@link #builder()} owns its clients, with short timeouts suited to a
 * cache (200 ms to connect, 250 ms per command, by default): a slow or absent Redis costs a caller little, as the
 * decorator treats each failed call as a miss of this tier. It connects lazily, so an application starts while Redis
 * (or every node of a Cluster, or every Sentinel) is down, and works once Redis is back without a restart. A backend
 * made by {@link #create} uses a client that the application configures and closes itself.
 *
 * <p>The backend also carries the invalidation bus of its decorators: see {@link #invalidations()}.
 *
 * <p>Instances are thread-safe.
 */
public final class RedisBackend implements Backend, Closeable {
  /** How long to wait for a connection to be established, unless set on the builder. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofMillis(200);
  /** How long to wait for the reply to a command, unless set on the builder. */
  public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofMillis(250);
  /** The most connections a pool opens (per node of a Cluster), unless set on the builder. */
  public static final int DEFAULT_MAX_CONNECTIONS = 16;
  /** The port used when neither the URI nor the builder names one. */
  public static final int DEFAULT_PORT = 6379;
  /** How long the circuit stays open after Redis was found unreachable or unresponsive, unless set on the builder. */
  public static final Duration DEFAULT_FAIL_FAST = Duration.ofSeconds(1);
  /** How many times a Cluster command is tried (a moved slot or a failed node costs one), unless set. */
  public static final int DEFAULT_MAX_ATTEMPTS = 2;
  /** How long a Cluster command may spend on its attempts altogether, unless set on the builder. */
  public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofMillis(400);

  static {
    // Generated code finds a backend's bus through this lookup, not through a public method of this class.
    InvalidationBus.install(backend -> backend instanceof RedisBackend redis ? redis.bus : null);
  }

  private final RedisClients clients;
  private final boolean owned;
  private final String keyPrefix;
  private final byte[] keyPrefixBytes;
  /** Shared by every decorator using this backend, so one outage is found out by one caller at a time. */
  private final CircuitBreaker breaker;
  private final RedisBus bus;

  /** The state of a backend's circuit breaker (see {@link #circuit()}). */
  public enum Circuit {
    /** Calls go to Redis. */
    CLOSED,
    /** Redis was found unreachable or unresponsive: calls skip it until the open period ends. */
    OPEN,
    /** The open period ended and one call is probing Redis; the others still skip it. */
    HALF_OPEN
  }

  RedisBackend(RedisClients clients, boolean owned, String keyPrefix, Duration failFast) {
    JedisCompat.check(); // a Jedis that lacks a method we call is a configuration error: fail here, not per call
    this.clients = clients;
    this.owned = owned;
    this.keyPrefix = keyPrefix;
    this.keyPrefixBytes = keyPrefix.getBytes(StandardCharsets.UTF_8);
    this.breaker = new CircuitBreaker("Redis at " + clients.description, failFast);
    this.bus = new RedisBus(clients, keyPrefix, (channel, message) -> send(jedis -> {
      clients.publish(jedis, channel, message);
      return null;
    }));
  }

  /**
   * A backend over a Jedis client that the application owns: its timeouts and pool are the client's, and {@link
   * #close()} leaves it open. A {@code JedisCluster} is used as a Redis Cluster (sharded pub/sub for invalidations).
   * Same as {@code builder().client(jedis).build()}.
   *
   * <pre>{@code
   * RedisBackend redis = RedisBackend.create(new JedisPooled(poolConfig, "cache.internal", 6379, 100, password));
   * }</pre>
   */
  public static RedisBackend create(UnifiedJedis jedis) {
    return builder().client(jedis).build();
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
   * A builder for a backend: a standalone Redis, a Redis Cluster, a master behind Sentinels, or a client of the
   * application's own.
   *
   * <pre>{@code
   * RedisBackend redis = RedisBackend.builder()
   *     .cluster("10.0.0.1:6379", "10.0.0.2:6379", "10.0.0.3:6379").password(secret).keyPrefix("shop:")
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

  /** {@code MGET}; on Redis Cluster one per hash slot, pipelined ({@link RedisBatch}). */
  @Override
  public <V> void readAll(List<? extends CacheKey> keys, ValueCodec<V> codec, BulkRead<V> into) {
    RedisBatch.decode(send(redis -> RedisBatch.get(redis, RedisBatch.keys(keys, this::bytes))), codec, into);
  }

  /** One pipeline of {@code PSETEX key ttlMillis bytes} ({@link RedisBatch}). */
  @Override
  public <V> void writeAll(List<? extends CacheKey> keys, List<Entry<V>> entries, long ttlMillis, ValueCodec<V> codec) {
    byte[][] values = RedisBatch.encode(entries, ttlMillis, codec);
    send(redis -> RedisBatch.set(redis, RedisBatch.keys(keys, this::bytes), values, ttlMillis));
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
    clients.commands().ping();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Calls skipped without asking Redis because the circuit was open or a probe was out, since the backend was made. */
  public long skippedCalls() {
    return breaker.skipped();
  }

  /** Sends one command through the circuit breaker: an answer closes the circuit, an outage opens it. */
  private <T> T send(Function<UnifiedJedis, T> command) {
    return breaker.call(() -> command.apply(clients.commands()));
  }

  byte[] bytes(CacheKey key) {
    return key instanceof MethodKey generated
        ? generated.toUtf8(keyPrefixBytes)
        : (keyPrefix + key).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The state of this backend's invalidation bus. Decorators with {@code sync = INVALIDATE} (the default) and an
   * in-process L1 announce each invalidation on a channel per cache (pub/sub; sharded pub/sub on a Cluster) and evict
   * from their L1 what other instances announce, through one subscription per backend, opened when the first such
   * decorator is made. While it is {@link InvalidationStats.Subscription#CONNECTING}, this instance does not hear the
   * others; its L1 is cleared when it is back.
   */
  public InvalidationStats invalidations() {
    return bus.stats();
  }

  /**
   * Ends the invalidation subscription, and closes the clients if this backend made them; a client passed to {@link
   * #create} is left open.
   */
  @Override
  public void close() {
    bus.close();
    if (owned) {
      clients.close();
    }
  }

  /** E.g. {@code RedisBackend{redis://cache.internal:6379/0}}, without credentials. */
  @Override
  public String toString() {
    return "RedisBackend{" + clients.description + "}";
  }


  /**
   * Configures a {@link RedisBackend}. Say where Redis is with exactly one of {@link #uri}, {@link #host} (and
   * optionally {@link #port}), {@link #cluster}, {@link #sentinel} or {@link #client} (a second one throws {@link
   * IllegalStateException}); everything else has a default.
   */
  public static final class Builder {
    // Package-private: RedisClients.of reads what was set.
    String target;
    URI uri;
    String host;
    int port = -1;
    List<HostAndPort> nodes;
    String masterName;
    UnifiedJedis client;
    String keyPrefix = "";
    String user;
    String password;
    int database;
    boolean ssl;
    Duration connectTimeout;
    Duration socketTimeout;
    int maxConnections = -1;
    int maxAttempts = -1;
    Duration retryBudget;
    Duration failFast;

    private Builder() {}

    /**
     * A standalone Redis, with its credentials and database if any.
     *
     * @param redisUri {@code redis://[[user]:password@]host[:port][/database]}, or {@code rediss://} for TLS
     * @throws IllegalArgumentException if {@code redisUri} is not such a URI
     */
    public Builder uri(String redisUri) {
      Objects.requireNonNull(redisUri, "redisUri");
      Checks.state(port == -1, "port was already set to %s", port);
      target("uri");
      this.uri = RedisClients.parseUri(redisUri);
      return this;
    }

    /**
     * A standalone Redis on {@code host}, at {@link #port} or {@value RedisBackend#DEFAULT_PORT}.
     *
     * @throws IllegalArgumentException if {@code host} is empty
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      Checks.argument(!host.isEmpty(), "host must not be empty");
      target("host");
      this.host = host;
      return this;
    }

    /**
     * The port of the standalone Redis set by {@link #host}; {@value RedisBackend#DEFAULT_PORT} by default.
     *
     * @throws IllegalArgumentException if {@code port} is not between 1 and 65535
     * @throws IllegalStateException if it was already set, or where Redis is was set otherwise than by host
     */
    public Builder port(int port) {
      Checks.state(target == null || target.equals("host"), "%s was already set", target);
      Checks.state(this.port == -1, "port was already set to %s", this.port);
      Checks.argument(port >= 1 && port <= 65535, "port must be between 1 and 65535 but was %s", port);
      this.port = port;
      return this;
    }

    /**
     * A Redis Cluster, found through any of {@code hostAndPorts} ({@code "10.0.0.1:6379"}). A command is tried at
     * most {@link #maxAttempts} times within {@link #retryBudget}, so a failed master costs a caller little; its
     * failures open the circuit like a standalone Redis's. Invalidations use sharded pub/sub (Redis 7 or later).
     *
     * @throws IllegalArgumentException if no node is given, or one is not {@code host:port}
     */
    public Builder cluster(String... hostAndPorts) {
      List<HostAndPort> parsed = RedisClients.parseNodes("cluster", hostAndPorts);
      target("cluster");
      this.nodes = parsed;
      return this;
    }

    /**
     * The master named {@code masterName}, found through any of the Sentinels at {@code hostAndPorts} and followed
     * across failovers (the invalidation subscription moves with it). {@link #user}, {@link #password}, {@link
     * #database} and {@link #ssl} apply to the master; the Sentinels are asked without credentials.
     *
     * @throws IllegalArgumentException if the name is empty, no Sentinel is given, or one is not {@code host:port}
     */
    public Builder sentinel(String masterName, String... hostAndPorts) {
      Objects.requireNonNull(masterName, "masterName");
      Checks.argument(!masterName.isEmpty(), "masterName must not be empty");
      List<HostAndPort> parsed = RedisClients.parseNodes("sentinel", hostAndPorts);
      target("sentinel");
      this.masterName = masterName;
      this.nodes = parsed;
      return this;
    }

    /**
     * A client that the application made and owns: its timeouts and pool are its own, and {@link
     * RedisBackend#close()} leaves it open. A {@code JedisCluster} is used as a Redis Cluster.
     */
    public Builder client(UnifiedJedis client) {
      Objects.requireNonNull(client, "client");
      target("client");
      this.client = client;
      return this;
    }

    /**
     * Prepended to every key and invalidation channel ({@code shop:users:v1:find:42} for {@code "shop:"}); none by
     * default. Two applications that share a Redis and both name a cache {@code users} need distinct prefixes (or
     * cache names), or each takes the other's entries for corrupt ones.
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
      return this;
    }

    /** The user to authenticate as (ACL), for host, cluster and sentinel; a URI carries its own. */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /** The password, for host, cluster and sentinel; a URI carries its own. */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** The database, for host and sentinel (a Cluster has only database 0); a URI carries its own. */
    public Builder database(int database) {
      Checks.argument(database >= 0, "database must not be negative but was %s", database);
      this.database = database;
      return this;
    }

    /** Whether to connect with TLS, for host, cluster and sentinel; a URI says so with {@code rediss://}. */
    public Builder ssl(boolean ssl) {
      this.ssl = ssl;
      return this;
    }

    /**
     * How long to wait for a new connection; 200 ms by default. Keep it short: a caller that reaches this tier waits
     * this long when Redis is unreachable.
     *
     * @throws IllegalArgumentException if not between 1 ms and {@code Integer.MAX_VALUE} ms
     * @throws IllegalStateException if it was already set
     */
    public Builder connectTimeout(Duration timeout) {
      Checks.state(connectTimeout == null, "connectTimeout was already set to %s", connectTimeout);
      this.connectTimeout = Checks.timeout("connectTimeout", timeout);
      return this;
    }

    /**
     * How long to wait for the reply to one command, and for a free connection when all {@link #maxConnections}
     * are busy; 250 ms by default.
     *
     * @throws IllegalArgumentException if not between 1 ms and {@code Integer.MAX_VALUE} ms
     * @throws IllegalStateException if it was already set
     */
    public Builder socketTimeout(Duration timeout) {
      Checks.state(socketTimeout == null, "socketTimeout was already set to %s", socketTimeout);
      this.socketTimeout = Checks.timeout("socketTimeout", timeout);
      return this;
    }

    /**
     * The most connections a pool opens (one pool per node of a Cluster); {@value
     * RedisBackend#DEFAULT_MAX_CONNECTIONS} by default. Idle connections are kept up to this number, so that a busy
     * application does not reconnect.
     *
     * @throws IllegalArgumentException if {@code maxConnections} is less than 1
     * @throws IllegalStateException if it was already set
     */
    public Builder maxConnections(int maxConnections) {
      Checks.state(this.maxConnections == -1, "maxConnections was already set to %s", this.maxConnections);
      Checks.argument(maxConnections >= 1, "maxConnections must be at least 1 but was %s", maxConnections);
      this.maxConnections = maxConnections;
      return this;
    }

    /** How many times a Cluster command is tried; {@value RedisBackend#DEFAULT_MAX_ATTEMPTS} by default. */
    public Builder maxAttempts(int maxAttempts) {
      Checks.argument(maxAttempts >= 1, "maxAttempts must be at least 1 but was %s", maxAttempts);
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** How long a Cluster command may take over all its attempts; {@link RedisBackend#DEFAULT_RETRY_BUDGET}. */
    public Builder retryBudget(Duration retryBudget) {
      this.retryBudget = Checks.timeout("retryBudget", retryBudget);
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
      Checks.argument(!failFast.isNegative(), "failFast must not be negative but was %s", failFast);
      this.failFast = failFast;
      return this;
    }

    /**
     * Makes the backend. Nothing is connected until the first call.
     *
     * @throws IllegalStateException if where Redis is was not set, or an option does not apply to it (credentials
     *     with a URI or a client of the application's, timeouts and pool sizes with a client)
     */
    public RedisBackend build() {
      Checks.state(target != null,
          "set where Redis is before build(): the uri or the host, the cluster, the sentinel or a client");
      return new RedisBackend(
          RedisClients.of(this), !target.equals("client"), keyPrefix, failFast == null ? DEFAULT_FAIL_FAST : failFast);
    }

    private void target(String kind) {
      Checks.state(target == null, "%s was already set", target);
      target = kind;
    }
  }
}
