package test;

import dev.tiered.Bulk;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.Bypass;
import java.util.Map;
import java.util.Set;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface Bypassed {
  @Bypass
  String now(String zone);

  @Bulk("now")
  Map<String, String> nowIn(Set<String> zones);
}
