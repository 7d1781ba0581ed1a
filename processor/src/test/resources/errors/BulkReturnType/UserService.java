package test;

import dev.tiered.Bulk;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.Collection;
import java.util.List;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface UserService {
  String find(long id);

  @Bulk("find")
  List<String> findAll(Collection<Long> ids);
}
