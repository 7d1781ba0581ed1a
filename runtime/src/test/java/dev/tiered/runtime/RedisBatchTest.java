package dev.tiered.runtime;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * How a bulk read is split for Redis Cluster, which serves an {@code MGET} only for keys of one hash slot: {@link
 * RedisBatch#slotGroups} against Jedis's own slot function. (A real cluster is exercised in the integration tests.)
 */
class RedisBatchTest {

  private static byte[][] keys(String... keys) {
    return Arrays.stream(keys).map(k -> k.getBytes(UTF_8)).toArray(byte[][]::new);
  }

  @Test
  void everyGroupHoldsTheKeysOfExactlyOneSlotAndEveryKeyIsInOneGroup() {
    byte[][] keys = IntStream.range(0, 500).mapToObj(i -> "users:v1:find:" + i).map(k -> k.getBytes(UTF_8))
        .toArray(byte[][]::new);

    List<int[]> groups = RedisBatch.slotGroups(keys);

    Set<Integer> slots = new HashSet<>();
    int[] seen = new int[keys.length];
    for (int[] group : groups) {
      int slot = JedisClusterCRC16.getSlot(keys[group[0]]);
      assertTrue(slots.add(slot), "one group per slot");
      for (int i : group) {
        assertEquals(slot, JedisClusterCRC16.getSlot(keys[i]), "every key of a group is in its slot");
        seen[i]++;
      }
    }
    assertTrue(Arrays.stream(seen).allMatch(n -> n == 1), "every key in exactly one group");
    assertTrue(groups.size() > 100, "ids without a hash tag spread over many slots: " + groups.size());
  }

  @Test
  void groupsFollowTheOrderOfTheirFirstKeyAndKeepTheKeysInOrder() {
    // {a} and {b} are hash tags: only the tag is hashed, so these keys fall in two slots, interleaved.
    byte[][] keys = keys("{a}:1", "{b}:1", "{a}:2", "{b}:2", "{a}:3");

    List<int[]> groups = RedisBatch.slotGroups(keys);

    assertEquals(2, groups.size());
    assertArrayEquals(new int[] {0, 2, 4}, groups.get(0));
    assertArrayEquals(new int[] {1, 3}, groups.get(1));
  }

  @Test
  void keysOfOneSlotMakeOneGroup() {
    List<int[]> groups = RedisBatch.slotGroups(keys("{users}:1", "{users}:2", "{users}:3"));

    assertEquals(1, groups.size());
    assertArrayEquals(new int[] {0, 1, 2}, groups.get(0));
  }
}
