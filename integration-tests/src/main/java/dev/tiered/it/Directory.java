package dev.tiered.it;

import dev.tiered.Bypass;
import dev.tiered.Cached;
import dev.tiered.Invalidate;
import dev.tiered.RefillPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** The foundation's service: the contract's tiers and defaults, one method per behaviour under test. */
@Tiered(name = "dir", l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "10m")
public interface Directory {

  Person find(long id);

  String join(String first, String last);

  @Cached(refill = RefillPolicy.NEVER)
  Person findNoRefill(long id);

  @Cached(l1Ttl = "1m")
  Person findShortL1(long id);

  @Invalidate("find")
  void rename(long id, String name);

  @Bypass
  Person live(long id);
}
