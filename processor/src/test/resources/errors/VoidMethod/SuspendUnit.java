package test;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** The stub of {@code suspend fun refresh(id: Long)}, which returns Unit. */
@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface SuspendUnit {
  @org.jetbrains.annotations.Nullable()
  java.lang.Object refresh(long id, @org.jetbrains.annotations.NotNull()
  kotlin.coroutines.Continuation<? super kotlin.Unit> $completion);
}
