package test;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "1m", l1Ttl = "5m")
public interface Catalog {
  String title(long id);
}
