package dev.tiered.bench;

import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;
import dev.tiered.runtime.RedisBackend;

/** The {@code RACE} read subject: a slow L1 ({@link SlowBackend}) raced against Redis. */
@Tiered(name = "race", l1 = Backend.class, l2 = RedisBackend.class, read = ReadPolicy.RACE, ttl = "10m")
public interface RaceUsers {

  /** One user by id. */
  User find(long id);
}
