package test;

import dev.tiered.Cached;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface OnCached {
  String find(long id);

  @Cached(ttl = "1m", l1Ttl = "30 seconds")
  String search(String text);
}
