package dev.tiered.it.fleet;

import dev.tiered.Invalidate;
import dev.tiered.SyncPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** {@link Accounts} with {@code sync = NONE}: each instance's L1 keeps its entries to itself until {@code l1Ttl}. */
@Tiered(name = "local-accounts", l1 = CaffeineBackend.class, l2 = RedisBackend.class, sync = SyncPolicy.NONE)
public interface LocalAccounts {

  String find(long id);

  @Invalidate("find")
  void rename(long id, String name);
}
