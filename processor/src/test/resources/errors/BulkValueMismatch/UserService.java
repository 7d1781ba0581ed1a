package test;

import dev.tiered.Bulk;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface UserService {
  Optional<String> find(long id);

  @Bulk("find")
  CompletionStage<Map<Long, Optional<String>>> findAll(Collection<Long> ids);
}
