package test;

import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** The stub of {@code suspend fun search(matcher: Predicate<String>): List<String>}: only `matcher` is at fault. */
@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface SuspendFunction {
  @org.jetbrains.annotations.Nullable()
  java.lang.Object search(@org.jetbrains.annotations.NotNull()
  java.util.function.Predicate<java.lang.String> matcher, @org.jetbrains.annotations.NotNull()
  kotlin.coroutines.Continuation<? super java.util.List<java.lang.String>> $completion);
}
