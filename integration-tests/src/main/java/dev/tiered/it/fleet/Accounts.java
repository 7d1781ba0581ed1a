package dev.tiered.it.fleet;

import dev.tiered.Invalidate;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/**
 * The service of the fleet tests: every instance (node) has its own L1 and its own {@link RedisBackend}, and the
 * default {@code sync = INVALIDATE}, so an invalidation on one node reaches every other node's L1.
 */
@Tiered(name = "accounts", l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface Accounts {

  String find(long id);

  @Invalidate("find")
  void rename(long id, String name);

  @Invalidate(value = "find", all = true)
  void renameAll(String name);

  /** The owner's name in upper case: a second cached method, so that one call can invalidate entries of both. */
  String owner(long id);

  /** Renames {@code id} and removes both its entries: one announcement names both methods. */
  @Invalidate({"find", "owner"})
  void transfer(long id, String name);
}
