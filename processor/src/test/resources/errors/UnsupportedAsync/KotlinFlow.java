package test;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** The stub of {@code suspend fun updates(id: Long): Flow<String>}: a stream is no value to cache. */
@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface KotlinFlow {
  @org.jetbrains.annotations.Nullable()
  java.lang.Object updates(long id, @org.jetbrains.annotations.NotNull()
  kotlin.coroutines.Continuation<? super kotlinx.coroutines.flow.Flow<java.lang.String>> $completion);
}
