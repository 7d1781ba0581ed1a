package test;

import dev.tiered.Bypass;
import dev.tiered.Cached;
import dev.tiered.Invalidate;
import dev.tiered.Key;
import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.WritePolicy;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/**
 * What kapt's stub of this Kotlin interface looks like:
 *
 * <pre>
 * &#64;Tiered(name = "accounts", l1 = CaffeineBackend::class, l2 = RedisBackend::class, ttl = "5m")
 * interface AccountService {
 *   data class Account(val id: Long, val owner: String)
 *   suspend fun find(id: Long): Account?
 *   &#64;Cached(read = ReadPolicy.RACE, write = WritePolicy.SEQUENTIAL, ttl = "1m")
 *   suspend fun byOwner(&#64;Key owner: String, requestId: String): List&lt;Account&gt;
 *   suspend fun balance(id: Long): Long
 *   &#64;Invalidate("find") suspend fun rename(id: Long, owner: String)
 *   &#64;Invalidate(value = ["find", "byOwner"], all = true) suspend fun purge(): Int
 *   &#64;Bypass suspend fun audit(id: Long): String
 *   fun count(): Int
 * }
 * </pre>
 */
@Tiered(name = "accounts", l1 = CaffeineBackend.class, l2 = RedisBackend.class, ttl = "5m")
public abstract interface AccountService {

  public static final class Account {
    private final long id;
    private final String owner;

    public Account(long id, @org.jetbrains.annotations.NotNull() String owner) {
      this.id = id;
      this.owner = owner;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Account a && a.id == id && a.owner.equals(owner);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(id) * 31 + owner.hashCode();
    }

    @Override
    public String toString() {
      return "Account(id=" + id + ", owner=" + owner + ")";
    }
  }

  @org.jetbrains.annotations.Nullable()
  public abstract java.lang.Object find(long id, @org.jetbrains.annotations.NotNull()
  kotlin.coroutines.Continuation<? super test.AccountService.Account> $completion);

  @Cached(read = ReadPolicy.RACE, write = WritePolicy.SEQUENTIAL, ttl = "1m")
  @org.jetbrains.annotations.Nullable()
  public abstract java.lang.Object byOwner(@Key() @org.jetbrains.annotations.NotNull()
  java.lang.String owner, @org.jetbrains.annotations.NotNull()
  java.lang.String requestId, @org.jetbrains.annotations.NotNull()
  kotlin.coroutines.Continuation<? super java.util.List<test.AccountService.Account>> $completion);

  @org.jetbrains.annotations.Nullable()
  public abstract java.lang.Object balance(long id, @org.jetbrains.annotations.NotNull()
  kotlin.coroutines.Continuation<? super java.lang.Long> $completion);

  @Invalidate("find")
  @org.jetbrains.annotations.Nullable()
  public abstract java.lang.Object rename(long id, @org.jetbrains.annotations.NotNull()
  java.lang.String owner, @org.jetbrains.annotations.NotNull()
  kotlin.coroutines.Continuation<? super kotlin.Unit> $completion);

  @Invalidate(value = {"find", "byOwner"}, all = true)
  @org.jetbrains.annotations.Nullable()
  public abstract java.lang.Object purge(@org.jetbrains.annotations.NotNull()
  kotlin.coroutines.Continuation<? super java.lang.Integer> $completion);

  @Bypass()
  @org.jetbrains.annotations.Nullable()
  public abstract java.lang.Object audit(long id, @org.jetbrains.annotations.NotNull()
  kotlin.coroutines.Continuation<? super java.lang.String> $completion);

  public abstract int count();
}
