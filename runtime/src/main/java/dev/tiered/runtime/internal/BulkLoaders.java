package dev.tiered.runtime.internal;

import dev.tiered.runtime.CacheKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The generated methods that a {@link BulkLoad} is handed, as method references: the bulk loader, which calls the
 * delegate's bulk method, and the single-key method's loader, which refreshes one stale id.
 */
public final class BulkLoaders {
  private BulkLoaders() {}

  /** Calls the delegate's bulk method with the ids no tier held and writes what it returns. */
  @FunctionalInterface
  public interface Loader<K, V> {
    /** Loads {@code missing}; throws what the delegate throws. */
    Map<K, V> load(BulkWrite<K, V> tiers, List<K> missing) throws Exception;
  }

  /** {@link Loader} of an asynchronous bulk method. */
  @FunctionalInterface
  public interface AsyncLoader<K, V> {
    /** Starts the load of {@code missing}; the future fails with what the delegate failed with. */
    CompletableFuture<Map<K, V>> load(BulkWrite<K, V> tiers, List<K> missing) throws Exception;
  }

  /** The single-key method's loader. */
  @FunctionalInterface
  public interface KeyLoader<K, C extends CacheKey, V> {
    /** Loads the value of {@code id}, whose key is {@code key}, and writes it to the tiers. */
    V load(C key, K id) throws Exception;
  }

  /** {@link KeyLoader} of an asynchronous single-key method. */
  @FunctionalInterface
  public interface AsyncKeyLoader<K, C extends CacheKey, V> {
    /** Starts the load of {@code id}, whose key is {@code key}; the value is written to the tiers when it comes. */
    CompletableFuture<V> load(C key, K id) throws Exception;
  }
}
