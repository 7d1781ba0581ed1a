package test;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import kotlin.coroutines.Continuation;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface NotLast {
  Object find(Continuation<? super String> callback, long id);
}
