package dev.tiered.it.policy;

import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.RedisBackend;

/** Two Redis tiers read in order: a dead L1 falls through to L2. */
@Tiered(name = "dualseq", l1 = RedisBackend.class, l2 = RedisBackend.class, read = ReadPolicy.SEQUENTIAL)
public interface DualRedisSequential extends Lookup {}
