package test;

import dev.tiered.Bulk;
import dev.tiered.Tiered;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;
import java.util.Collection;
import java.util.Map;
import kotlin.coroutines.Continuation;

/** Bulk methods over the entries of a Kotlin suspend function, as kapt's stubs declare them. */
@Tiered(l1 = CaffeineBackend.class, l2 = RedisBackend.class)
public interface SuspendUsers {
  Object find(long id, Continuation<? super String> $completion);

  @Bulk("find")
  Map<Long, String> findAll(Collection<Long> ids);

  /** A bulk method that is itself a suspend function: {@code suspend fun findSome(ids: Set<Long>): Map<Long, String>}. */
  @Bulk("find")
  Object findSome(java.util.Set<Long> ids, Continuation<? super Map<Long, String>> $completion);
}
