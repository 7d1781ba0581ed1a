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
import dev.tiered.runtime.internal.Hit;
import dev.tiered.runtime.internal.KeySpace;
import dev.tiered.runtime.internal.KeyWriter;
import dev.tiered.runtime.internal.MethodCache;
import dev.tiered.runtime.internal.MethodKey;
import dev.tiered.runtime.internal.Tier;
import dev.tiered.runtime.internal.TieredOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.annotation.processing.Generated;

/**
 * A two-tier caching decorator of {@link StockService}, written by the Tiered annotation processor.
 *
 * <p>Cache {@code stock}: L1 {@link CaffeineBackend}, L2 {@link RedisBackend}; reads {@code PARALLEL}, writes
 * {@code OPTIMISTIC_PARALLEL}, refill {@code ALWAYS}, ttl 2h (10m in L1).
 */
@Generated("dev.tiered.processor.TieredProcessor")
public final class TieredStockService implements StockService, TieredCache {
  private final StockService delegate;

  private final MethodCache<Integer> available;

  private final MethodCache<Map<String, Integer>> levels;

  /**
   * Decorates {@code delegate} with the two tiers and the default options.
   */
  public TieredStockService(StockService delegate, CaffeineBackend l1, RedisBackend l2) {
    this(delegate, l1, l2, TieredOptions.defaults());
  }

