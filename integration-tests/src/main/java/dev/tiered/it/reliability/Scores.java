package dev.tiered.it.reliability;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** Build B of the same rolling deploy: the same cache, but the score is a primitive that can never be null. */
@Tiered(name = "scores", l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface Scores {
  int score(String name);
}
