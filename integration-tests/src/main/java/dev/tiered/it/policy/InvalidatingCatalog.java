package dev.tiered.it.policy;

import dev.tiered.Invalidate;
import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;
import java.util.concurrent.CompletableFuture;

/** Invalidation: the entries of both cached methods for an id are removed from both tiers, concurrently. */
@Tiered(name = "inv", l1 = Backend.class, l2 = Backend.class)
public interface InvalidatingCatalog extends Lookup {

  @Invalidate({"find", "findAsync"})
  void evict(long id);

  @Invalidate("find")
  CompletableFuture<Void> evictAsync(long id);
}
