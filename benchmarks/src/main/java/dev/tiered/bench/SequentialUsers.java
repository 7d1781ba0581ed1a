package dev.tiered.bench;

import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;
import dev.tiered.runtime.RedisBackend;

/** The {@code SEQUENTIAL} read subject: the same slow L1 as {@link RaceUsers}, read before Redis. */
@Tiered(name = "seq", l1 = Backend.class, l2 = RedisBackend.class, read = ReadPolicy.SEQUENTIAL, ttl = "10m")
public interface SequentialUsers {

  /** One user by id. */
  User find(long id);
}
