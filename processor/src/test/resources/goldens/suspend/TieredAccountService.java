package test;

import dev.tiered.RaceLoserPolicy;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.Entry;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredBuilder;
import dev.tiered.runtime.TieredCache;
import dev.tiered.runtime.TieredStats;
import dev.tiered.runtime.ValueType;
import dev.tiered.runtime.internal.CacheContext;
import dev.tiered.runtime.internal.Freshness;
import dev.tiered.runtime.internal.Invalidation;
import dev.tiered.runtime.internal.KeySpace;
import dev.tiered.runtime.internal.KeyWriter;
import dev.tiered.runtime.internal.MethodCache;
import dev.tiered.runtime.internal.MethodKey;
import dev.tiered.runtime.internal.OutOfLine;
import dev.tiered.runtime.internal.Tier;
import dev.tiered.runtime.internal.TieredOptions;
import dev.tiered.runtime.kotlin.internal.SuspendBridge;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;
import kotlin.Unit;
import kotlin.coroutines.Continuation;

/**
 * A two-tier caching decorator of {@link AccountService}, written by the Tiered annotation processor.
 *
 * <p>Cache {@code accounts}: L1 {@link CaffeineBackend}, L2 {@link RedisBackend}; reads {@code SEQUENTIAL}, writes
 * {@code OPTIMISTIC_PARALLEL}, refill {@code ALWAYS}, ttl 5m. Methods with policies of their own: byOwner.
 */
@Generated("dev.tiered.processor.TieredProcessor")
public final class TieredAccountService implements AccountService, TieredCache {
  private final AccountService delegate;

  private final MethodCache<AccountService.Account> find;

  private final MethodCache<List<AccountService.Account>> byOwner;

  private final MethodCache<Long> balance;

  private final MethodCache<Integer> count;

  /**
   * Decorates {@code delegate} with the two tiers and the default options.
   */
  public TieredAccountService(AccountService delegate, CaffeineBackend l1, RedisBackend l2) {
    this(delegate, l1, l2, TieredOptions.defaults());
  }

