package dev.tiered.spring.boot4;

import dev.tiered.spring.TieredHealth;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** The {@code tiered} health indicator on Spring Boot 4.0 (see {@link TieredHealth}). */
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
