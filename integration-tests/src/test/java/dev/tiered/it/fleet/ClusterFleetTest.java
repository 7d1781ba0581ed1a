package dev.tiered.it.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.InvalidationStats.Subscription;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.testing.RedisClusterProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes over a real 3-master Redis Cluster made by {@code redis-cli --cluster create}: invalidations travel over
 * sharded pub/sub as fast as over a standalone server; a dead master fails no call and holds none for long; the
 * announcements it swallowed are repaired when it is back.
 */
class ClusterFleetTest {
  /** The channel of the cache "accounts": its hash tag puts every channel of a backend in one slot. */
  private static final String CHANNEL = "{tiered}:accounts";

  private static RedisClusterProcess cluster;
  private final List<Node> nodes = new ArrayList<>();
  private AccountStore store;

  @BeforeAll
  static void startCluster() {
    cluster = RedisClusterProcess.launch(3);
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @BeforeEach
  void flush() {
    cluster.flushAll();
    store = new AccountStore();
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(Node::close);
  }

  private Node node(long l1Size) {
    Node node = new Node(RedisBackend.builder().cluster(cluster.nodes()).build(), store, l1Size);
    nodes.add(node);
    return node.awaitSubscribed();
  }

  private static String key(long id) {
    return "accounts:v1:find:" + id;
  }

  @Test
  void everyInvalidationReachesTheOtherNodesL1Within50MillisecondsAtP99() {
    Node a = node(10_000);
    Node b = node(10_000);
    long published = cluster.commandCalls("spublish");

    int calls = Propagation.assertWithin50Millis(a, b, "cluster");

    assertEquals(published + calls, cluster.commandCalls("spublish"), "sharded: one SPUBLISH per invalidating call");
  }

  @Test
  void onlyInvalidationsArePublished() {
    Node a = node(10_000);
    Node b = node(10_000);
    long before = cluster.commandCalls("spublish") + cluster.commandCalls("publish");
    for (int i = 0; i < 1_500; i++) {
      Node node = i / 300 % 2 == 0 ? a : b;
      node.accounts.find(i % 300);
    }
    assertEquals(before, cluster.commandCalls("spublish") + cluster.commandCalls("publish"));
    assertTrue(b.accounts.stats().l2Hits() > 0 && b.accounts.stats().l1Hits() > 0, b.accounts.stats().toString());
  }

  @Test
  void aDeadMasterFailsNoCallAndHoldsNoneLong() throws Exception {
    Node writer = node(10_000);
    IntStream.range(0, 300).forEach(writer.accounts::find); // entries on every master
    int dead = IntStream.range(0, 3).filter(m -> m != cluster.masterOf(CHANNEL)).findFirst().orElseThrow();
    Node caller = node(0); // no L1: every call reads L2

    cluster.kill(dead);
    AtomicInteger exceptions = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger slow = new AtomicInteger();
    AtomicLong worst = new AtomicLong();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(3);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread = new Thread(() -> {
        while (System.nanoTime() < end) {
          long id = ThreadLocalRandom.current().nextLong(300);
          long began = System.nanoTime();
          try {
            caller.accounts.find(id);
          } catch (Throwable e) {
            exceptions.incrementAndGet();
          }
          long took = System.nanoTime() - began;
          calls.incrementAndGet();
          worst.accumulateAndGet(took, Math::max);
          if (took > TimeUnit.MILLISECONDS.toNanos(200)) {
            slow.incrementAndGet();
          }
        }
      }, "caller-" + t);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(java.util.Locale.ROOT, "Dead master, 8 threads, %.1f s: %d calls, %d exceptions, worst call "
            + "%.1f ms, %d calls over 200 ms, %d L2 operations skipped by the open circuit, %s%n",
        seconds, calls.get(), exceptions.get(), worst.get() / 1e6, slow.get(), caller.redis.skippedCalls(),
        caller.accounts.stats());
    assertEquals(0, exceptions.get(), "no caller sees the dead master");
    assertTrue(caller.redis.skippedCalls() > 0, "the circuit opened on the cluster's errors");

    cluster.start(dead);
    Node reader = node(10_000);
    Node.await(() -> IntStream.range(0, 300).allMatch(id -> {
      writer.accounts.find(id);
      return true;
    }) && IntStream.range(0, 3).allMatch(m -> servedFromL2(reader, m)), () -> "L2 serves every master's slots again");
  }

  /** Whether {@code reader} gets an L2 hit for an entry on master {@code m}. */
  private boolean servedFromL2(Node reader, int m) {
    long id = IntStream.range(0, 300).filter(i -> cluster.masterOf(key(i)) == m).findFirst().orElseThrow();
    long l2Hits = reader.accounts.stats().l2Hits();
    reader.l1.clear();
    reader.accounts.find(id);
    return reader.accounts.stats().l2Hits() > l2Hits;
  }

  @Test
  void announcementsSwallowedByADeadMasterAreRepairedOnceItIsBack() {
    Node a = node(10_000);
    Node b = node(10_000);
    for (long id = 0; id < 10; id++) {
      b.accounts.find(id);
    }
    long repairs = b.bus().repairs();
    int channelMaster = cluster.masterOf(CHANNEL);

    cluster.kill(channelMaster);
    Node.await(() -> b.bus().subscription() == Subscription.CONNECTING, () -> "node B lost its subscription");
    a.accounts.rename(3, "changed");
    cluster.start(channelMaster);

    Node.await(() -> b.bus().repairs() > repairs && b.bus().subscription() == Subscription.SUBSCRIBED,
        () -> "node B repaired its L1: " + b.bus());
    Node.await(() -> b.accounts.find(3).equals("changed@3"), () -> "node B serves the rename: " + b.accounts.find(3));
  }
}
