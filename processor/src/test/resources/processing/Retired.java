package test;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** @deprecated replaced by another service */
@Deprecated(forRemoval = true)
@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface Retired {
  String find(long id);
}
