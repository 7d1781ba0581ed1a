package dev.tiered.it.policy;

import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;

/** Entries live 10 minutes, 1 minute in L1; refill {@code ALWAYS}. */
@Tiered(name = "shortl1", l1 = Backend.class, l2 = Backend.class, ttl = "10m", l1Ttl = "1m")
public interface ShortL1Catalog extends Lookup {}
