package test;

import dev.tiered.Invalidate;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import kotlin.Unit;
import kotlin.coroutines.Continuation;

/**
 * Stubs of Kotlin suspend functions whose names are those the decorator of a suspend function uses: the bridge, its
 * methods, the lambda's parameter, the started call's local, the asynchronous counterpart; an overload; and a
 * continuation named as older kapt versions named it.
 */
@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface Clashes {
  Object find(long continuation, String call, Continuation<? super String> $completion);

  Object find(String SuspendBridge, Continuation<? super String> continuation);

  Object findAsync(long key, Continuation<? super Integer> $completion);

  Object await(long value, Continuation<? super Long> $completion);

  @Invalidate("find")
  Object callThen(long continuation, String call, Continuation<? super Unit> $completion);

  @Invalidate(value = "find", all = true)
  Object start(String SuspendBridge, Continuation<? super Unit> continuation);
}
