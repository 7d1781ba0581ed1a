package dev.tiered.spring;

import dev.tiered.runtime.TieredCache;
import java.util.Collection;
import java.util.concurrent.Callable;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * A Spring {@link CacheManager} view of the decorators, so that Boot's {@code /actuator/caches} lists them and can
 * clear them. A Tiered cache is keyed by its interface's methods and arguments, not by a single object, so the view
 * answers no lookups by key ({@code get} is always a miss) and refuses {@code put} and {@code evict}: use the
 * service, and {@code @Invalidate}. {@link Cache#clear()} removes every entry ({@link TieredCache#invalidateAll()}).
 *
 * <p>It is registered as a bean that is not a default candidate: the application's own {@code CacheManager} (for
 * {@code @Cacheable}) is still made by Boot and still the one injected.
 */
public final class TieredCacheManager implements CacheManager {
  private final TieredDecorators decorators;

  TieredCacheManager(TieredDecorators decorators) {
    this.decorators = decorators;
  }

  @Override
  public Cache getCache(String name) {
    return decorators.named(name).map(d -> new View(d.name(), d.cache())).orElse(null);
  }

  @Override
  public Collection<String> getCacheNames() {
    return decorators.all().stream().map(TieredDecorators.Decorated::name).toList();
  }

  /** One decorator as a Spring {@link Cache}. */
  private record View(String name, TieredCache cache) implements Cache {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public Object getNativeCache() {
      return cache;
    }

    @Override
    public ValueWrapper get(Object key) {
      return null;
    }

    @Override
    public <T> T get(Object key, Class<T> type) {
      return null;
    }

    @Override
    public <T> T get(Object key, Callable<T> valueLoader) {
      try {
        return valueLoader.call();
      } catch (Exception e) {
        throw new ValueRetrievalException(key, valueLoader, e);
      }
    }

    @Override
    public void put(Object key, Object value) {
      throw unsupported("put");
    }

    @Override
    public ValueWrapper putIfAbsent(Object key, Object value) {
      throw unsupported("putIfAbsent");
    }

    @Override
    public void evict(Object key) {
      throw unsupported("evict");
    }

    @Override
    public void clear() {
      cache.invalidateAll();
    }

    private UnsupportedOperationException unsupported(String operation) {
      return new UnsupportedOperationException("Tiered cache " + name + " is keyed by its interface's methods: "
          + operation + " by key is not supported; call the service, use @Invalidate, or clear() it");
    }
  }
}
