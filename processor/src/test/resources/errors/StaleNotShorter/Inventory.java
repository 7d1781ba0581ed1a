package test;

import dev.tiered.Cached;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "10m", stale = "2m")
public interface Inventory {
  int count(String sku);

  @Cached(ttl = "90s")
  int reserved(String sku);
}
