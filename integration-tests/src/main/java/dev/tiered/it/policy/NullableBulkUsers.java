package dev.tiered.it.policy;

import dev.tiered.Bulk;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.Collection;
import java.util.Map;

/** {@link BulkUsers} that caches nulls: an id the delegate leaves out is cached as absent. */
@Tiered(name = "nullable", l1 = CaffeineBackend.class, l2 = RedisBackend.class, cacheNulls = true)
public interface NullableBulkUsers {

  String find(long id);

  @Bulk("find")
  Map<Long, String> findAll(Collection<Long> ids);
}
