package dev.tiered.it.policy;

import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.WritePolicy;
import dev.tiered.runtime.CaffeineBackend;
import dev.tiered.runtime.RedisBackend;

/** Caffeine over Redis, racing both reads and writes: neither may wait for a Redis that does not answer. */
@Tiered(
    name = "rusers",
    l1 = CaffeineBackend.class,
    l2 = RedisBackend.class,
    read = ReadPolicy.RACE,
    write = WritePolicy.RACE)
public interface RacingUsers extends Lookup {}
