package dev.tiered.it.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tiered.runtime.InvalidationStats.Subscription;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.testing.RedisSentinelProcess;
import org.junit.jupiter.api.Test;

/**
 * Nodes over a master found through a Sentinel: after a failover, each node's subscription moves to the new master
 * (the old one, demoted, still answers, so nothing but the master's move tells the subscription to go), its L1 is
 * repaired, and invalidations reach it again.
 */
class SentinelFleetTest {

  @Test
  void theSubscriptionFollowsAFailoverAndRepairsL1() {
    AccountStore store = new AccountStore();
    try (RedisSentinelProcess sentinel = RedisSentinelProcess.launch();
         Node a = new Node(backend(sentinel), store);
         Node b = new Node(backend(sentinel), store)) {
      a.awaitSubscribed();
      b.awaitSubscribed();
      b.accounts.find(1);
      a.accounts.rename(1, "before");
      Node.await(() -> b.accounts.find(1).equals("before@1"), () -> "node B heard the rename before the failover");
      b.accounts.find(2);
      long repairs = b.bus().repairs();

      sentinel.failover();

      Node.await(() -> b.bus().repairs() > repairs && b.bus().subscription() == Subscription.SUBSCRIBED,
          () -> "node B moved its subscription to the new master: " + b.bus());
      long l1Hits = b.accounts.stats().l1Hits();
      assertEquals("first@2", b.accounts.find(2));
      assertEquals(l1Hits, b.accounts.stats().l1Hits(), "node B's L1 was cleared by the move");
      Node.await(() -> a.redis.circuit() == RedisBackend.Circuit.CLOSED && writes(a), () -> "node A writes again");
      a.accounts.rename(2, "after");
      Node.await(() -> b.accounts.find(2).equals("after@2"), () -> "node B heard the rename after the failover");
    }
  }

  private static RedisBackend backend(RedisSentinelProcess sentinel) {
    return RedisBackend.builder().sentinel(sentinel.masterName(), sentinel.sentinels()).build();
  }

  /** Whether node A's L2 takes a write: its client follows the new master once the Sentinel says so. */
  private static boolean writes(Node a) {
    long errors = a.accounts.stats().l2Errors() + a.accounts.stats().skipped();
    a.accounts.find(1_000 + System.nanoTime() % 1_000_000);
    return a.accounts.stats().l2Errors() + a.accounts.stats().skipped() == errors;
  }
}
