package dev.tiered.it.policy;

import dev.tiered.ReadPolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;

/** Reads {@code PARALLEL}: both tiers awaited, the entry that lives longer wins, L1 on ties. */
@Tiered(name = "par", l1 = Backend.class, l2 = Backend.class, read = ReadPolicy.PARALLEL)
public interface ParallelCatalog extends Lookup {}
