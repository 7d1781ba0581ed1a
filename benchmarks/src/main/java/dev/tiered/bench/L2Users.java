package dev.tiered.bench;

import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;
import dev.tiered.runtime.RedisBackend;

/**
 * The L2-hit subject: L1 is declared as the {@link Backend} SPI so that the benchmark can plug in {@link
 * MissingBackend}, an in-process tier that never holds anything, and every call reads Redis.
 */
@Tiered(name = "l2", l1 = Backend.class, l2 = RedisBackend.class, ttl = "10m")
public interface L2Users {

  /** One user by id. */
  User find(long id);
}
