package dev.tiered.bench;

import dev.tiered.SyncPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/**
 * {@link UserService} again, with the same name, tiers and ttl, but {@code sync = NONE}: its decorator neither joins
 * the Redis backend's invalidation bus nor announces anything. An L1 hit of it against one of {@code
 * TieredUserService} ({@code sync = INVALIDATE}, the default) shows what the bus adds to a hit: the "nothing
 * measurable". It declares no method of its own, so every contender's code calls it as a {@code UserService}.
 */
@Tiered(name = "users", l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "10m", sync = SyncPolicy.NONE)
public interface UnsyncedUsers extends UserService {}
