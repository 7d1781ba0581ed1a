package dev.tiered.it.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A Redis Cluster of one {@code redis-server} that owns all 16,384 hash slots, on a free loopback port: enough for a
 * test of what a cluster demands of clients (a multi-key command only for keys of one slot), without the machinery
 * of a real cluster's several nodes.
 */
final class OneNodeCluster implements AutoCloseable {
  private static final int SLOTS = 16_384;

  private final Process process;
  private final Path directory;
  private final int port;

  private OneNodeCluster(Process process, Path directory, int port) {
    this.process = process;
    this.directory = directory;
    this.port = port;
  }

  /** Starts the node, gives it every slot and waits until the cluster is {@code ok}. */
  static OneNodeCluster start() {
    Path directory;
    try {
      directory = Files.createTempDirectory("tiered-cluster-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int attempt = 0; ; attempt++) {
      int port = freePort();
      Process process;
      try {
        process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-config-file", directory.resolve("nodes.conf").toString(),
                "--dir", directory.toString(), "--save", "", "--appendonly", "no")
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("redis.log").toFile())
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start redis-server (apt-get install redis-server)", e);
      }
      OneNodeCluster cluster = new OneNodeCluster(process, directory, port);
      if (cluster.awaitOk()) {
        return cluster;
      }
      cluster.close();
      if (attempt == 4) {
        throw new IllegalStateException("no one-node cluster started; see " + directory.resolve("redis.log"));
      }
    }
  }

  /** Where the node listens. */
  HostAndPort address() {
    return new HostAndPort("127.0.0.1", port);
  }

  /** A plain connection to the node, for its commands and statistics. */
  Jedis node() {
    return new Jedis(address());
  }

  private boolean awaitOk() {
    long deadline = System.nanoTime() + 20_000_000_000L;
    boolean slotsAdded = false;
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Jedis jedis = node()) {
        if (!slotsAdded) {
          jedis.clusterAddSlots(IntStream.range(0, SLOTS).toArray());
          slotsAdded = true;
        }
        if (jedis.clusterInfo().contains("cluster_state:ok")) {
          return true;
        }
      } catch (JedisException e) {
        // Not up yet.
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // A temporary directory left behind is no failure.
    }
  }
}
