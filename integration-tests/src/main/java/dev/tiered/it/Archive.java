package dev.tiered.it;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** A second cache with a method of the same name and shape as {@link Directory#find}, to prove names separate. */
@Tiered(name = "archive", l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface Archive {

  Person find(long id);
}
