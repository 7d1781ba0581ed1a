package dev.tiered.bench.peers;

import com.alicp.jetcache.CacheBuilder;
import com.alicp.jetcache.anno.CacheConsts;
import com.alicp.jetcache.anno.CacheType;
import com.alicp.jetcache.anno.Cached;
import com.alicp.jetcache.anno.KeyConvertor;
import com.alicp.jetcache.anno.config.EnableMethodCache;
import com.alicp.jetcache.anno.support.GlobalCacheConfig;
import com.alicp.jetcache.anno.support.JetCacheBaseBeans;
import com.alicp.jetcache.embedded.CaffeineCacheBuilder;
import com.alicp.jetcache.redis.RedisCacheBuilder;
import com.alicp.jetcache.support.Fastjson2KeyConvertor;
import com.alicp.jetcache.support.JavaValueDecoder;
import com.alicp.jetcache.support.JavaValueEncoder;
import dev.tiered.bench.Kind;
import dev.tiered.bench.User;
import dev.tiered.bench.UserService;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import redis.clients.jedis.UnifiedJedis;

/**
 * JetCache's two-level cache as its documentation sets it up without Spring Boot: {@code @Cached(cacheType =
 * BOTH)} methods on a bean, {@code @EnableMethodCache}, a Caffeine local tier (same size and ttl as Tiered's L1,
 * keys used as they are) and a Redis remote tier through Jedis (fastjson2 keys, Java-serialized values), called
 * through the Spring proxy. Statistics are off, so that JetCache pays no monitor on a hit.
 */
public final class JetCacheUsers implements AutoCloseable {
  private final AnnotationConfigApplicationContext context;
  private final UserService users;

  /** Starts a context whose cached bean delegates to {@code delegate} and whose remote tier is {@code redis}. */
  public JetCacheUsers(UserService delegate, UnifiedJedis redis) {
    context = new AnnotationConfigApplicationContext();
    context.registerBean("database", UserService.class, () -> delegate,
        definition -> definition.setAutowireCandidate(false));
    context.registerBean("redis", UnifiedJedis.class, () -> redis, definition -> definition.setDestroyMethodName(""));
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
  // The JDK proxy hands JetCache the interface's method (UserService#find): its package must be among the base
  // packages too, or JetCache quietly calls the bean without caching.
  @EnableMethodCache(basePackages = "dev.tiered.bench")
  @Import(JetCacheBaseBeans.class)
  public static class Config {

    /** The tiers: Caffeine locally, Redis remotely. */
    @Bean
    public GlobalCacheConfig config(UnifiedJedis redis) {
      Map<String, CacheBuilder> local = new HashMap<>();
      local.put(CacheConsts.DEFAULT_AREA, CaffeineCacheBuilder.createCaffeineCacheBuilder()
          .keyConvertor(KeyConvertor.NONE_INSTANCE));
      Map<String, CacheBuilder> remote = new HashMap<>();
      remote.put(CacheConsts.DEFAULT_AREA, RedisCacheBuilder.createRedisCacheBuilder()
          .jedis(redis)
          .keyConvertor(Fastjson2KeyConvertor.INSTANCE)
          .valueEncoder(JavaValueEncoder.INSTANCE)
          .valueDecoder(JavaValueDecoder.INSTANCE));
      GlobalCacheConfig config = new GlobalCacheConfig();
      config.setLocalCacheBuilders(local);
      config.setRemoteCacheBuilders(remote);
      config.setStatIntervalMinutes(0);
      return config;
    }

    /** The cached service. */
    @Bean
    public UserService users(ApplicationContext context) {
      return new CachedUsers((UserService) context.getBean("database"));
    }
  }

  /** The bean whose methods JetCache caches. */
  public static class CachedUsers implements UserService {
    private final UserService delegate;

    /** A bean over {@code delegate}. */
    public CachedUsers(UserService delegate) {
      this.delegate = delegate;
    }

    @Override
    @Cached(name = "users.find.", cacheType = CacheType.BOTH, key = "#id", expire = 600, localLimit = 10_000)
    public User find(long id) {
      return delegate.find(id);
    }

    @Override
    @Cached(name = "users.search.", cacheType = CacheType.BOTH, key = "#name + ':' + #kind", expire = 600,
        localLimit = 10_000)
    public User search(String name, Kind kind) {
      return delegate.search(name, kind);
    }
  }
}
