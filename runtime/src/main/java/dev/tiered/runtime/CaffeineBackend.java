package dev.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;

/**
 * The in-process tier: a bounded Caffeine cache that holds entries as references (no serialization), each with its
 * own expiry.
 *
 * <pre>{@code
 * CaffeineBackend l1 = CaffeineBackend.create(10_000);
 * UserService users = new TieredUserService(database, l1, RedisBackend.connect("redis://localhost:6379"));
 * }</pre>
 *
 * <p>The decorator checks every entry's expiry against its own clock on read, so a test's manual clock decides what
 * is expired; Caffeine's own per-entry expiry (on its ticker, the system's by default) only reclaims the memory of
 * entries that are no longer read. One backend may be shared by several decorators: their keys never collide.
 */
public final class CaffeineBackend implements Backend {
  private final Cache<CacheKey, Entry<?>> cache;

  private CaffeineBackend(Cache<CacheKey, Entry<?>> cache) {
    this.cache = cache;
  }

  /**
   * A backend holding at most {@code maximumSize} entries, evicting the least likely to be used again.
   *
   * @throws IllegalArgumentException when {@code maximumSize} is negative
   */
  public static CaffeineBackend create(long maximumSize) {
    return builder().maximumSize(maximumSize).build();
  }

  /** A builder for a backend with more options. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String label() {
    return "caffeine";
  }

  @Override
  public boolean isRemote() {
    return false;
  }

  @Override
  @SuppressWarnings("unchecked") // Keys are per method, and every entry of a method holds that method's value type.
  public <V> Entry<V> read(CacheKey key, ValueCodec<V> codec) {
    return (Entry<V>) cache.getIfPresent(key);
  }

  @Override
  public <V> void write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) {
    cache.policy().expireVariably().orElseThrow().put(key, entry, ttlMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void remove(CacheKey key) {
    cache.invalidate(key);
  }

  /** The number of entries held, including expired ones not yet reclaimed; for tests and diagnostics. */
  public long estimatedSize() {
    return cache.estimatedSize();
  }

  /** Removes every entry of every decorator using this backend. */
  public void clear() {
    cache.invalidateAll();
  }

  /** Builds a {@link CaffeineBackend}. */
  public static final class Builder {
    private long maximumSize = 10_000;
    private Ticker ticker = Ticker.systemTicker();

    private Builder() {}

    /**
     * The most entries held at once; defaults to 10,000.
     *
     * @throws IllegalArgumentException when negative
     */
    public Builder maximumSize(long maximumSize) {
      if (maximumSize < 0) {
        throw new IllegalArgumentException("maximumSize must not be negative, was " + maximumSize);
      }
      this.maximumSize = maximumSize;
      return this;
    }

    /** The ticker Caffeine reclaims expired entries by; defaults to the system's. */
    public Builder ticker(Ticker ticker) {
      if (ticker == null) {
        throw new NullPointerException("ticker");
      }
      this.ticker = ticker;
      return this;
    }

    /** The backend. */
    public CaffeineBackend build() {
      Cache<CacheKey, Entry<?>> cache =
          Caffeine.newBuilder()
              .maximumSize(maximumSize)
              .ticker(ticker)
              .expireAfter(
                  new Expiry<CacheKey, Entry<?>>() {
                    @Override
                    public long expireAfterCreate(CacheKey key, Entry<?> value, long currentTime) {
                      // Entries are always written with an explicit duration through put(.., duration).
                      return Long.MAX_VALUE;
                    }

                    @Override
                    public long expireAfterUpdate(
                        CacheKey key, Entry<?> value, long currentTime, long currentDuration) {
                      return currentDuration;
                    }

                    @Override
                    public long expireAfterRead(
                        CacheKey key, Entry<?> value, long currentTime, long currentDuration) {
                      return currentDuration;
                    }
                  })
              .build();
      return new CaffeineBackend(cache);
    }
  }
}
