package test;

import dev.tiered.Bypass;
import dev.tiered.Cached;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface UserService {
  @Bypass
  @Cached(ttl = "1m")
  String now();
}
