package dev.tiered.bench.peers;

import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tiered.bench.Kind;
import dev.tiered.bench.User;
import dev.tiered.bench.UserService;
import java.time.Duration;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring's cache abstraction as an application uses it: {@code @Cacheable} methods on a bean, {@code @EnableCaching},
 * a {@link CaffeineCacheManager} with the same size and ttl as Tiered's L1, called through the proxy that the
 * context makes (a JDK proxy of {@link UserService}). Spring caches in one tier only; an L1 hit is what is measured.
 */
public final class SpringUsers implements AutoCloseable {
  private final AnnotationConfigApplicationContext context;
  private final UserService users;

  /** Starts a context whose cached bean delegates to {@code delegate}. */
  public SpringUsers(UserService delegate) {
    context = new AnnotationConfigApplicationContext();
    context.registerBean("database", UserService.class, () -> delegate,
        definition -> definition.setAutowireCandidate(false));
    context.register(Config.class);
    context.refresh();
    users = context.getBean("users", UserService.class);
  }

  /** The proxy. */
  public UserService users() {
    return users;
  }

  @Override
  public void close() {
    context.close();
  }

  /** The context's configuration. */
  @Configuration(proxyBeanMethods = false)
  @EnableCaching
  public static class Config {

    /** The cache manager: Caffeine, bounded and expiring like Tiered's L1. */
    @Bean
    public CacheManager cacheManager() {
      CaffeineCacheManager manager = new CaffeineCacheManager("users.find", "users.search");
      manager.setCaffeine(Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)));
      return manager;
    }

    /** The cached service. */
    @Bean
    public UserService users(org.springframework.context.ApplicationContext context) {
      return new Cached((UserService) context.getBean("database"));
    }
  }

  /** The bean whose methods Spring caches. */
  public static class Cached implements UserService {
    private final UserService delegate;

    /** A bean over {@code delegate}. */
    public Cached(UserService delegate) {
      this.delegate = delegate;
    }

    @Override
    @Cacheable("users.find")
    public User find(long id) {
      return delegate.find(id);
    }

    @Override
    @Cacheable("users.search")
    public User search(String name, Kind kind) {
      return delegate.search(name, kind);
    }
  }
}
