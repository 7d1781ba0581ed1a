package test;

import dev.tiered.Bulk;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.Map;
import java.util.Set;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface UserService {
  String search(String name, int page);

  @Bulk("search")
  Map<String, String> searchAll(Set<String> names);
}
