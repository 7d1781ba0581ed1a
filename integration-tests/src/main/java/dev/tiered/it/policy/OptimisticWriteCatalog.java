package dev.tiered.it.policy;

import dev.tiered.WritePolicy;
import dev.tiered.Tiered;
import dev.tiered.runtime.Backend;

/** Writes {@code OPTIMISTIC_PARALLEL}: both tiers at once, both awaited. */
@Tiered(name = "optwrite", l1 = Backend.class, l2 = Backend.class, write = WritePolicy.OPTIMISTIC_PARALLEL)
public interface OptimisticWriteCatalog extends Lookup {}
