package dev.tiered.it.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.testing.ManualClock;
import dev.tiered.testing.RedisServerProcess;
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
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * {@code @Bulk} over Redis Cluster, which serves an {@code MGET} only for keys of one hash slot: the ids of a bulk
 * call spread over many slots, so the backend sends one {@code MGET} per slot, pipelined. A one-node cluster owning
 * every slot enforces the same rule as a real one ({@code CROSSSLOT}).
 */
class BulkClusterTest {
  private final ManualClock clock = new ManualClock();
  private final BulkDirectory directory = new BulkDirectory();
  private final ExecutorService executor = Executors.newFixedThreadPool(4, PolicyFixture.threads("tiered"));
  private OneNodeCluster cluster;
  private JedisCluster jedis;

  @BeforeEach
  void startCluster() {
    cluster = OneNodeCluster.start();
    jedis = new JedisCluster(cluster.address());
  }

  @AfterEach
  void stopCluster() {
    executor.shutdownNow();
    jedis.close();
    cluster.close();
  }

  private TieredBulkUsers instance() {
    return TieredBulkUsers.builder().delegate(directory).l1(CaffeineBackend.create(1_000))
        .l2(RedisBackend.create(jedis)).executor(executor).clock(clock).build();
  }

  private long calls(String command) {
    try (Jedis node = cluster.node()) {
      return RedisServerProcess.commandCalls(node, command);
    }
  }

  @Test
  void idsInManySlotsAreReadWithOneMgetPerSlotAndWrittenEach() {
    List<Long> ids = LongStream.rangeClosed(101, 140).boxed().toList();
    Set<Integer> slots = ids.stream()
        .map(id -> JedisClusterCRC16.getSlot(("bulk:v1:find:" + id).getBytes(StandardCharsets.UTF_8)))
        .collect(Collectors.toSet());
    assertTrue(slots.size() > 30, "the ids spread over many slots: " + slots.size());
    long sets = calls("psetex");

    Map<Long, String> loaded = instance().findAll(ids);

    assertEquals(ids, List.copyOf(loaded.keySet()));
    assertEquals(List.of(ids), directory.bulkIds());
    assertEquals(sets + 40, calls("psetex"));
    long mgets = calls("mget");
    TieredBulkUsers other = instance();

    Map<Long, String> read = other.findAll(ids);

    assertEquals(loaded, read);
    assertEquals(40, other.stats().l2Hits(), "every id from the cluster");
    assertEquals(0, other.stats().l2Errors());
    assertEquals(mgets + slots.size(), calls("mget"), "one MGET per slot");
    assertEquals(1, directory.bulkCalls.size());
  }
}
