package dev.tiered.it.policy;

import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;

/**
 * Two remote tiers (two Redis servers in the tests, behind backends that observe them) racing reads: the call is
 * answered by whichever server has the entry first.
 */
@Tiered(name = "dual", l1 = Backend.class, l2 = Backend.class, read = ReadPolicy.RACE)
public interface DualRedisRace extends Lookup {}
