package dev.tiered.spring;

import dev.tiered.runtime.Backend;
import dev.tiered.runtime.CacheKey;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.TieredCache;
import dev.tiered.runtime.TieredListener;
import dev.tiered.spring.DecoratorFactory.Served;
import java.util.List;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * What the post-processor needs to build a decorator, as a bean made after it: the {@code tiered.*} properties, the
 * tiers, and the listeners (the meters', the application's {@link TieredListener} beans).
 */
final class TieredWiring {
  private final ConfigurableListableBeanFactory beanFactory;
  private final TieredProperties properties;
  private final List<TieredListener> listeners;
  private final CallObserver observer;

  /** A decorator with its two tiers. */
  record Built(TieredCache cache, Backend l1, Backend l2) {}

  TieredWiring(ConfigurableListableBeanFactory beanFactory, TieredProperties properties, List<TieredListener> listeners,
      CallObserver observer) {
    this.beanFactory = beanFactory;
    this.properties = properties;
    this.listeners = List.copyOf(listeners);
    this.observer = observer;
  }

  /** What sees every call of a decorator (the meters' timers), or null. */
  CallObserver observer() {
    return observer;
  }

  /**
   * Builds the decorator of {@code delegate}. Its name, which sizes a Caffeine tier ({@code
   * tiered.caches.<name>.l1-maximum-size}), is known only from the decorator ({@code @Tiered} is not kept at run
   * time): when it has a size of its own, the decorator is built again with it.
   */
  Built build(Served served, Object delegate, String beanName) {
    Class<?>[] types = DecoratorFactory.tierTypes(served);
    Built first = build(served, delegate, beanName, types, null);
    String name = first.cache().cacheName();
    if (properties.l1MaximumSize(name) == properties.getL1().getMaximumSize()) {
      return first;
    }
    first.cache().close();
    return build(served, delegate, beanName, types, name);
  }

  private Built build(Served served, Object delegate, String beanName, Class<?>[] types, String cacheName) {
    Backend l1 = backend(types[0], cacheName, beanName, served);
    Backend l2 = backend(types[1], cacheName, beanName, served);
    return new Built(DecoratorFactory.build(served, delegate, l1, l2, listener()), l1, l2);
  }

  /** Makes the destruction of {@code beanName}, which closes its decorator, come before its tiers' beans'. */
  void dependOnTiers(String beanName) {
    for (String backend : beanFactory.getBeanNamesForType(Backend.class, false, false)) {
      beanFactory.registerDependentBean(backend, beanName);
    }
  }

  private Backend backend(Class<?> type, String cacheName, String beanName, Served served) {
    if (type == CaffeineBackend.class) {
      // One per cache, so that its size, entries and evictions are the cache's own.
      return CaffeineBackend.create(cacheName == null ? properties.getL1().getMaximumSize()
          : properties.l1MaximumSize(cacheName));
    }
    try {
      return (Backend) beanFactory.getBean(type);
    } catch (NoSuchBeanDefinitionException e) {
      throw new IllegalStateException("Bean '" + beanName + "' implements " + served.serviceInterface().getName()
          + ", whose @Tiered names the tier " + type.getName() + ", but the context has no bean of that type."
          + " Declare one (an @Bean returning " + type.getSimpleName() + ").", e);
    }
  }

  private TieredListener listener() {
    if (listeners.isEmpty()) {
      return null;
    }
    if (listeners.size() == 1) {
      return listeners.get(0);
    }
    return new TieredListener() {
      @Override
      public void onCall(CallEvent event) {
        for (TieredListener listener : listeners) {
          listener.onCall(event);
        }
      }

      @Override
      public void onError(String tier, String operation, CacheKey key, Throwable error) {
        for (TieredListener listener : listeners) {
          listener.onError(tier, operation, key, error);
        }
      }
    };
  }
}
