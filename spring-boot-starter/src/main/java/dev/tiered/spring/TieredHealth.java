package dev.tiered.spring;

import dev.tiered.runtime.Backend;
import dev.tiered.runtime.InvalidationStats;
import dev.tiered.runtime.RedisBackend;
import dev.tiered.spring.TieredDecorators.Decorated;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the {@code tiered} health indicator reports, apart from Boot's health types (which moved package in Boot
 * 4.0): each Redis tier's answer to a {@code PING}, the state of its circuit breaker and of its invalidation
 * subscription (with what it announced, heard and repaired), and the caches served.
 * Redis down makes the health DOWN, though calls go on (from L1 and the delegate).
 */
public final class TieredHealth {
  private final TieredDecorators decorators;
  private final List<RedisBackend> beans;

  /** The outcome of one check. */
  public record Result(boolean up, Map<String, Object> details) {}

  TieredHealth(TieredDecorators decorators, List<RedisBackend> beans) {
    this.decorators = decorators;
    this.beans = List.copyOf(beans);
  }

  /** Pings every Redis tier once. */
  public Result check() {
    Set<RedisBackend> redis = Collections.newSetFromMap(new IdentityHashMap<>());
    redis.addAll(beans);
    List<String> caches = new ArrayList<>();
    for (Decorated d : decorators.all()) {
      caches.add(d.name());
      for (Backend tier : List.of(d.l1(), d.l2())) {
        if (tier instanceof RedisBackend r) {
          redis.add(r);
        }
      }
    }
    boolean up = true;
    Map<String, Object> details = new LinkedHashMap<>();
    List<Map<String, Object>> servers = new ArrayList<>();
    for (RedisBackend r : redis) {
      Map<String, Object> server = new LinkedHashMap<>();
      server.put("backend", r.toString());
      server.put("circuit", r.circuit().name());
      InvalidationStats bus = r.invalidations();
      server.put("invalidations", Map.of(
          "subscription", bus.subscription().name(),
          "published", bus.published(),
          "received", bus.received(),
          "repairs", bus.repairs()));
      try {
        Duration took = r.ping();
        server.put("status", "UP");
        server.put("pingMillis", took.toNanos() / 1e6);
      } catch (RuntimeException e) {
        up = false;
        server.put("status", "DOWN");
        server.put("error", e.getClass().getName() + ": " + e.getMessage());
      }
      servers.add(server);
    }
    details.put("redis", servers);
    details.put("caches", caches);
    return new Result(up, details);
  }
}