  private TieredStockService(StockService delegate, CaffeineBackend l1, RedisBackend l2,
      TieredOptions options) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    CacheContext context = new CacheContext("stock", 1, l1, l2, options);
    this.available = context.method("available", ValueType.of(Integer.class))
        .ttl(Duration.ofHours(2))
        .l1Ttl(Duration.ofMinutes(10))
        .build();
    this.levels = context.method(
            "levels",
            ValueType.of(Map.class, ValueType.of(String.class), ValueType.of(Integer.class)))
        .ttl(Duration.ofHours(2))
        .l1Ttl(Duration.ofMinutes(10))
        .build();
  }

  /**
   * A builder for a decorator with optional parts: executor, clock, listener, value format.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String cacheName() {
    return "stock";
  }

  @Override
  public TieredStats stats() {
    return available.stats().plus(levels.stats());
  }

  @Override
  public TieredStats stats(String methodName) {
    switch (methodName) {
      case "available":
        return available.stats();
      case "levels":
        return levels.stats();
      default:
        throw new IllegalArgumentException("StockService has no cached method named " + methodName
            + "; cached methods: available, levels");
    }
  }

  @Override
  public void invalidateAll() {
    available.invalidateAll();
    levels.invalidateAll();
  }

  @Override
  public void close() {
    available.close();
    levels.close();
  }

  @Override
  public int available(UUID warehouse, String sku) {
    AvailableKey key = new AvailableKey(available.space(), warehouse, sku);
    // PARALLEL: both tiers are read and awaited; the entry that lives longer wins, L1 on ties
    Hit<Integer> hit = available.readParallel(available.readL1Async(key), available.readL2Async(key)).join();
    if (hit == null) {
      return available.load(key, () -> loadAvailable(key, warehouse, sku));
    }
    if (available.recordHit(key, hit.entry(), hit.tier()) == Freshness.STALE) {
      available.refresh(key, () -> loadAvailable(key, warehouse, sku));
    } else if (hit.tier() == Tier.L2) {
      // refill ALWAYS: a fresh L2 hit warms L1
      available.refillL1(key, hit.entry());
    }
    return hit.value();
  }

  @Override
  public CompletionStage<Map<String, Integer>> levels(UUID warehouse, Set<String> skus) {
    LevelsKey key = new LevelsKey(levels.space(), warehouse, skus);
    // PARALLEL: both tiers are read and awaited; the entry that lives longer wins, L1 on ties
    return levels.readParallel(levels.readL1Async(key), levels.readL2Async(key)).thenCompose(hit -> {
      if (hit == null) {
        return levels.loadAsync(key, () -> loadLevels(key, warehouse, skus));
      }
      if (levels.recordHit(key, hit.entry(), hit.tier()) == Freshness.STALE) {
        levels.refreshAsync(key, () -> loadLevels(key, warehouse, skus));
      } else if (hit.tier() == Tier.L2) {
        // refill ALWAYS: a fresh L2 hit warms L1
        levels.refillL1(key, hit.entry());
      }
      return CompletableFuture.completedFuture(hit.value());
    });
  }

  /**
   * Calls the delegate for {@link StockService#available(java.util.UUID, java.lang.String)} and writes the result to
   * the tiers.
   */
  private Integer loadAvailable(AvailableKey key, UUID warehouse, String sku) {
    Integer value = delegate.available(warehouse, sku);
    Entry<Integer> entry = available.newEntry(value);
    if (entry != null) {
      // OPTIMISTIC_PARALLEL write: both tiers at once, both awaited
      available.writeBoth(key, entry);
    }
    return value;
  }

  /**
   * Calls the delegate for {@link StockService#levels(java.util.UUID, java.util.Set)} and writes the result to the
   * tiers.
   */
  private CompletableFuture<Map<String, Integer>> loadLevels(LevelsKey key, UUID warehouse,
      Set<String> skus) {
    return delegate.levels(warehouse, skus).toCompletableFuture().thenCompose(value -> {
      Entry<Map<String, Integer>> entry = levels.newEntry(value);
      if (entry == null) {
        return CompletableFuture.completedFuture(value);
      }
      // OPTIMISTIC_PARALLEL write: both tiers at once, both awaited
      return levels.writeBothAsync(key, entry).thenApply(written -> value);
    });
  }

  /**
   * The key of {@link StockService#available(java.util.UUID, java.lang.String)}.
   */
  private static final class AvailableKey extends MethodKey {
    private final UUID warehouse;

    private final String sku;

    AvailableKey(KeySpace space, UUID warehouse, String sku) {
      super(space);
      this.warehouse = warehouse;
      this.sku = sku;
    }

    @Override
    protected int argumentsHash() {
      return 31 * Objects.hashCode(warehouse) + Objects.hashCode(sku);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof AvailableKey that && sameSpace(that)
          && Objects.equals(this.warehouse, that.warehouse)
          && Objects.equals(this.sku, that.sku);
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.warehouse);
      out.add(this.sku);
    }
  }

  /**
   * The key of {@link StockService#levels(java.util.UUID, java.util.Set)}.
   */
  private static final class LevelsKey extends MethodKey {
    private final UUID warehouse;

    private final Set<String> skus;

    LevelsKey(KeySpace space, UUID warehouse, Set<String> skus) {
      super(space);
      this.warehouse = warehouse;
      this.skus = skus;
    }

    @Override
    protected int argumentsHash() {
      return 31 * Objects.hashCode(warehouse) + Objects.hashCode(skus);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof LevelsKey that && sameSpace(that)
          && Objects.equals(this.warehouse, that.warehouse)
          && Objects.equals(this.skus, that.skus);
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.warehouse);
      if (this.skus == null) {
        out.add((Object) null);
      } else {
        out.beginSet();
        for (String element0 : this.skus) {
          out.add(element0);
        }
        out.endSet();
      }
    }
  }

  /**
   * Builds a {@link TieredStockService}: the delegate and both tiers are required; the executor, clock, listener
   * and value format are optional ({@link TieredBuilder}).
   */
  public static final class Builder extends TieredBuilder<Builder, StockService, CaffeineBackend, RedisBackend> {
    private Builder() {
    }

    /**
     * The decorator.
     *
     * @throws IllegalStateException when the delegate or a tier is missing
     */
    public TieredStockService build() {
      return new TieredStockService(requiredDelegate(), requiredL1(), requiredL2(), options());
    }
  }
}
