package dev.tiered.it.policy;

import dev.tiered.Bulk;
import dev.tiered.Invalidate;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The bulk pattern over Caffeine and Redis: {@code find} and three bulk methods that read and fill its
 * entries (one per collection type, one asynchronous), stale after 1 minute, invalidated by {@code rename}.
 */
@Tiered(name = "bulk", l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "10m", stale = "1m")
public interface BulkUsers {

  String find(long id);

  @Bulk("find")
  Map<Long, String> findAll(Collection<Long> ids);

  @Bulk("find")
  Map<Long, String> findList(List<Long> ids);

  @Bulk("find")
  CompletionStage<Map<Long, String>> findAllAsync(Set<Long> ids);

  @Invalidate("find")
  void rename(long id, String name);
}
