package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.testing.ManualClock;
import dev.tiered.testing.RedisClusterProcess;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * {@code @Bulk} over a Redis Cluster of three masters, which serves an {@code MGET} only for keys of one hash slot:
 * the ids of a bulk call spread over many slots and all three nodes, so the backend sends one {@code MGET} per slot,
 * in one pipeline that reaches each node.
 */
class BulkClusterTest {
  private final ManualClock clock = new ManualClock();
  private final BulkDirectory directory = new BulkDirectory();
  private final ExecutorService executor = Executors.newFixedThreadPool(4, PolicyFixture.threads("tiered"));
  private RedisClusterProcess cluster;
  private RedisBackend l2;

  @BeforeEach
  void startCluster() {
    cluster = RedisClusterProcess.launch(3);
    l2 = RedisBackend.builder().cluster(cluster.nodes()).build();
  }

  @AfterEach
  void stopCluster() {
    executor.shutdownNow();
    l2.close();
    cluster.close();
  }

  private TieredBulkUsers instance() {
    return TieredBulkUsers.builder()
        .delegate(directory).l1(CaffeineBackend.create(1_000)).l2(l2).executor(executor).clock(clock).build();
  }

  @Test
  void idsInManySlotsAreReadWithOneMgetPerSlotAndWrittenEach() {
    List<Long> ids = LongStream.rangeClosed(101, 140).boxed().toList();
    Set<Integer> slots = ids.stream()
        .map(id -> JedisClusterCRC16.getSlot(("bulk:v1:find:" + id).getBytes(StandardCharsets.UTF_8)))
        .collect(Collectors.toSet());
    Set<Integer> masters = ids.stream().map(id -> cluster.masterOf("bulk:v1:find:" + id)).collect(Collectors.toSet());
    assertTrue(slots.size() > 30 && masters.size() == 3, slots.size() + " slots on " + masters.size() + " masters");
    long writes = cluster.commandCalls("psetex");

    Map<Long, String> loaded = instance().findAll(ids);

    assertEquals(ids, List.copyOf(loaded.keySet()));
    assertEquals(List.of(ids), directory.bulkIds());
    assertEquals(writes + 40, cluster.commandCalls("psetex"));
    long mgets = cluster.commandCalls("mget");
    TieredBulkUsers other = instance();

    Map<Long, String> read = other.findAll(ids);

    assertEquals(loaded, read);
    assertEquals(40, other.stats().l2Hits(), "every id from the cluster");
    assertEquals(0, other.stats().l2Errors());
    assertEquals(mgets + slots.size(), cluster.commandCalls("mget"), "one MGET per slot");
    assertEquals(1, directory.bulkCalls.size());
  }
}
