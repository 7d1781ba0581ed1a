package dev.tiered.bench;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/**
 * {@link UserService} again, with the same tiers and ttl, and entries that go stale after five minutes: the decorator
 * of {@link Contenders.Aged}, whose entries have gone stale and expired before its hits are measured. It declares no
 * method of its own, so every contender's code calls it as a {@code UserService}.
 */
@Tiered(name = "aging", l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "10m", stale = "5m")
public interface AgingUsers extends UserService {}
