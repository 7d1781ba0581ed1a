package dev.tiered.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A real Sentinel deployment for tests: a master, its replica, and one Sentinel watching them (quorum 1), each a
 * {@code redis-server} on a free loopback port.
 *
 * <pre>{@code
 * try (RedisSentinelProcess sentinel = RedisSentinelProcess.launch();
 *      RedisBackend backend = RedisBackend.builder().sentinel(sentinel.masterName(), sentinel.sentinels()).build()) {
 *   sentinel.failover();   // the replica becomes the master, the old master its replica
 * }
 * }</pre>
 */
public final class RedisSentinelProcess implements AutoCloseable {
  private static final String MASTER_NAME = "tiered";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final RedisServerProcess first;
  private final RedisServerProcess second;
  private final Path configDirectory;
  private RedisServerProcess sentinel;

  private RedisSentinelProcess(RedisServerProcess first, RedisServerProcess second, Path configDirectory) {
    this.first = first;
    this.second = second;
    this.configDirectory = configDirectory;
  }

  /**
   * Starts a master, a replica of it and a Sentinel, and waits until the Sentinel knows the replica (so that it can
   * fail over to it).
   *
   * @throws IllegalStateException if a server does not start or the Sentinel does not see the replica
   */
  public static RedisSentinelProcess launch() {
    RedisServerProcess master = RedisServerProcess.launch();
    RedisSentinelProcess deployment = null;
    try {
      RedisServerProcess replica =
          RedisServerProcess.launch(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
      deployment = new RedisSentinelProcess(master, replica, Files.createTempDirectory("tiered-sentinel-"));
      // A Sentinel promotes only a replica it saw in sync: let it sync before the Sentinel first looks.
      deployment.await("the replica is in sync", () -> replicaInSync(replica.port()));
      Path config = deployment.configDirectory.resolve("sentinel.conf");
      Files.writeString(config, "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 1\n"
          + "sentinel down-after-milliseconds " + MASTER_NAME + " 1000\n"
          + "sentinel failover-timeout " + MASTER_NAME + " 5000\n");
      deployment.sentinel = RedisServerProcess.launch(List.of(config.toString()), List.of("--sentinel"));
      RedisSentinelProcess started = deployment;
      started.await("the Sentinel sees the replica", () -> started.replicasKnown() > 0);
      return started;
    } catch (IOException e) {
      close(deployment, master);
      throw new UncheckedIOException("cannot write the Sentinel's configuration", e);
    } catch (RuntimeException | Error e) {
      close(deployment, master);
      throw e;
    }
  }

  private static void close(RedisSentinelProcess deployment, RedisServerProcess master) {
    if (deployment != null) {
      deployment.close();
    } else {
      master.close();
    }
  }

  /** The name the Sentinel knows the master by. */
  public String masterName() {
    return MASTER_NAME;
  }

  /** {@code host:port} of the Sentinel, for {@code RedisBackend.builder().sentinel(...)}. */
  public String[] sentinels() {
    return new String[] {"127.0.0.1:" + sentinel.port()};
  }

  /** The port of the master, as the Sentinel names it now. */
  public int masterPort() {
    try (Jedis jedis = client(sentinel.port())) {
      return Integer.parseInt(jedis.sentinelGetMasterAddrByName(MASTER_NAME).get(1));
    }
  }

  /**
   * Makes the Sentinel fail over ({@code SENTINEL FAILOVER}): the replica becomes the master and the old master,
   * still running, its replica. Waits until the new master says so.
   */
  public void failover() {
    int before = masterPort();
    try (Jedis jedis = client(sentinel.port())) {
      jedis.sentinelFailover(MASTER_NAME);
    }
    await("the Sentinel names the replica as the master", () -> masterPort() != before && isMaster(masterPort()));
  }

  @Override
  public void close() {
    if (sentinel != null) {
      sentinel.close();
    }
    second.close();
    first.close();
    try (var files = Files.walk(configDirectory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }

  private long replicasKnown() {
    try (Jedis jedis = client(sentinel.port())) {
      List<Map<String, String>> replicas = jedis.sentinelReplicas(MASTER_NAME);
      return replicas.stream()
          .filter(r -> !r.getOrDefault("flags", "").contains("down"))
          .filter(r -> "ok".equals(r.get("master-link-status")))
          .count();
    } catch (JedisException e) {
      return 0;
    }
  }

  private static boolean replicaInSync(int port) {
    try (Jedis jedis = client(port)) {
      return jedis.info("replication").contains("master_link_status:up");
    } catch (JedisException e) {
      return false;
    }
  }

  private static boolean isMaster(int port) {
    try (Jedis jedis = client(port)) {
      return jedis.info("replication").contains("role:master");
    } catch (JedisException e) {
      return false;
    }
  }

  private void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("timed out after " + READY_TIMEOUT + " waiting until " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting until " + what, e);
      }
    }
  }

  private static Jedis client(int port) {
    return new Jedis(new HostAndPort("127.0.0.1", port),
        DefaultJedisClientConfig.builder().connectionTimeoutMillis(2_000).socketTimeoutMillis(2_000).build());
  }
}
