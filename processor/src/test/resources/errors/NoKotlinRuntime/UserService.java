package test;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** A Kotlin interface's kapt stub, compiled without tiered-runtime-kotlin. */
@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface UserService {
  @org.jetbrains.annotations.Nullable()
  java.lang.Object find(long id, @org.jetbrains.annotations.NotNull()
  kotlin.coroutines.Continuation<? super java.lang.String> $completion);
}
