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
import dev.tiered.runtime.internal.Hit;
import dev.tiered.runtime.internal.KeySpace;
import dev.tiered.runtime.internal.KeyWriter;
import dev.tiered.runtime.internal.MethodCache;
import dev.tiered.runtime.internal.MethodKey;
import dev.tiered.runtime.internal.Tier;
import dev.tiered.runtime.internal.TieredOptions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.annotation.processing.Generated;

/**
 * A two-tier caching decorator of {@link PriceService}, written by the Tiered annotation processor.
 *
 * <p>Cache {@code prices}: L1 {@link CaffeineBackend}, L2 {@link RedisBackend}; reads {@code RACE}, writes
 * {@code RACE}, refill {@code ALWAYS}, ttl 30s.
 */
@Generated("dev.tiered.processor.TieredProcessor")
public final class TieredPriceService implements PriceService, TieredCache {
  private final PriceService delegate;

  private final MethodCache<BigDecimal> price;

  private final MethodCache<BigDecimal> quote;

  /**
   * Decorates {@code delegate} with the two tiers and the default options.
   */
  public TieredPriceService(PriceService delegate, CaffeineBackend l1, RedisBackend l2) {
    this(delegate, l1, l2, TieredOptions.defaults());
  }

  private TieredPriceService(PriceService delegate, CaffeineBackend l1, RedisBackend l2,
      TieredOptions options) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    CacheContext context = new CacheContext("prices", 1, l1, l2, options);
    this.price = context.method("price", ValueType.of(BigDecimal.class))
        .ttl(Duration.ofSeconds(30))
        .build();
    this.quote = context.method("quote", ValueType.of(BigDecimal.class))
        .ttl(Duration.ofSeconds(30))
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
    return "prices";
  }

  @Override
  public TieredStats stats() {
    return price.stats().plus(quote.stats());
  }

  @Override
  public TieredStats stats(String methodName) {
    switch (methodName) {
      case "price":
        return price.stats();
      case "quote":
        return quote.stats();
      default:
        throw new IllegalArgumentException("PriceService has no cached method named " + methodName
            + "; cached methods: price, quote");
    }
  }

  @Override
  public void invalidateAll() {
    price.invalidateAll();
    quote.invalidateAll();
  }

  @Override
  public void close() {
    price.close();
    quote.close();
  }

  @Override
  public BigDecimal price(String sku, Currency currency) {
    PriceKey key = new PriceKey(price.space(), sku, currency);
    // RACE: both tiers start together; the first hit wins and the loser is dropped
    Hit<BigDecimal> hit = price.readRace(
            price.readL1Async(key),
            () -> price.readL2Async(key),
            RaceLoserPolicy.DROP)
        .join();
    if (hit == null) {
      return price.load(key, () -> loadPrice(key, sku, currency));
    }
    if (price.recordHit(key, hit.entry(), hit.tier()) == Freshness.STALE) {
      price.refresh(key, () -> loadPrice(key, sku, currency));
    } else if (hit.tier() == Tier.L2) {
      // refill ALWAYS: a fresh L2 hit warms L1
      price.refillL1(key, hit.entry());
    }
    return hit.value();
  }

  @Override
  public CompletableFuture<BigDecimal> quote(String sku) {
    QuoteKey key = new QuoteKey(quote.space(), sku);
    // RACE: both tiers start together; the first hit wins and the loser is dropped
    return quote.readRace(
            quote.readL1Async(key),
            () -> quote.readL2Async(key),
            RaceLoserPolicy.DROP)
        .thenCompose(hit -> {
          if (hit == null) {
            return quote.loadAsync(key, () -> loadQuote(key, sku));
          }
          if (quote.recordHit(key, hit.entry(), hit.tier()) == Freshness.STALE) {
            quote.refreshAsync(key, () -> loadQuote(key, sku));
          } else if (hit.tier() == Tier.L2) {
            // refill ALWAYS: a fresh L2 hit warms L1
            quote.refillL1(key, hit.entry());
          }
          return CompletableFuture.completedFuture(hit.value());
        });
  }

  /**
   * Calls the delegate for {@link PriceService#price(java.lang.String, java.util.Currency)} and writes the result to
   * the tiers.
   */
  private BigDecimal loadPrice(PriceKey key, String sku, Currency currency) {
    BigDecimal value = delegate.price(sku, currency);
    Entry<BigDecimal> entry = price.newEntry(value);
    if (entry != null) {
      // RACE write: both tiers at once; done at the first success, the other is dropped
      price.writeRace(key, entry, RaceLoserPolicy.DROP).join();
    }
    return value;
  }

  /**
   * Calls the delegate for {@link PriceService#quote(java.lang.String)} and writes the result to the tiers.
   */
  private CompletableFuture<BigDecimal> loadQuote(QuoteKey key, String sku) {
    return delegate.quote(sku).toCompletableFuture().thenCompose(value -> {
      Entry<BigDecimal> entry = quote.newEntry(value);
      if (entry == null) {
        return CompletableFuture.completedFuture(value);
      }
      // RACE write: both tiers at once; done at the first success, the other is dropped
      return quote.writeRace(key, entry, RaceLoserPolicy.DROP).thenApply(written -> value);
    });
  }

  /**
   * The key of {@link PriceService#price(java.lang.String, java.util.Currency)}.
   */
  private static final class PriceKey extends MethodKey {
    private final String sku;

    private final Currency currency;

    PriceKey(KeySpace space, String sku, Currency currency) {
      super(space);
      this.sku = sku;
      this.currency = currency;
    }

    @Override
    protected int argumentsHash() {
      return 31 * Objects.hashCode(sku) + Objects.hashCode(currency);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof PriceKey that && sameSpace(that)
          && Objects.equals(this.sku, that.sku)
          && Objects.equals(this.currency, that.currency);
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.sku);
      out.add(this.currency);
    }
  }

  /**
   * The key of {@link PriceService#quote(java.lang.String)}.
   */
  private static final class QuoteKey extends MethodKey {
    private final String sku;

    QuoteKey(KeySpace space, String sku) {
      super(space);
      this.sku = sku;
    }

    @Override
    protected int argumentsHash() {
      return Objects.hashCode(sku);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof QuoteKey that && sameSpace(that)
          && Objects.equals(this.sku, that.sku);
    }

    @Override
    protected void writeArguments(KeyWriter out) {
      out.add(this.sku);
    }
  }

  /**
   * Builds a {@link TieredPriceService}: the delegate and both tiers are required; the executor, clock, listener
   * and value format are optional ({@link TieredBuilder}).
   */
  public static final class Builder extends TieredBuilder<Builder, PriceService, CaffeineBackend, RedisBackend> {
    private Builder() {
    }

    /**
     * The decorator.
     *
     * @throws IllegalStateException when the delegate or a tier is missing
     */
    public TieredPriceService build() {
      return new TieredPriceService(requiredDelegate(), requiredL1(), requiredL2(), options());
    }
  }
}
