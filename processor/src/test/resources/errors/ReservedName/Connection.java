package test;

import dev.tiered.Bypass;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface Connection {
  String version();

  @Bypass
  void close();
}
