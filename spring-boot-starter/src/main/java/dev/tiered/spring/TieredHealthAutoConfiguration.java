package dev.tiered.spring;

import dev.tiered.runtime.RedisBackend;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code tiered} health indicator ({@link TieredHealth}), in the health API of the application's Boot: Boot
 * 3.5's {@code org.springframework.boot.actuate.health}, or Boot 4.0's {@code
 * org.springframework.boot.health.contributor}. {@code management.health.tiered.enabled=false} turns it off.
 */
@AutoConfiguration(after = TieredAutoConfiguration.class)
@ConditionalOnBean(TieredDecorators.class)
@ConditionalOnProperty(prefix = "management.health.tiered", name = "enabled", matchIfMissing = true)
public class TieredHealthAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  TieredHealth tieredHealth(TieredDecorators decorators, ObjectProvider<RedisBackend> redis) {
    return new TieredHealth(decorators, redis.orderedStream().toList());
  }

  /** Boot 3.5. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.AbstractHealthIndicator")
  static class Boot3 {
    @Bean
    @ConditionalOnMissingBean(name = "tieredHealthIndicator")
    dev.tiered.spring.boot3.TieredHealthIndicator tieredHealthIndicator(TieredHealth health) {
      return new dev.tiered.spring.boot3.TieredHealthIndicator(health);
    }
  }

  /** Boot 4.0. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.AbstractHealthIndicator")
  static class Boot4 {
    @Bean
    @ConditionalOnMissingBean(name = "tieredHealthIndicator")
    dev.tiered.spring.boot4.TieredHealthIndicator tieredHealthIndicator(TieredHealth health) {
      return new dev.tiered.spring.boot4.TieredHealthIndicator(health);
    }
  }
}
