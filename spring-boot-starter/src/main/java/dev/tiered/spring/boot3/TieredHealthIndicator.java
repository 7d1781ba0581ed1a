package dev.tiered.spring.boot3;

import dev.tiered.spring.TieredHealth;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** The {@code tiered} health indicator on Spring Boot 3.5 (see {@link TieredHealth}). */
public final class TieredHealthIndicator extends AbstractHealthIndicator {
  private final TieredHealth health;

  /** An indicator reporting {@code health}. */
  public TieredHealthIndicator(TieredHealth health) {
    super("Tiered health check failed");
    this.health = health;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    TieredHealth.Result result = health.check();
    (result.up() ? builder.up() : builder.down()).withDetails(result.details());
  }
}
