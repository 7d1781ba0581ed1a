package dev.tiered.runtime.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One decorator on its cache's invalidation channel: hands what other instances announce to the right method's
 * {@link L1Sync}. Made by a {@link CacheContext} whose cache syncs its L1, and kept reachable by its methods' caches
 * (the bus holds it weakly).
 */
final class FleetMember implements InvalidationBus.Member {
  private final Map<String, L1Sync> methods = new ConcurrentHashMap<>();
  private final InvalidationBus.Channel channel;

  FleetMember(InvalidationBus bus, String cacheName) {
    this.channel = bus.join(cacheName, this);
  }

  /** Adds a cached method; returns its L1 side. */
  L1Sync add(String method, TierAccess l1, SharedGeneration generation) {
    L1Sync sync = new L1Sync(method, l1, generation, channel);
    methods.put(method, sync);
    return sync;
  }

  /** Leaves the channel, when the decorator is closed. */
  void leave() {
    channel.leave();
  }

  @Override
  public int invalidated(String method, List<String> argumentParts) {
    L1Sync sync = methods.get(method);
    return sync == null ? 0 : sync.evict(argumentParts);
  }

  @Override
  public int invalidatedAll(String method, long generation) {
    L1Sync sync = methods.get(method);
    return sync == null ? 0 : sync.followAll(generation);
  }

  @Override
  public int repair() {
    int evicted = 0;
    for (L1Sync sync : methods.values()) {
      evicted += sync.clear();
    }
    return evicted;
  }
}
