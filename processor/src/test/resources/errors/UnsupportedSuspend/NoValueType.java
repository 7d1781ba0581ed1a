package test;

import dev.tiered.Invalidate;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import kotlin.coroutines.Continuation;

@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface NoValueType {
  String find(long id);

  @Invalidate("find")
  Object rename(long id, Continuation<?> $completion);
}
