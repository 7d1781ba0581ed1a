package dev.tiered.it.fleet;

import dev.tiered.it.policy.Await;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.InvalidationStats;
import dev.tiered.runtime.InvalidationStats.Subscription;
import dev.tiered.runtime.RedisBackend;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One instance of a service in a fleet test: its own L1, its own {@link RedisBackend} (so its own subscription), and
 * the generated decorator over the store that every node shares. Two nodes in one JVM talk to each other only
 * through Redis.
 */
final class Node implements AutoCloseable {
  /** Generous, for a loaded two-core machine: a wait that succeeds takes milliseconds. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  final RedisBackend redis;
  final CaffeineBackend l1;
  final TieredAccounts accounts;

  Node(RedisBackend redis, Accounts store) {
    this(redis, store, 10_000);
  }

  /** A node whose L1 holds at most {@code l1Size} entries: none, for a node whose every call reads L2. */
  Node(RedisBackend redis, Accounts store, long l1Size) {
    this.redis = redis;
    this.l1 = CaffeineBackend.create(l1Size);
    this.accounts = new TieredAccounts(store, l1, redis);
  }

  /** Waits until this node hears every cache's channel. */
  Node awaitSubscribed() {
    await(() -> redis.invalidations().subscription() == Subscription.SUBSCRIBED,
        () -> "subscribed: " + redis.invalidations());
    return this;
  }

  InvalidationStats bus() {
    return redis.invalidations();
  }

  @Override
  public void close() {
    redis.close();
  }

  /** Waits until {@code condition} holds, failing with {@code what} when it does not within {@link #TIMEOUT}. */
  static void await(BooleanSupplier condition, Supplier<String> what) {
    Await.until(TIMEOUT, condition, what);
  }
}
