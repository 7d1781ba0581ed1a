package dev.tiered.spring;

import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of every decorator ({@link TieredMeters}), bound by Boot like any {@link MeterBinder} bean.
 */
@AutoConfiguration(after = TieredAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(TieredDecorators.class)
public class TieredMetricsAutoConfiguration {

  @Bean
  TieredMeters tieredMeters(TieredDecorators decorators) {
    return new TieredMeters(decorators);
  }
}
