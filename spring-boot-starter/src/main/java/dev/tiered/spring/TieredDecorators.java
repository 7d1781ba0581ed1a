package dev.tiered.spring;

import dev.tiered.runtime.Backend;
import dev.tiered.runtime.TieredCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The decorators the starter serves in this context, one per bean that implements a {@code @Tiered} interface:
 * what the meters, the {@code tiered} health indicator and the caches endpoint look at. A bean of its own, so that
 * an application can list them too.
 */
public final class TieredDecorators {
  private final Map<String, Decorated> byBean = new LinkedHashMap<>();
  private final List<Consumer<Decorated>> listeners = new CopyOnWriteArrayList<>();

  /**
   * One served decorator.
   *
   * @param name the cache's name, unique in this context: {@code @Tiered(name)}, followed by {@code (beanName)} when
   *     two beans implement interfaces of one cache name
   * @param beanName the bean it serves
   * @param serviceInterface the {@code @Tiered} interface
   * @param cache the generated decorator
   * @param l1 its first tier
   * @param l2 its second tier
   */
  public record Decorated(
      String name, String beanName, Class<?> serviceInterface, TieredCache cache, Backend l1, Backend l2) {}

  TieredDecorators() {}

  /** Every decorator served, in the order the beans were made. */
  public synchronized List<Decorated> all() {
    return List.copyOf(byBean.values());
  }

  /** The decorator of the cache named {@code name} (see {@link Decorated#name()}). */
  public synchronized Optional<Decorated> named(String name) {
    return byBean.values().stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** The name a new decorator of {@code cacheName} for {@code beanName} gets. */
  synchronized String uniqueName(String cacheName, String beanName) {
    return named(cacheName).isPresent() ? cacheName + "(" + beanName + ")" : cacheName;
  }

  void add(Decorated decorated) {
    synchronized (this) {
      byBean.put(decorated.beanName(), decorated);
    }
    listeners.forEach(listener -> listener.accept(decorated));
  }

  /** Calls {@code listener} for every decorator served so far, and for each one served later. */
  void forEach(Consumer<Decorated> listener) {
    List<Decorated> existing;
    synchronized (this) {
      listeners.add(listener);
      existing = new ArrayList<>(byBean.values());
    }
    existing.forEach(listener);
  }

  synchronized Decorated remove(String beanName) {
    return byBean.remove(beanName);
  }

  synchronized boolean serves(String beanName) {
    return byBean.containsKey(beanName);
  }
}
