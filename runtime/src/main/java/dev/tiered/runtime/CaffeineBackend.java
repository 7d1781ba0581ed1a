package dev.tiered.runtime;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The in-process tier: a bounded Caffeine cache that holds entries as references (no serialization).
 *
 * <pre>{@code
 * CaffeineBackend l1 = CaffeineBackend.create(10_000);
 * UserService users = new TieredUserService(database, l1, RedisBackend.connect("redis://localhost:6379"));
 * }</pre>
 *
 * <p>Expiry is the decorator's business: every entry carries its expiry time, checked against the decorator's
 * clock on each read, so a test's manual clock decides what is expired. That keeps Caffeine's own per-entry expiry
 * (a timer wheel touched on every read) off the hit path. An expired entry found by a read is a miss, and the miss
 * writes the key again (the L2 hit's refill, or the load); one that is not written again ages out under the size
 * bound like any other cold entry. One backend may be shared by several decorators: their keys never collide.
 */
public final class CaffeineBackend implements Backend {
  private final Cache<CacheKey, Entry<?>> cache;
  /**
   * The same cache as a map, which reads take: a bounded cache's map view is the cache itself, so a read through it
   * skips the hop from the {@code Cache} facade to it (and neither records statistics).
   */
  private final ConcurrentMap<CacheKey, Entry<?>> map;
  private final LongAdder evictions;

  private CaffeineBackend(Cache<CacheKey, Entry<?>> cache, LongAdder evictions) {
    this.cache = cache;
    this.map = cache.asMap();
    this.evictions = evictions;
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
    return (Entry<V>) map.get(key);
  }

  @Override
  public <V> void write(CacheKey key, Entry<V> entry, long ttlMillis, ValueCodec<V> codec) {
    cache.put(key, entry);
  }

  @Override
  public void remove(CacheKey key) {
    cache.invalidate(key);
  }

  /** The number of entries held, including expired ones not yet removed; for tests and diagnostics. */
  public long estimatedSize() {
    return cache.estimatedSize();
  }

  /**
   * Entries evicted by the size bound since the backend was made (not removals, nor expired entries dropped on
   * read); for metrics such as Micrometer's {@code cache.evictions}.
   */
  public long evictions() {
    return evictions.sum();
  }

  /** Removes every entry of every decorator using this backend. */
  public void clear() {
    cache.invalidateAll();
  }

  /** Builds a {@link CaffeineBackend}. */
  public static final class Builder {
    private long maximumSize = 10_000;

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

    /** The backend. */
    public CaffeineBackend build() {
      LongAdder evictions = new LongAdder();
      // Counted in the listener rather than with recordStats(), which would add work to every hit.
      Cache<CacheKey, Entry<?>> cache = Caffeine.newBuilder()
          .maximumSize(maximumSize)
          .evictionListener((CacheKey key, Entry<?> entry, RemovalCause cause) -> {
            if (cause.wasEvicted()) {
              evictions.increment();
            }
          })
          .build();
      return new CaffeineBackend(cache, evictions);
    }
  }
}
