package test;

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
import dev.tiered.runtime.internal.Tier;
import dev.tiered.runtime.internal.TieredOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * A two-tier caching decorator of {@link OrderService}, written by the Tiered annotation processor.
 *
 * <p>Cache {@code orders}: L1 {@link CaffeineBackend}, L2 {@link RedisBackend}; reads {@code SEQUENTIAL}, writes
 * {@code OPTIMISTIC_PARALLEL}, refill {@code ALWAYS}, ttl 5m. Methods with policies of their own: find.
 */
@Generated("dev.tiered.processor.TieredProcessor")
public final class TieredOrderService implements OrderService, TieredCache {
  private final OrderService delegate;

  private final MethodCache<List<OrderService.Order>> byUser;

  private final MethodCache<OrderService.Order> find;

  /**
   * Decorates {@code delegate} with the two tiers and the default options.
   */
  public TieredOrderService(OrderService delegate, CaffeineBackend l1, RedisBackend l2) {
    this(delegate, l1, l2, TieredOptions.defaults());
  }

  private TieredOrderService(OrderService delegate, CaffeineBackend l1, RedisBackend l2,
      TieredOptions options) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    CacheContext context = new CacheContext("orders", 1, l1, l2, options);
    this.byUser = context.method("byUser", ValueType.of(List.class, ValueType.of(OrderService.Order.class)))
        .ttl(Duration.ofMinutes(5))
        .build();
    this.find = context.method("find", ValueType.of(OrderService.Order.class))
        .ttl(Duration.ofMinutes(5))
        .build();
    // Invalidate(all = true) targets: follow the generation other instances share through L2
    this.byUser.shareGeneration();
    this.find.shareGeneration();
  }

  /**
   * A builder for a decorator with optional parts: executor, clock, listener, value format.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String cacheName() {
    return "orders";
  }

  @Override
  public TieredStats stats() {
    return byUser.stats().plus(find.stats());
  }

  @Override
  public TieredStats stats(String methodName) {
    switch (methodName) {
      case "byUser":
        return byUser.stats();
      case "find":
        return find.stats();
      default:
        throw new IllegalArgumentException("OrderService has no cached method named " + methodName
            + "; cached methods: byUser, find");
    }
  }

  @Override
  public void invalidateAll() {
    byUser.invalidateAll();
    find.invalidateAll();
  }

  @Override
  public void close() {
    byUser.close();
    find.close();
  }

  @Override
  public CompletableFuture<List<OrderService.Order>> byUser(long userId) {
    ByUserKey key = new ByUserKey(byUser.space(), userId);
    // SEQUENTIAL: L1, then L2 only when L1 misses
    return byUser.readSequential(byUser.readL1Async(key), () -> byUser.readL2Async(key)).thenCompose(hit -> {
      if (hit == null) {
        return byUser.loadAsync(key, () -> loadByUser(key, userId));
      }
      if (byUser.recordHit(key, hit.entry(), hit.tier()) == Freshness.STALE) {
        byUser.refreshAsync(key, () -> loadByUser(key, userId));
      } else if (hit.tier() == Tier.L2) {
        // refill ALWAYS: a fresh L2 hit warms L1
        byUser.refillL1(key, hit.entry());
      }
      return CompletableFuture.completedFuture(hit.value());
    });
  }

  @Override
  public CompletionStage<OrderService.Order> find(long id) {
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

  @Override
  public CompletableFuture<Void> cancel(long userId, long orderId) {
    // Once the delegate's future completes normally, remove the entries from both tiers
    return delegate.cancel(userId, orderId).toCompletableFuture()
        .thenCompose(result -> byUser.invalidateAsync(new ByUserKey(byUser.space(), userId))
            .thenApply(removed -> result));
  }

  @Override
  public CompletionStage<Integer> purge() {
    // Other instances hear all of this call's removals in one announcement
    Invalidation invalidation = new Invalidation();
    // Once the delegate's future completes normally, remove the entries from both tiers
    return delegate.purge().toCompletableFuture()
        .thenCompose(result -> invalidation.announceAfter(
                byUser.invalidateAllAsync(invalidation),
                find.invalidateAllAsync(invalidation))
            .thenApply(removed -> result));
  }

  /**
   * Calls the delegate for {@link OrderService#byUser(long)} and writes the result to the tiers.
   */
  private CompletableFuture<List<OrderService.Order>> loadByUser(ByUserKey key, long userId) {
    return delegate.byUser(userId).toCompletableFuture().thenCompose(value -> {
      Entry<List<OrderService.Order>> entry = byUser.newEntry(value);
      if (entry == null) {
        return CompletableFuture.completedFuture(value);
      }
      // OPTIMISTIC_PARALLEL write: both tiers at once, both awaited
      return byUser.writeBothAsync(key, entry).thenApply(written -> value);
    });
  }

  /**
   * Calls the delegate for {@link OrderService#find(long)} and writes the result to the tiers.
   */
  private CompletableFuture<OrderService.Order> loadFind(FindKey key, long id) {
    return delegate.find(id).toCompletableFuture().thenCompose(value -> {
      Entry<OrderService.Order> entry = find.newEntry(value);
      if (entry == null) {
        return CompletableFuture.completedFuture(value);
      }
      // SEQUENTIAL write: L1, then L2 only when L1 took it
      return find.writeL1Async(key, entry)
          .thenCompose(took -> took ? find.writeL2Async(key, entry) : CompletableFuture.completedFuture(false))
          .thenApply(written -> value);
    });
  }

  /**
   * The key of {@link OrderService#byUser(long)}.
   */
  private static final class ByUserKey extends MethodKey {
    private final long userId;

    ByUserKey(KeySpace space, long userId) {
      super(space);
      this.userId = userId;
    }

    @Override
    protected int argumentsHash() {
      return Long.hashCode(userId);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ByUserKey that && sameSpace(that)
          && this.userId == that.userId;
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.userId);
    }
  }

  /**
   * The key of {@link OrderService#find(long)}.
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
   * Builds a {@link TieredOrderService}: the delegate and both tiers are required; the executor, clock, listener
   * and value format are optional ({@link TieredBuilder}).
   */
  public static final class Builder extends TieredBuilder<Builder, OrderService, CaffeineBackend, RedisBackend> {
    private Builder() {
    }

    /**
     * The decorator.
     *
     * @throws IllegalStateException when the delegate or a tier is missing
     */
    public TieredOrderService build() {
      return new TieredOrderService(requiredDelegate(), requiredL1(), requiredL2(), options());
    }
  }
}