  private TieredAccountService(AccountService delegate, CaffeineBackend l1, RedisBackend l2,
      TieredOptions options) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    CacheContext context = new CacheContext("accounts", 1, l1, l2, options);
    this.find = context.method("find", ValueType.of(AccountService.Account.class))
        .ttl(Duration.ofMinutes(5))
        .build();
    this.byOwner = context.method("byOwner", ValueType.of(List.class, ValueType.of(AccountService.Account.class)))
        .ttl(Duration.ofMinutes(1))
        .build();
    this.balance = context.method("balance", ValueType.of(Long.class))
        .ttl(Duration.ofMinutes(5))
        .build();
    this.count = context.method("count", ValueType.of(Integer.class))
        .ttl(Duration.ofMinutes(5))
        .build();
    // Invalidate(all = true) targets: follow the generation other instances share through L2
    this.find.shareGeneration();
    this.byOwner.shareGeneration();
  }

  /**
   * A builder for a decorator with optional parts: executor, clock, listener, value format.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String cacheName() {
    return "accounts";
  }

  @Override
  public TieredStats stats() {
    return find.stats().plus(byOwner.stats()).plus(balance.stats()).plus(count.stats());
  }

  @Override
  public TieredStats stats(String methodName) {
    switch (methodName) {
      case "find":
        return find.stats();
      case "byOwner":
        return byOwner.stats();
      case "balance":
        return balance.stats();
      case "count":
        return count.stats();
      default:
        throw new IllegalArgumentException("AccountService has no cached method named " + methodName
            + "; cached methods: find, byOwner, balance, count");
    }
  }

  @Override
  public void invalidateAll() {
    find.invalidateAll();
    byOwner.invalidateAll();
    balance.invalidateAll();
    count.invalidateAll();
  }

  @Override
  public void close() {
    find.close();
    byOwner.close();
    balance.close();
    count.close();
  }

  @Override
  public Object find(long id, Continuation<? super AccountService.Account> $completion) {
    // The caller waits with its thread free; its cancellation ends its own wait, never a shared load
    return SuspendBridge.await(findAsync(id), $completion);
  }

  @Override
  public Object byOwner(String owner, String requestId,
      Continuation<? super List<AccountService.Account>> $completion) {
    // The caller waits with its thread free; its cancellation ends its own wait, never a shared load
    return SuspendBridge.await(byOwnerAsync(owner, requestId), $completion);
  }

  @Override
  public Object balance(long id, Continuation<? super Long> $completion) {
    // The caller waits with its thread free; its cancellation ends its own wait, never a shared load
    return SuspendBridge.await(balanceAsync(id), $completion);
  }

  @Override
  public Object rename(long id, String owner, Continuation<? super Unit> $completion) {
    // Once the delegate's suspend function returns normally, remove the entries from both tiers
    return SuspendBridge.callThen(
        continuation -> delegate.rename(id, owner, continuation),
        () -> find.invalidateAsync(new FindKey(find.space(), id)),
        $completion);
  }

  @Override
  public Object purge(Continuation<? super Integer> $completion) {
    // Other instances hear all of this call's removals in one announcement
    Invalidation invalidation = new Invalidation();
    // Once the delegate's suspend function returns normally, remove the entries from both tiers
    return SuspendBridge.callThen(
        continuation -> delegate.purge(continuation),
        () -> invalidation.announceAfter(
            find.invalidateAllAsync(invalidation),
            byOwner.invalidateAllAsync(invalidation)),
        $completion);
  }

  @Override
  public Object audit(long id, Continuation<? super String> $completion) {
    return delegate.audit(id, $completion);
  }

  @Override
  public int count() {
    CountKey key = new CountKey(count.space());
    Entry<Integer> entry = count.readL1(key);
    if (entry != null) {
      if (count.recordHit(key, entry, Tier.L1) == Freshness.STALE) {
        count.refresh(key, () -> loadCount(key));
      }
      return entry.value();
    }
    return OutOfLine.call(this, self -> self.countFromL2());
  }

  /**
   * The future that the suspend function {@link AccountService#find(long, kotlin.coroutines.Continuation)} awaits: the
   * answer of the tiers, or the load that its key shares.
   */
  private CompletableFuture<AccountService.Account> findAsync(long id) {
    FindKey key = new FindKey(find.space(), id);
    // SEQUENTIAL: L1, then L2 only when L1 misses
    return find.readSequential(find.readL1Async(key), () -> find.readL2Async(key)).thenCompose(hit -> {
      if (hit == null) {
        return find.loadAsync(key, () -> loadFind(key, id));
      }
      if (find.recordHit(key, hit.entry(), hit.tier()) == Freshness.STALE) {
        find.refreshAsync(key, () -> loadFind(key, id));
      } else if (hit.tier() == Tier.L2) {
        // refill ALWAYS: a fresh L2 hit warms L1
        find.refillL1(key, hit.entry());
      }
      return CompletableFuture.completedFuture(hit.value());
    });
  }

  /**
   * The future that the suspend function
   * {@link AccountService#byOwner(java.lang.String, java.lang.String, kotlin.coroutines.Continuation)} awaits: the
   * answer of the tiers, or the load that its key shares.
   */
  private CompletableFuture<List<AccountService.Account>> byOwnerAsync(String owner,
      String requestId) {
    ByOwnerKey key = new ByOwnerKey(byOwner.space(), owner);
    // RACE: both tiers start together; the first hit wins and the loser is left to finish
    return byOwner.readRace(
            byOwner.readL1Async(key),
            () -> byOwner.readL2Async(key),
            RaceLoserPolicy.OFFLOAD)
        .thenCompose(hit -> {
          if (hit == null) {
            return byOwner.loadAsync(key, () -> loadByOwner(key, owner, requestId));
          }
          if (byOwner.recordHit(key, hit.entry(), hit.tier()) == Freshness.STALE) {
            byOwner.refreshAsync(key, () -> loadByOwner(key, owner, requestId));
          } else if (hit.tier() == Tier.L2) {
            // refill ALWAYS: a fresh L2 hit warms L1
            byOwner.refillL1(key, hit.entry());
          }
          return CompletableFuture.completedFuture(hit.value());
        });
  }

  /**
   * The future that the suspend function {@link AccountService#balance(long, kotlin.coroutines.Continuation)} awaits:
   * the answer of the tiers, or the load that its key shares.
   */
  private CompletableFuture<Long> balanceAsync(long id) {
    BalanceKey key = new BalanceKey(balance.space(), id);
    // SEQUENTIAL: L1, then L2 only when L1 misses
    return balance.readSequential(balance.readL1Async(key), () -> balance.readL2Async(key)).thenCompose(hit -> {
      if (hit == null) {
        return balance.loadAsync(key, () -> loadBalance(key, id));
      }
      if (balance.recordHit(key, hit.entry(), hit.tier()) == Freshness.STALE) {
        balance.refreshAsync(key, () -> loadBalance(key, id));
      } else if (hit.tier() == Tier.L2) {
        // refill ALWAYS: a fresh L2 hit warms L1
        balance.refillL1(key, hit.entry());
      }
      return CompletableFuture.completedFuture(hit.value());
    });
  }

  /**
   * Serves {@link AccountService#count()} after L1 missed: reads L2, then calls the delegate on a miss. It makes its
   * own key, so that an L1 hit's key stays in the method that made it, where the JIT can do without allocating it; and
   * it is called out of line, so that its code stays out of that method's, which the JIT then inlines into its callers.
   */
  private int countFromL2() {
    CountKey key = new CountKey(count.space());
    Entry<Integer> entry = count.readL2(key);
    if (entry == null) {
      return count.load(key, () -> loadCount(key));
    }
    if (count.recordHit(key, entry, Tier.L2) == Freshness.STALE) {
      count.refresh(key, () -> loadCount(key));
    } else {
      // refill ALWAYS: a fresh L2 hit warms L1
      count.refillL1(key, entry);
    }
    return entry.value();
  }

  /**
   * Calls the delegate for {@link AccountService#find(long, kotlin.coroutines.Continuation)} and writes the result to
   * the tiers.
   */
  private CompletableFuture<AccountService.Account> loadFind(FindKey key, long id) {
    // Started in Tiered's own scope: no caller's cancellation stops a load that others wait for
    CompletableFuture<AccountService.Account> call =
        SuspendBridge.start(continuation -> delegate.find(id, continuation));
    return call.thenCompose(value -> {
      Entry<AccountService.Account> entry = find.newEntry(value);
      if (entry == null) {
        return CompletableFuture.completedFuture(value);
      }
      // OPTIMISTIC_PARALLEL write: both tiers at once, both awaited
      return find.writeBothAsync(key, entry).thenApply(written -> value);
    });
  }

  /**
   * Calls the delegate for
   * {@link AccountService#byOwner(java.lang.String, java.lang.String, kotlin.coroutines.Continuation)} and writes the
   * result to the tiers.
   */
  private CompletableFuture<List<AccountService.Account>> loadByOwner(ByOwnerKey key, String owner,
      String requestId) {
    // Started in Tiered's own scope: no caller's cancellation stops a load that others wait for
    CompletableFuture<List<AccountService.Account>> call =
        SuspendBridge.start(continuation -> delegate.byOwner(owner, requestId, continuation));
    return call.thenCompose(value -> {
      Entry<List<AccountService.Account>> entry = byOwner.newEntry(value);
      if (entry == null) {
        return CompletableFuture.completedFuture(value);
      }
      // SEQUENTIAL write: L1, then L2 only when L1 took it
      return byOwner.writeL1Async(key, entry)
          .thenCompose(took -> took ? byOwner.writeL2Async(key, entry) : CompletableFuture.completedFuture(false))
          .thenApply(written -> value);
    });
  }

  /**
   * Calls the delegate for {@link AccountService#balance(long, kotlin.coroutines.Continuation)} and writes the result
   * to the tiers.
   */
  private CompletableFuture<Long> loadBalance(BalanceKey key, long id) {
    // Started in Tiered's own scope: no caller's cancellation stops a load that others wait for
    CompletableFuture<Long> call = SuspendBridge.start(continuation -> delegate.balance(id, continuation));
    return call.thenCompose(value -> {
      Entry<Long> entry = balance.newEntry(value);
      if (entry == null) {
        return CompletableFuture.completedFuture(value);
      }
      // OPTIMISTIC_PARALLEL write: both tiers at once, both awaited
      return balance.writeBothAsync(key, entry).thenApply(written -> value);
    });
  }

  /**
   * Calls the delegate for {@link AccountService#count()} and writes the result to the tiers.
   */
  private Integer loadCount(CountKey key) {
    Integer value = delegate.count();
    Entry<Integer> entry = count.newEntry(value);
    if (entry != null) {
      // OPTIMISTIC_PARALLEL write: both tiers at once, both awaited
      count.writeBoth(key, entry);
    }
    return value;
  }

  /**
   * The key of {@link AccountService#find(long, kotlin.coroutines.Continuation)}.
   */
  private static final class FindKey extends MethodKey {
    private final long id;

    FindKey(KeySpace space, long id) {
      super(space);
      this.id = id;
    }

    @Override
    protected int argumentsHash() {
      return Long.hashCode(id);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof FindKey that && sameSpace(that)
          && this.id == that.id;
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.id);
    }
  }

  /**
   * The key of {@link AccountService#byOwner(java.lang.String, java.lang.String, kotlin.coroutines.Continuation)}.
   */
  private static final class ByOwnerKey extends MethodKey {
    private final String owner;

    ByOwnerKey(KeySpace space, String owner) {
      super(space);
      this.owner = owner;
    }

    @Override
    protected int argumentsHash() {
      return Objects.hashCode(owner);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ByOwnerKey that && sameSpace(that)
          && Objects.equals(this.owner, that.owner);
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.owner);
    }
  }

  /**
   * The key of {@link AccountService#balance(long, kotlin.coroutines.Continuation)}.
   */
  private static final class BalanceKey extends MethodKey {
    private final long id;

    BalanceKey(KeySpace space, long id) {
      super(space);
      this.id = id;
    }

    @Override
    protected int argumentsHash() {
      return Long.hashCode(id);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof BalanceKey that && sameSpace(that)
          && this.id == that.id;
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.id);
    }
  }

  /**
   * The key of {@link AccountService#count()}.
   */
  private static final class CountKey extends MethodKey {
    CountKey(KeySpace space) {
      super(space);
    }

    @Override
    protected int argumentsHash() {
      return 0;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof CountKey that && sameSpace(that);
    }

    @Override
    protected void writeArguments(KeyWriter out) {
    }
  }

  /**
   * Builds a {@link TieredAccountService}: the delegate and both tiers are required; the executor, clock, listener
   * and value format are optional ({@link TieredBuilder}).
   */
  public static final class Builder extends TieredBuilder<Builder, AccountService, CaffeineBackend, RedisBackend> {
    private Builder() {
    }

    /**
     * The decorator.
     *
     * @throws IllegalStateException when the delegate or a tier is missing
     */
    public TieredAccountService build() {
      return new TieredAccountService(requiredDelegate(), requiredL1(), requiredL2(), options());
    }
  }
}
