package dev.tiered.spring;

import dev.tiered.runtime.RedisBackend;
import dev.tiered.runtime.TieredListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import redis.clients.jedis.UnifiedJedis;

/**
 * Serves every bean that implements a {@code @Tiered} interface through its generated decorator (see {@link
 * TieredBeanPostProcessor}), with its L2 on Redis from {@code spring.data.redis.*} and its L1 sized by {@code
 * tiered.*} ({@link TieredProperties}). An application's own {@link RedisBackend} bean, or {@link UnifiedJedis}
 * bean, is used instead of the one made here.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "tiered", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(TieredProperties.class)
public class TieredAutoConfiguration {

  /** Static: a post-processor is made before the other beans, and must not make this configuration early. */
  @Bean
  static TieredBeanPostProcessor tieredBeanPostProcessor() {
    return new TieredBeanPostProcessor();
  }

  @Bean
  TieredDecorators tieredDecorators(TieredBeanPostProcessor postProcessor) {
    return postProcessor.decorators();
  }

  @Bean
  TieredWiring tieredWiring(ConfigurableListableBeanFactory beanFactory, TieredProperties properties,
      ObjectProvider<TieredListener> listeners, ObjectProvider<CallObserver> observer) {
    return new TieredWiring(beanFactory, properties, listeners.orderedStream().toList(), observer.getIfUnique());
  }

  /** The Jedis client of the shared tier, from {@code spring.data.redis.*}; closed with the context. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean({UnifiedJedis.class, RedisBackend.class})
  UnifiedJedis tieredJedis(Environment environment, TieredProperties properties, ObjectProvider<SslBundles> ssl) {
    SpringDataRedis redis = Binder.get(environment)
        .bind("spring.data.redis", SpringDataRedis.class)
        .orElseGet(SpringDataRedis::defaults);
    return new RedisClientFactory(redis, properties.getRedis(), ssl.getIfAvailable()).create();
  }

  /** The shared tier of every decorator whose {@code @Tiered(l2)} is {@link RedisBackend}. */
  @Bean
  @ConditionalOnMissingBean(RedisBackend.class)
  RedisBackend tieredRedisBackend(ObjectProvider<UnifiedJedis> jedis, TieredProperties properties) {
    return RedisBackend.builder()
        .client(jedis.getObject())
        .keyPrefix(properties.getKeyPrefix())
        .failFast(properties.getRedis().getFailFast())
        .build();
  }

  /**
   * The decorators as a Spring {@code CacheManager}, for {@code /actuator/caches}. Not a default candidate, so it
   * never stands in for the application's own cache manager, nor keeps Boot from making one.
   */
  @Bean(defaultCandidate = false)
  TieredCacheManager tieredCacheManager(TieredDecorators decorators) {
    return new TieredCacheManager(decorators);
  }
}
