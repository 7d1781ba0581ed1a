package test;

import dev.tiered.Bulk;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.List;
import java.util.Map;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface MapKeys {
  String find(long id);

  @Bulk("find")
  Map<Integer, String> findAll(List<Long> ids);
}
