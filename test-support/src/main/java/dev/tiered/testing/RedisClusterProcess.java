package dev.tiered.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A real Redis Cluster of masters without replicas, each a {@code redis-server} on a free loopback port, joined by
 * {@code redis-cli --cluster create}; for tests.
 *
 * <pre>{@code
 * try (RedisClusterProcess cluster = RedisClusterProcess.launch(3);
 *      RedisBackend backend = RedisBackend.builder().cluster(cluster.nodes()).build()) {
 *   int master = cluster.masterOf("users:v1:find:1");
 *   cluster.kill(master);       // its slots fail; the others keep serving
 *   cluster.start(master);      // same port, same node id, its slots again, no data
 * }
 * }</pre>
 *
 * <p>The nodes use a short failure timeout ({@value #NODE_TIMEOUT_MILLIS} ms) and do not require full coverage, so
 * that a dead master takes only its own slots down, as a cache deployment would configure it. {@code redis-server}
 * and {@code redis-cli} come from the {@code PATH}; without them {@link #launch} fails, saying how to install them.
 */
public final class RedisClusterProcess implements AutoCloseable {
  /** How long a silent node takes to be marked failed by the others. */
  public static final int NODE_TIMEOUT_MILLIS = 2_000;
  private static final String HOST = "127.0.0.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern CALLS = Pattern.compile("calls=(\\d+)");

  private final List<RedisServerProcess> masters;

  private RedisClusterProcess(List<RedisServerProcess> masters) {
    this.masters = masters;
  }

  /**
   * Starts {@code masters} nodes, joins them into one cluster that covers every slot, and waits until every node
   * reports {@code cluster_state:ok}.
   *
   * @throws IllegalArgumentException if {@code masters} is less than 3 (what {@code redis-cli} accepts)
   * @throws IllegalStateException if a server does not start, or the cluster does not form
   */
  public static RedisClusterProcess launch(int masters) {
    if (masters < 3) {
      throw new IllegalArgumentException("a Redis Cluster needs at least 3 masters, not " + masters);
    }
    List<RedisServerProcess> nodes = new ArrayList<>();
    RedisClusterProcess cluster = new RedisClusterProcess(nodes);
    try {
      for (int i = 0; i < masters; i++) {
        nodes.add(RedisServerProcess.launch(List.of(
            "--cluster-enabled", "yes",
            "--cluster-node-timeout", Integer.toString(NODE_TIMEOUT_MILLIS),
            "--cluster-require-full-coverage", "no")));
      }
      List<String> create = new ArrayList<>(List.of(redisCli().toString(), "--cluster", "create"));
      create.addAll(List.of(cluster.nodes()));
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      run(create);
      cluster.awaitReady();
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** {@code host:port} of every master, for {@code RedisBackend.builder().cluster(...)}. */
  public String[] nodes() {
    return masters.stream().map(m -> HOST + ":" + m.port()).toArray(String[]::new);
  }

  /** The master processes, by index. */
  public RedisServerProcess master(int index) {
    return masters.get(index);
  }

  /** The index of the master that serves {@code key}'s slot (or {@code channel}'s, for sharded pub/sub). */
  public int masterOf(String key) {
    int slot = JedisClusterCRC16.getSlot(key);
    for (RedisServerProcess master : masters) {
      if (!master.isRunning()) {
        continue;
      }
      try (Jedis jedis = client(master)) {
        // Lines of CLUSTER NODES: <id> <ip:port@cport> <flags> <master> <ping> <pong> <epoch> <link> <slot ranges...>
        for (String line : jedis.clusterNodes().split("\n")) {
          String[] fields = line.trim().split(" ");
          for (int i = 8; i < fields.length; i++) {
            String[] range = fields[i].split("-");
            if (range[0].startsWith("[")) {
              continue; // a slot being migrated
            }
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            if (slot >= from && slot <= to) {
              int port = Integer.parseInt(fields[1].substring(fields[1].lastIndexOf(':') + 1, fields[1].indexOf('@')));
              return indexOf(port);
            }
          }
        }
      }
    }
    throw new IllegalStateException("no running master knows who serves slot " + slot + " of " + key);
  }

  private int indexOf(int port) {
    for (int i = 0; i < masters.size(); i++) {
      if (masters.get(i).port() == port) {
        return i;
      }
    }
    throw new IllegalStateException("no master listens on port " + port);
  }

  /** Kills master {@code index} (SIGKILL): its slots go unserved until {@link #start}. */
  public void kill(int index) {
    masters.get(index).stop();
  }

  /**
   * Starts master {@code index} again on its port, with its node id and slots (its {@code nodes.conf} survived) and
   * no data, and waits until every node reports the cluster ok again.
   */
  public void start(int index) {
    masters.get(index).start();
    awaitReady();
  }

  /** How many times the running masters ran {@code command} (e.g. {@code "spublish"}), by INFO commandstats. */
  public long commandCalls(String command) {
    long calls = 0;
    for (RedisServerProcess master : masters) {
      if (master.isRunning()) {
        try (Jedis jedis = client(master)) {
          for (String line : jedis.info("commandstats").split("\r?\n")) {
            Matcher m = CALLS.matcher(line);
            if (line.startsWith("cmdstat_" + command + ":") && m.find()) {
              calls += Long.parseLong(m.group(1));
            }
          }
        }
      }
    }
    return calls;
  }

  /** Removes every key from every running master. */
  public void flushAll() {
    masters.stream().filter(RedisServerProcess::isRunning).forEach(RedisServerProcess::flushAll);
  }

  /** Kills every node and removes their directories. Idempotent. */
  @Override
  public void close() {
    masters.forEach(RedisServerProcess::close);
  }

  @Override
  public String toString() {
    return "RedisClusterProcess" + masters;
  }

  // ---------------------------------------------------------------------------------------------------------------

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      last = masters.stream().map(RedisClusterProcess::state).toList().toString();
      if (masters.stream().allMatch(m -> state(m).equals("ok"))) {
        return;
      }
      sleep(50);
    }
    throw new IllegalStateException("the cluster did not become ok within " + READY_TIMEOUT + ": " + last);
  }

  /** {@code ok}, {@code fail}, or why the node did not say. */
  private static String state(RedisServerProcess node) {
    if (!node.isRunning()) {
      return "stopped";
    }
    try (Jedis jedis = client(node)) {
      String info = jedis.clusterInfo();
      Matcher m = Pattern.compile("cluster_state:(\\w+)").matcher(info);
      boolean allSlots = info.contains("cluster_slots_ok:16384");
      return m.find() ? (m.group(1).equals("ok") && !allSlots ? "ok but slots missing" : m.group(1)) : info;
    } catch (JedisException e) {
      return e.toString();
    }
  }

  private static Jedis client(RedisServerProcess node) {
    return new Jedis(new HostAndPort(HOST, node.port()),
        DefaultJedisClientConfig.builder().connectionTimeoutMillis(2_000).socketTimeoutMillis(2_000).build());
  }

  private static Path redisCli() {
    Path server = RedisServerProcess.findExecutable(System.getenv("PATH"));
    Path cli = server.resolveSibling("redis-cli");
    if (Files.isExecutable(cli)) {
      return cli;
    }
    throw new IllegalStateException("redis-cli was not found next to " + server + ": the cluster tests need it "
        + "(it comes with redis-server in Debian's redis-tools, or with `brew install redis`)");
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cluster", e);
    }
  }
}
