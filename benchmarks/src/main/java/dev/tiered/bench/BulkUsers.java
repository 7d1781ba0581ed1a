package dev.tiered.bench;

import dev.tiered.Bulk;
import dev.tiered.Cached;
import dev.tiered.RefillPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.Collection;
import java.util.Map;

/**
 * The bulk subject: {@code find} and a bulk method over its entries. {@code refill = NEVER} keeps an id that only
 * Redis holds out of L1, so that every measured call sees the same mix of L1 and Redis hits.
 */
@Tiered(name = "bulk", l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "10m")
public interface BulkUsers {

  /** One user by id. */
  @Cached(refill = RefillPolicy.NEVER)
  User find(long id);

  /** The users of {@code ids}, each through the entry of {@link #find}. */
  @Bulk("find")
  Map<Long, User> findAll(Collection<Long> ids);
}
