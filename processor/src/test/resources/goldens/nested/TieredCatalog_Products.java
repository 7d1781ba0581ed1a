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
import dev.tiered.runtime.internal.KeySpace;
import dev.tiered.runtime.internal.KeyWriter;
import dev.tiered.runtime.internal.MethodCache;
import dev.tiered.runtime.internal.MethodKey;
import dev.tiered.runtime.internal.OutOfLine;
import dev.tiered.runtime.internal.Tier;
import dev.tiered.runtime.internal.TieredOptions;
import java.time.Duration;
import java.util.Objects;
import javax.annotation.processing.Generated;

/**
 * A two-tier caching decorator of {@link Catalog.Products}, written by the Tiered annotation processor.
 *
 * <p>Cache {@code Products}: L1 {@link CaffeineBackend}, L2 {@link RedisBackend}; reads {@code SEQUENTIAL}, writes
 * {@code OPTIMISTIC_PARALLEL}, refill {@code ALWAYS}, ttl 10m.
 */
@Generated("dev.tiered.processor.TieredProcessor")
public final class TieredCatalog_Products implements Catalog.Products, TieredCache {
  private final Catalog.Products delegate;

  private final MethodCache<String> title;

  /**
   * Decorates {@code delegate} with the two tiers and the default options.
   */
  public TieredCatalog_Products(Catalog.Products delegate, CaffeineBackend l1, RedisBackend l2) {
    this(delegate, l1, l2, TieredOptions.defaults());
  }

  private TieredCatalog_Products(Catalog.Products delegate, CaffeineBackend l1, RedisBackend l2,
      TieredOptions options) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    CacheContext context = new CacheContext("Products", 1, l1, l2, options);
    this.title = context.method("title", ValueType.of(String.class))
        .ttl(Duration.ofMinutes(10))
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
    return "Products";
  }

  @Override
  public TieredStats stats() {
    return title.stats();
  }

  @Override
  public TieredStats stats(String methodName) {
    switch (methodName) {
      case "title":
        return title.stats();
      default:
        throw new IllegalArgumentException("Products has no cached method named " + methodName
            + "; cached methods: title");
    }
  }

  @Override
  public void invalidateAll() {
    title.invalidateAll();
  }

  @Override
  public void close() {
    title.close();
  }

  @Override
  public String title(long id) {
    TitleKey key = new TitleKey(title.space(), id);
    Entry<String> entry = title.readL1(key);
    if (entry != null) {
      if (title.recordHit(key, entry, Tier.L1) == Freshness.STALE) {
        title.refresh(key, () -> loadTitle(key, id));
      }
      return entry.value();
    }
    return OutOfLine.callLong(this, id, (self, argument) -> self.titleFromL2(argument));
  }

  /**
   * Serves {@link Catalog.Products#title(long)} after L1 missed: reads L2, then calls the delegate on a miss. It makes
   * its own key, so that an L1 hit's key stays in the method that made it, where the JIT can do without allocating it;
   * and it is called out of line, so that its code stays out of that method's, which the JIT then inlines into its
   * callers.
   */
  private String titleFromL2(long id) {
    TitleKey key = new TitleKey(title.space(), id);
    Entry<String> entry = title.readL2(key);
    if (entry == null) {
      return title.load(key, () -> loadTitle(key, id));
    }
    if (title.recordHit(key, entry, Tier.L2) == Freshness.STALE) {
      title.refresh(key, () -> loadTitle(key, id));
    } else {
      // refill ALWAYS: a fresh L2 hit warms L1
      title.refillL1(key, entry);
    }
    return entry.value();
  }

  /**
   * Calls the delegate for {@link Catalog.Products#title(long)} and writes the result to the tiers.
   */
  private String loadTitle(TitleKey key, long id) {
    String value = delegate.title(id);
    Entry<String> entry = title.newEntry(value);
    if (entry != null) {
      // OPTIMISTIC_PARALLEL write: both tiers at once, both awaited
      title.writeBoth(key, entry);
    }
    return value;
  }

  /**
   * The key of {@link Catalog.Products#title(long)}.
   */
  private static final class TitleKey extends MethodKey {
    private final long id;

    TitleKey(KeySpace space, long id) {
      super(space);
      this.id = id;
    }

    @Override
    protected int argumentsHash() {
      return Long.hashCode(id);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof TitleKey that && sameSpace(that)
          && this.id == that.id;
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.id);
    }
  }

  /**
   * Builds a {@link TieredCatalog_Products}: the delegate and both tiers are required; the executor, clock, listener
   * and value format are optional ({@link TieredBuilder}).
   */
  public static final class Builder extends TieredBuilder<Builder, Catalog.Products, CaffeineBackend, RedisBackend> {
    private Builder() {
    }

    /**
     * The decorator.
     *
     * @throws IllegalStateException when the delegate or a tier is missing
     */
    public TieredCatalog_Products build() {
      return new TieredCatalog_Products(requiredDelegate(), requiredL1(), requiredL2(), options());
    }
  }
}
