package dev.tiered.it.reliability;

import dev.tiered.Cached;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** Build A of a rolling deploy: caches null scores. */
@Tiered(name = "scores", l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface ScoresWithNulls {
  @Cached(cacheNulls = true)
  Integer score(String name);
}
