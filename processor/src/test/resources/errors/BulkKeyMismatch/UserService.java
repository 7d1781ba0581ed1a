package test;

import dev.tiered.Bulk;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.Map;
import java.util.Set;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface UserService {
  String find(long id);

  @Bulk("find")
  Map<Long, String> findAll(Set<String> ids);
}
