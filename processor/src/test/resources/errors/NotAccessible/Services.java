package test;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

public final class Services {
  private Services() {}

  @Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
  private interface Hidden {
    String find(long id);
  }
}
