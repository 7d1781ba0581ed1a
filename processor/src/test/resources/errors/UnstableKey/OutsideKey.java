package test;

import dev.tiered.Key;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface OutsideKey {
  String search(@Key String text, Filter filter);
}
