package dev.tiered.it.policy;

import dev.tiered.Cached;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** The contract's own example tiers, Caffeine over Redis, with the default policies. */
@Tiered(name = "users", l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface Users extends Lookup {

  @Cached(stale = "1m")
  String profile(long id);
}
