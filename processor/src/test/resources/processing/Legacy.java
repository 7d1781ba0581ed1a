package test;

import dev.tiered.Bypass;
import dev.tiered.Invalidate;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface Legacy {
  String find(long id);

  /** @deprecated use {@link #find(long)} */
  @Deprecated
  String lookup(long id);

  /** @deprecated going away */
  @Deprecated(forRemoval = true)
  String fetch(long id);

  /** @deprecated going away */
  @Bypass
  @Deprecated(forRemoval = true)
  String ping();

  /** @deprecated use another way */
  @Deprecated
  @Invalidate("lookup")
  void forget(long id);
}
